/**
 * What the scheduler in this tab is doing, for the header and banners: its role, whether it stepped down for a
 * newer version of the app in another tab, whether an older tab blocks this one's upgrade, and the last
 * storage failure (with what to do about it).
 */
import type { SchedulerRole } from '../engine/scheduler-lease';

class EngineStatus {
	role = $state<SchedulerRole | null>(null);
	/** A newer version of mlTrainer upgraded the database in another tab: this tab stopped and must reload. */
	upgradedElsewhere = $state(false);
	/** This tab's newer schema waits for an older tab to close. */
	blockedByOlderTab = $state(false);
	/** The last failed write, in words (what failed, why, what to do); cleared when the user dismisses it. */
	storageProblem = $state<string | null>(null);
}

export const engineStatus = new EngineStatus();

/**
 * The trial engine (scheduler and worker pool, and through them the catalog and the compliance code) loads
 * when there is work for it: a fold queued, or left running by a tab that closed (to be recovered), in this
 * tab or another. Until then it stays out of the page, so a first visit does not fetch it. A page that submits
 * a trial loads the engine itself; the fold it queues then starts the scheduler here.
 */
import { liveQuery } from 'dexie';
import { db } from './db';
import { logger } from '../security/logger';

export type EngineRole = 'leader' | 'follower' | 'stopped';

export interface EngineModule {
	startEngine(): Promise<EngineRole>;
	readonly engine: { readonly busy: boolean };
}
export interface QueueModule {
	watchQueue(): () => void;
}

/** What the layout learns once the engine runs: this tab's role, and whether a trial runs in it. */
export type OnEngineStarted = (role: EngineRole, engine: { readonly busy: boolean }) => void;

/** Starts watching; returns the function that stops the watch (the engine, once started, runs for the page). */
export function startEngineWhenNeeded(
	onStarted: OnEngineStarted,
	load: () => Promise<[EngineModule, QueueModule]> = () =>
		Promise.all([import('./engine'), import('./trials')])
): () => void {
	let stopped = false;
	let loading = false;
	let stopQueueWatch: (() => void) | null = null;
	const sub = liveQuery(() => db.jobs.where('status').anyOf('queued', 'running').count()).subscribe({
		next: (pending) => {
			if (pending === 0 || loading) return;
			loading = true;
			void (async () => {
				try {
					const [engineModule, queue] = await load();
					if (stopped) return;
					sub.unsubscribe();
					const role = await engineModule.startEngine();
					if (stopped) return;
					stopQueueWatch = queue.watchQueue();
					onStarted(role, engineModule.engine);
				} catch (e) {
					loading = false;
					logger.error('the trial engine could not be started', e);
				}
			})();
		},
		error: (e: unknown) => logger.error('watching for queued trials failed', e)
	});
	return () => {
		stopped = true;
		sub.unsubscribe();
		stopQueueWatch?.();
	};
}

export interface AnalysisResumer {
	resumeAnalyses(): Promise<number>;
}

/** How often a tab looks for analyses a closed or crashed tab left running (their lease must pass first). */
export const ANALYSIS_RESUME_EVERY_MS = 60_000;

/**
 * Analyses left "running" by a tab that closed are taken over here once their lease has passed: while any is
 * running (in any tab), this tab loads the analysis service and asks it to resume now and every minute.
 */
export function resumeAnalysesWhenNeeded(
	load: () => Promise<AnalysisResumer> = () => import('./analyses'),
	everyMs = ANALYSIS_RESUME_EVERY_MS
): () => void {
	let timer: ReturnType<typeof setInterval> | null = null;
	const resume = () =>
		void load()
			.then((m) => m.resumeAnalyses())
			.catch((e) => logger.warn('resuming analyses failed', e));
	const sub = liveQuery(() => db.analyses.where('status').equals('running').count()).subscribe({
		next: (running) => {
			if (running > 0 && !timer) {
				resume();
				timer = setInterval(resume, everyMs);
			} else if (running === 0 && timer) {
				clearInterval(timer);
				timer = null;
			}
		},
		error: (e: unknown) => logger.error('watching for running analyses failed', e)
	});
	return () => {
		sub.unsubscribe();
		if (timer) clearInterval(timer);
	};
}

export interface StudyStepper {
	runStudies(): void;
}

/**
 * While any study is running (started in this tab or another, or left running by a tab that closed), this tab
 * loads the study service and steps the studies it can lease; the service stops its timer when none is left.
 */
export function runStudiesWhenNeeded(
	load: () => Promise<StudyStepper> = () => import('./studies')
): () => void {
	const sub = liveQuery(() => db.studies.where('status').equals('running').count()).subscribe({
		next: (running) => {
			if (running > 0)
				void load()
					.then((m) => m.runStudies())
					.catch((e) => logger.warn('running studies failed', e));
		},
		error: (e: unknown) => logger.error('watching for running studies failed', e)
	});
	return () => sub.unsubscribe();
}

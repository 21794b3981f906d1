/**
 * The one overriding goal: set, replaced or cleared, never edited in place. History is append-only (the goals
 * store) and every change is audited; a goal is validated by the gateway's text policy first.
 */
import { liveQuery, type Observable } from 'dexie';
import { appendAudit } from '../db/audit-log';
import type { GoalRecord } from '../db/chat-records';
import { stripHidden } from '../domain/text';
import { validateGoal } from '../research/goal';
import { db } from './db';

export async function currentGoal(): Promise<GoalRecord | null> {
	const last = await db.goals.orderBy('seq').last();
	return last && last.action !== 'clear' ? last : null;
}

export type GoalResult =
	{ ok: true; goal: GoalRecord; warnings: string[] } | { ok: false; code: string; reason: string };

export async function setGoal(
	text: string,
	reason: string,
	source: GoalRecord['source']
): Promise<GoalResult> {
	// Hidden characters are removed before anything is stored; validateGoal judged the same stripped text and its
	// warning says what was removed.
	const v = validateGoal(text);
	text = stripHidden(text).text;
	reason = stripHidden(reason).text;
	if (!v.valid) {
		await appendAudit(db, {
			type: 'compliance.decision',
			subject: 'goal',
			summary: `Goal refused (${v.code}): ${v.reason}`,
			detail: { allowed: false, code: v.code, reason: v.reason, where: 'goal', source }
		});
		return { ok: false, code: v.code, reason: v.reason };
	}
	const goal = await db.transaction('rw', db.goals, db.audit, async () => {
		const last = await db.goals.orderBy('seq').last();
		const active = last && last.action !== 'clear';
		const record: GoalRecord = {
			seq: (last?.seq ?? 0) + 1,
			at: Date.now(),
			action: active ? 'replace' : 'set',
			text: text.trim(),
			reason: reason.trim(),
			components: v.components,
			source
		};
		await db.goals.add(record);
		await appendAudit(db, {
			type: 'goal.changed',
			subject: `goal#${record.seq}`,
			summary: `Goal ${record.action === 'set' ? 'set' : 'replaced'}${source === 'claude' ? ' (proposed by mlTrainer, approved by the user)' : ''}: ${record.text}`,
			detail: {
				action: record.action,
				text: record.text,
				reason: record.reason,
				source,
				previous: active ? last.seq : null
			}
		});
		return record;
	});
	return { ok: true, goal, warnings: v.warnings };
}

export async function clearGoal(reason: string): Promise<void> {
	await db.transaction('rw', db.goals, db.audit, async () => {
		const last = await db.goals.orderBy('seq').last();
		if (!last || last.action === 'clear') return;
		const record: GoalRecord = {
			seq: last.seq + 1,
			at: Date.now(),
			action: 'clear',
			text: '',
			reason: reason.trim(),
			components: null,
			source: 'user'
		};
		await db.goals.add(record);
		await appendAudit(db, {
			type: 'goal.changed',
			subject: `goal#${record.seq}`,
			summary: 'Goal cleared',
			detail: { action: 'clear', reason: record.reason, previous: last.seq }
		});
	});
}

/** The goal history, newest first, live across tabs. */
export function watchGoalHistory(): Observable<GoalRecord[]> {
	return liveQuery(() => db.goals.orderBy('seq').reverse().toArray());
}

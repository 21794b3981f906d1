/**
 * Lockdown: no acting tool can be approved while it is on, and a banner says why. It is switched on by hand or
 * automatically after LOCKDOWN_REFUSALS refused tool calls within an hour (Claude repeatedly asking for what the
 * gateway refuses is a sign of a prompt injection or a confused turn). Leaving it takes a confirmation; both
 * directions are audited.
 */
import { z } from 'zod';
import { appendAudit } from '../../db/audit-log';
import { db } from '../db';

export const LOCKDOWN_REFUSALS = 5;
export const LOCKDOWN_WINDOW_MS = 60 * 60_000;

export const lockdownSchema = z.object({
	on: z.boolean(),
	since: z.number().nullable(),
	reason: z.string()
});
export type Lockdown = z.infer<typeof lockdownSchema>;

const KEY = 'lockdown';
const OFF: Lockdown = { on: false, since: null, reason: '' };

export async function getLockdown(): Promise<Lockdown> {
	const row = await db.settings.get(KEY);
	const parsed = lockdownSchema.safeParse(row?.value);
	return parsed.success ? parsed.data : OFF;
}

export async function enterLockdown(reason: string, automatic: boolean, now = Date.now()): Promise<void> {
	await db.transaction('rw', db.settings, db.audit, async () => {
		const current = await getLockdown();
		if (current.on) return;
		await db.settings.put({ key: KEY, value: { on: true, since: now, reason } });
		await appendAudit(
			db,
			{
				type: 'ai.lockdown',
				subject: 'lockdown',
				summary: `Lockdown on${automatic ? ' (automatic)' : ''}: ${reason}`,
				detail: { on: true, automatic, reason }
			},
			now
		);
	});
}

export async function leaveLockdown(now = Date.now()): Promise<void> {
	await db.transaction('rw', db.settings, db.audit, async () => {
		const current = await getLockdown();
		if (!current.on) return;
		await db.settings.put({ key: KEY, value: OFF });
		await appendAudit(
			db,
			{
				type: 'ai.lockdown',
				subject: 'lockdown',
				summary: 'Lockdown lifted by the user',
				detail: { on: false, wasOnSince: current.since, reason: current.reason }
			},
			now
		);
	});
}

/** After a refused tool call: switches lockdown on when refusals in the last hour reach the limit. */
export async function checkRefusals(now = Date.now()): Promise<boolean> {
	const recent = await db.toolCalls
		.where('createdAt')
		.above(now - LOCKDOWN_WINDOW_MS)
		.filter((c) => c.state === 'refused' || c.state === 'invalid')
		.count();
	if (recent < LOCKDOWN_REFUSALS) return false;
	await enterLockdown(`${recent} tool calls were refused within an hour`, true, now);
	return true;
}

/**
 * User settings (IndexedDB, one row): which Polygon/Massive host to call, the plan's call budget, an optional
 * FRED relay and the vault's idle lock. Every change is validated against this build's allowlist and audited.
 */
import { z } from 'zod';
import { originsFor } from '../compliance/allowlist';
import { appendAudit } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import { db as appDb } from './db';

/** Free plan: 5 calls a minute (Polygon/Massive pricing page; see stack notes). */
export const POLYGON_FREE_CALLS_PER_MINUTE = 5;
/** Keys lock themselves after this long without use. */
export const DEFAULT_VAULT_IDLE_MINUTES = 15;
/** Below FRED's 120 calls a minute per key, with headroom. */
export const FRED_RELAY_CALLS_PER_MINUTE = 100;

/** The hosts this build may reach beyond the approved ones (MLTRAINER_EXTRA_HOSTS at build time). */
export const EXTRA_HOSTS = __MLTRAINER_EXTRA_HOSTS__;

export const appSettingsSchema = z.object({
	polygonOrigin: z.string().default('https://api.polygon.io'),
	polygonCallsPerMinute: z
		.number({ error: 'calls per minute must be a number' })
		.int({ error: 'calls per minute must be a whole number' })
		.min(1, { error: 'calls per minute must be at least 1' })
		.max(1_000, { error: 'calls per minute must be at most 1,000' })
		.default(POLYGON_FREE_CALLS_PER_MINUTE),
	fredRelayOrigin: z.string().nullable().default(null),
	vaultIdleMinutes: z
		.number({ error: 'idle minutes must be a number' })
		.int({ error: 'idle minutes must be a whole number' })
		.min(1, { error: 'idle minutes must be at least 1' })
		.max(720, { error: 'idle minutes must be at most 720' })
		.default(DEFAULT_VAULT_IDLE_MINUTES),
	/** Claude (issue 4). The host is api.anthropic.com or a build-time extra (the tests' mock). */
	anthropicOrigin: z.string().default('https://api.anthropic.com'),
	/** Empty: the newest Sonnet-class model the installed SDK names (ai/models.ts). Any id may be typed. */
	model: z
		.string()
		.max(64, { error: 'model id takes at most 64 characters' })
		.regex(/^$|^[a-z0-9][a-z0-9.-]{2,63}$/, { error: 'model id: lower-case letters, digits, "." and "-"' })
		.default(''),
	maxTokens: z
		.number({ error: 'max tokens must be a number' })
		.int({ error: 'max tokens must be a whole number' })
		.min(256, { error: 'max tokens must be at least 256' })
		.max(64_000, { error: 'max tokens must be at most 64,000' })
		.default(4_096),
	temperature: z
		.number({ error: 'temperature must be a number' })
		.min(0, { error: 'temperature must be at least 0' })
		.max(1, { error: 'temperature must be at most 1' })
		.default(0.3),
	/** Input + output tokens a month; new calls stop when it is spent. */
	monthlyTokenBudget: z
		.number({ error: 'budget must be a number' })
		.int({ error: 'budget must be a whole number of tokens' })
		.min(1_000, { error: 'budget must be at least 1,000 tokens' })
		.max(1_000_000_000, { error: 'budget must be at most 1,000,000,000 tokens' })
		.default(2_000_000),
	/** Messages kept in the chat's prompt history. */
	memoryWindow: z
		.number({ error: 'window must be a number' })
		.int({ error: 'window must be a whole number' })
		.min(10, { error: 'window must be at least 10 messages' })
		.max(1_000, { error: 'window must be at most 1,000 messages' })
		.default(200),
	/** Send a finished trial's results to mlTrainer as the next turn when nobody waits on its tool call. */
	reportResults: z.boolean().default(true)
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

const KEY = 'app';

export function defaultSettings(): AppSettings {
	return appSettingsSchema.parse({});
}

/** Stored settings, falling back field by field to defaults (a stored value this build cannot reach is dropped). */
export async function loadSettings(db: MlTrainerDb): Promise<AppSettings> {
	const row = await db.settings.get(KEY);
	const parsed = appSettingsSchema.safeParse(row?.value ?? {});
	const s = parsed.success ? parsed.data : defaultSettings();
	if (!originsFor('polygon', EXTRA_HOSTS).includes(s.polygonOrigin))
		s.polygonOrigin = defaultSettings().polygonOrigin;
	if (s.fredRelayOrigin !== null && !originsFor('fred-relay', EXTRA_HOSTS).includes(s.fredRelayOrigin))
		s.fredRelayOrigin = null;
	if (!originsFor('anthropic', EXTRA_HOSTS).includes(s.anthropicOrigin))
		s.anthropicOrigin = defaultSettings().anthropicOrigin;
	return s;
}

export type SettingsResult =
	{ ok: true; settings: AppSettings } | { ok: false; field: string; message: string };

export async function saveSettings(
	db: MlTrainerDb,
	patch: Partial<AppSettings>,
	now: number = Date.now()
): Promise<SettingsResult> {
	const current = await loadSettings(db);
	const parsed = appSettingsSchema.safeParse({ ...current, ...patch });
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return { ok: false, field: issue.path.map(String).join('.'), message: issue.message };
	}
	const next = parsed.data;
	if (!originsFor('polygon', EXTRA_HOSTS).includes(next.polygonOrigin))
		return {
			ok: false,
			field: 'polygonOrigin',
			message: `${next.polygonOrigin} is not a Polygon host this build may reach`
		};
	if (next.fredRelayOrigin !== null && !originsFor('fred-relay', EXTRA_HOSTS).includes(next.fredRelayOrigin))
		return {
			ok: false,
			field: 'fredRelayOrigin',
			message: `${next.fredRelayOrigin} is not in this build's Content-Security-Policy; add it with MLTRAINER_EXTRA_HOSTS when building`
		};
	if (!originsFor('anthropic', EXTRA_HOSTS).includes(next.anthropicOrigin))
		return {
			ok: false,
			field: 'anthropicOrigin',
			message: `${next.anthropicOrigin} is not an Anthropic host this build may reach`
		};
	const changed = (Object.keys(next) as (keyof AppSettings)[]).filter((k) => next[k] !== current[k]);
	if (changed.length === 0) return { ok: true, settings: next };
	await db.transaction('rw', db.settings, db.audit, async () => {
		await db.settings.put({ key: KEY, value: next });
		await appendAudit(
			db,
			{
				type: 'settings.changed',
				subject: 'settings',
				summary: `Settings changed: ${changed.join(', ')}`,
				detail: Object.fromEntries(changed.map((k) => [k, { from: current[k], to: next[k] }]))
			},
			now
		);
	});
	return { ok: true, settings: next };
}

/** The settings as stored in this browser (defaults where none are). */
export function readSettings(): Promise<AppSettings> {
	return loadSettings(appDb);
}

/** Validates, stores and audits a change to the settings (see saveSettings). */
export function writeSettings(patch: Partial<AppSettings>): Promise<SettingsResult> {
	return saveSettings(appDb, patch);
}

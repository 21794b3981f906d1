/**
 * The scanner's settings (one row in the settings store, key 'scanner'): the recommendation rules with the
 * original's values as defaults (research/recommend/rule-settings.ts) and how many of a scan's best
 * recommendations open as paper positions by themselves (0: none; the user opens them).
 */
import { z } from 'zod';
import { appendAudit } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import { recommendationSettingsSchema } from '../research/recommend/rule-settings';

const KEY = 'scanner';
export const MAX_AUTO_OPEN = 20;

export const scannerSettingsSchema = z.object({
	rules: recommendationSettingsSchema.default(recommendationSettingsSchema.parse({})),
	autoOpenTopN: z
		.number({ error: 'top N must be a number' })
		.int({ error: 'top N must be a whole number' })
		.min(0, { error: 'top N cannot be negative' })
		.max(MAX_AUTO_OPEN, { error: `top N must be at most ${MAX_AUTO_OPEN}` })
		.default(0)
});
export type ScannerSettings = z.infer<typeof scannerSettingsSchema>;
export type ScannerSettingsInput = z.input<typeof scannerSettingsSchema>;

export async function loadScannerSettings(db: MlTrainerDb): Promise<ScannerSettings> {
	const row = await db.settings.get(KEY);
	const parsed = scannerSettingsSchema.safeParse(row?.value ?? {});
	// A row an older build wrote that no longer parses falls back to the defaults rather than blocking the scanner.
	return parsed.success ? parsed.data : scannerSettingsSchema.parse({});
}

/** Validates, stores and audits; throws the zod error (with the field at fault) when the input is invalid. */
export async function saveScannerSettings(
	db: MlTrainerDb,
	input: ScannerSettingsInput,
	now = Date.now()
): Promise<ScannerSettings> {
	const next = scannerSettingsSchema.parse(input);
	await db.transaction('rw', db.settings, db.audit, async () => {
		await db.settings.put({ key: KEY, value: next });
		await appendAudit(
			db,
			{ type: 'settings.changed', subject: KEY, summary: 'Scanner rules changed', detail: { ...next } },
			now
		);
	});
	return next;
}

/**
 * A small workspace for the backup tests (app/backup-*.spec.ts): datasets (one with NaN, -0 and infinities in
 * its bars), a value series, a trial with its jobs and audit events, a fold result whose metrics hold NaN, a
 * goal, a chat, and the things a backup must never hold (a vault row, settings with a key-like string).
 */
import { appendAudit } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import { newBarsDataset, newValueSeries } from '../data/dataset-record';
import { LineHasher } from '../data/backup-format';
import { createTrial } from '../engine/job-store';
import { regressionBlock, tinyFoldOutput, tinySpec, twoDayPerformance } from './fixtures';
import { trialOn } from './pinned';
import { sp500Dataset, sp500Provenance } from './sp500';

export const SECRET_TEXTS = ['VAULT-CIPHERTEXT-9f8e7d', 'sk-ant-api03-TESTKEY-1234567890'];

/** A Float64Array whose first value is a NaN with a payload other than the canonical one. */
export function oddNaNs(): Float64Array {
	const a = Float64Array.from([0, -0, Infinity, -Infinity, 1.5]);
	new DataView(a.buffer).setUint32(4, 0x7ff80001, true);
	return a;
}

export async function seedWorkspace(db: MlTrainerDb): Promise<void> {
	const spx = sp500Dataset('spx');
	await db.datasets.put(spx);
	const bars = {
		t: Float64Array.from([1, 2, 3, 4, 5]),
		open: oddNaNs(),
		high: Float64Array.from([1, 2, 3, 4, 5]),
		low: Float64Array.from([1, 2, 3, 4, 5]),
		close: Float64Array.from([1, NaN, 3, -0, 5]),
		volume: Float64Array.from([0, 0, 0, 0, 0])
	};
	await db.datasets.put(
		newBarsDataset({
			id: 'odd',
			name: 'odd numbers',
			symbol: 'ODD',
			frequency: 'daily',
			bundled: false,
			request: null,
			now: 1,
			bars,
			provenance: sp500Provenance()
		})
	);
	await db.series.put(
		newValueSeries({
			id: 'fred:PAYEMS',
			name: 'payrolls',
			seriesId: 'PAYEMS',
			title: 'All employees',
			frequency: 'monthly',
			units: 'thousands',
			provenance: sp500Provenance(),
			t: Float64Array.from([1, 2, 3]),
			value: Float64Array.from([1, 2, NaN]),
			now: 2
		})
	);
	const validation = { mode: 'rolling' as const, trainLength: 500, testLength: 250, step: 250, embargo: 1 };
	await createTrial(db, trialOn(spx, 't1', tinySpec({ datasetId: 'spx', validation }), 3));
	await createTrial(db, trialOn(spx, 't2', tinySpec({ datasetId: 'spx', name: 'second', validation }), 4));
	for (const fold of [0, 1]) {
		await db.results.put({
			trialId: 't1',
			fold,
			attempt: 1,
			finishedAt: 10 + fold,
			...tinyFoldOutput({
				importance: oddNaNs(),
				metrics: regressionBlock(
					{ rmse: NaN, mae: -0, r2: NaN, hitRate: 1, ic: 1, n: 2 },
					twoDayPerformance,
					twoDayPerformance
				)
			})
		});
	}
	await db.goals.put({
		seq: 1,
		at: 5,
		action: 'set',
		text: 'beat buy and hold',
		reason: '',
		components: { $f64: 'not a tag' },
		source: 'user'
	});
	await db.conversations.put({
		id: 'c1',
		title: 'hello',
		createdAt: 1,
		updatedAt: 2,
		inputTokens: 3,
		outputTokens: 4
	});
	await db.usage.put({ month: '2026-01', inputTokens: 10, outputTokens: 20, calls: 1 });
	await appendAudit(db, { type: 'settings.changed', subject: 'app', summary: 'changed', detail: {} }, 6);
	await db.secrets.put({ id: 'vault', ciphertext: SECRET_TEXTS[0] });
	await db.settings.put({
		key: 'app',
		value: { polygonOrigin: 'https://api.polygon.io', note: SECRET_TEXTS[1] }
	});
}

/** Lines of a plain (uncompressed) backup with the trailer's hash recomputed after an edit. */
export function retrail(lines: string[]): string {
	const body = lines.slice(0, -1);
	const hasher = new LineHasher();
	for (const l of body) hasher.update(`${l}\n`);
	const trailer = JSON.parse(lines.at(-1)!) as { sha256: string };
	trailer.sha256 = hasher.hex();
	return [...body, JSON.stringify(trailer)].join('\n') + '\n';
}

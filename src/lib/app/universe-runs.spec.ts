import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newBarsDataset } from '../data/dataset-record';
import { MlTrainerDb } from '../db/database';
import type { TrialRecord } from '../db/records';
import { aggregateFolds } from '../domain/aggregate';
import { sliceBars } from '../domain/series';
import { pinnedData, tinyFoldOutput, tinySpec } from '../testing/fixtures';
import { sp500Bars, sp500Provenance } from '../testing/sp500';
import type { SubmitResult } from './trials';
import { readUniverseRunView } from './universe-run-view';
import { listUniverseRuns, memberTrialName, readUniverseRun, startUniverseRunWith } from './universe-runs';
import { createUniverse } from './universes';

let db: MlTrainerDb;
let n = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`universe-runs-${n++}`);
	await db.open();
});
afterEach(async () => db.delete());

async function storeSeries(seriesKey: string, symbol: string): Promise<void> {
	const bars = sliceBars(sp500Bars(), 0, 300);
	await db.datasets.add(
		newBarsDataset({
			id: seriesKey,
			name: symbol,
			symbol,
			frequency: 'daily',
			provenance: sp500Provenance(bars),
			bars,
			bundled: false,
			request: null,
			now: 1
		})
	);
}

/** A universe AAA, BBB (both with data), CCC (none) and a fake gateway that refuses BBB. */
async function setup() {
	const u = await createUniverse(db, {
		name: 'Three',
		members: ['AAA', 'BBB', 'CCC'].map((s) => ({ symbol: s, seriesKey: `k-${s.toLowerCase()}` }))
	});
	await storeSeries('k-aaa', 'AAA');
	await storeSeries('k-bbb', 'BBB');
	const submitted: Record<string, unknown>[] = [];
	const submit = async (input: unknown): Promise<SubmitResult> => {
		const spec = input as Record<string, unknown>;
		submitted.push(spec);
		return spec.datasetId === 'k-bbb'
			? { ok: false, code: 'too_few_rows', reason: 'BBB has too few rows', issues: [] }
			: { ok: true, id: `trial-${String(spec.datasetId)}` };
	};
	return { u, submitted, submit };
}

describe('running one spec across a universe', () => {
	it('submits one sub-trial per member with data, same settings, named with its symbol; records refusals', async () => {
		const { u, submitted, submit } = await setup();
		const result = await startUniverseRunWith(db, submit, tinySpec({ name: 'Ridge' }), u.id, 5);
		expect(submitted.map((s) => [s.name, s.datasetId])).toEqual([
			['Ridge · AAA', 'k-aaa'],
			['Ridge · BBB', 'k-bbb']
		]);
		expect(submitted[0]).toMatchObject({ model: tinySpec().model, validation: tinySpec().validation });
		if (!result.ok) throw new Error(result.reason);
		expect(result.run.members).toEqual([
			{ symbol: 'AAA', seriesKey: 'k-aaa', datasetId: 'k-aaa', trialId: 'trial-k-aaa', refusal: null },
			{
				symbol: 'BBB',
				seriesKey: 'k-bbb',
				datasetId: 'k-bbb',
				trialId: null,
				refusal: { code: 'too_few_rows', reason: 'BBB has too few rows' }
			},
			{
				symbol: 'CCC',
				seriesKey: 'k-ccc',
				datasetId: null,
				trialId: null,
				refusal: { code: 'no_data', reason: 'no bars of CCC are stored: fetch the universe first' }
			}
		]);
		expect(result.run).toMatchObject({ universeId: u.id, universeName: 'Three', createdAt: 5 });
		expect(result.run.spec.datasetId).toBe(`universe:${u.id}`);
		expect(await readUniverseRun(db, result.run.id)).toEqual(result.run);
		expect((await listUniverseRuns(db, u.id)).map((r) => r.id)).toEqual([result.run.id]);
		const audit = await db.audit.where('type').equals('universe.run').toArray();
		expect(audit.map((a) => a.summary)).toEqual(['Run of ridge across "Three": 1 of 3 sub-trials started']);
	});

	it('refuses invalid shared settings before submitting anything, and an unknown universe', async () => {
		const { u, submitted, submit } = await setup();
		const bad = tinySpec({ target: { kind: 'forward_return', horizon: 5 } });
		const result = await startUniverseRunWith(db, submit, bad, u.id);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['validation.embargo']);
		expect(submitted).toEqual([]);
		expect(await db.universeRuns.count()).toBe(0);
		const missing = await startUniverseRunWith(db, submit, tinySpec(), 'nope');
		expect(missing).toMatchObject({ ok: false, code: 'not_found' });
	});

	it('names sub-trials within the 120-character limit, keeping the symbol', () => {
		expect(memberTrialName('', 'SPY')).toBe('SPY');
		const long = memberTrialName('x'.repeat(120), 'GLD');
		expect(long).toHaveLength(120);
		expect(long.endsWith(' · GLD')).toBe(true);
	});
});

function trialRecord(id: string, status: TrialRecord['status'], datasetId: string): TrialRecord {
	return {
		id,
		spec: tinySpec({ datasetId }),
		task: 'regression',
		status,
		createdAt: 1,
		startedAt: 1,
		finishedAt: status === 'running' ? null : 2,
		folds: 1,
		foldsDone: status === 'running' ? 0 : 1,
		foldsFailed: 0,
		error: null,
		summary: null,
		appVersion: 'test',
		data: pinnedData({ datasetId, seriesKey: datasetId }),
		foldBounds: [],
		lookahead: null
	};
}

describe('the universe run view', () => {
	it('shows each sub-trial as stored now, and the universe metrics once none is pending', async () => {
		const { u, submit } = await setup();
		await db.universes.update(u.id, { members: [...u.members, { symbol: 'DDD', seriesKey: 'k-ddd' }] });
		await storeSeries('k-ddd', 'DDD');
		const started = await startUniverseRunWith(db, submit, tinySpec(), u.id);
		if (!started.ok) throw new Error(started.reason);
		await db.trials.put(trialRecord('trial-k-aaa', 'running', 'k-aaa'));
		// DDD completed, but its results are gone: nothing of it to score.
		await db.trials.put(trialRecord('trial-k-ddd', 'completed', 'k-ddd'));
		const DAY = 86_400_000;
		const fold = tinyFoldOutput({ t: Float64Array.from([DAY, 2 * DAY]) });
		await db.results.put({ trialId: 'trial-k-aaa', fold: 0, attempt: 1, finishedAt: 2, ...fold });

		const running = await readUniverseRunView(db, started.run.id);
		expect(running?.members.map((m) => m.trial?.status ?? null)).toEqual([
			'running',
			null,
			null,
			'completed'
		]);
		expect(running?.pending).toBe(1);
		expect(running?.metrics).toBeNull();

		await db.trials.put(trialRecord('trial-k-aaa', 'completed', 'k-aaa'));
		const done = await readUniverseRunView(db, started.run.id);
		expect(done?.pending).toBe(0);
		expect(done?.covered).toEqual(['AAA']);
		const own = aggregateFolds([{ fold: 0, ...fold }], 'regression', tinySpec().strategy);
		expect(done?.metrics?.perSymbol[0].metrics.strategy).toEqual(own.strategy);
		expect(done?.metrics?.portfolio.days).toEqual(['1970-01-02', '1970-01-03']);
		// One symbol: the portfolio is that symbol's strategy.
		expect(done?.metrics?.portfolio.performance.totalReturn).toBeCloseTo(own.strategy.totalReturn, 12);
	});
});

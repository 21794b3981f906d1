import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pinInput } from '../data/feature-input-pins';
import { analysisRecordSchema, type AnalysisRecord } from '../db/analysis-records';
import { MlTrainerDb } from '../db/database';
import { analysisSpecSchema } from '../domain/analysis-spec';
import { createRng } from '../domain/random';
import { implementation as adfKpss } from '../models/stats/adf-kpss-tests.model';
import { decodeShare, encodeShare } from '../security/share-link';
import type { SharedAnalysis } from '../security/share-schema';
import { sp500Dataset } from '../testing/sp500';
import { sharedAnalysisOf } from './share-analysis';
import {
	analysisReproductionState,
	localAnalysisSpec,
	matchAnalysisInputs,
	startAnalysisReproduction,
	type SubmitAnalysisFn
} from './share-reproduce-analysis';

const ds = sp500Dataset('sp500', { bundled: true });
const params = { regression: 'ct' };

/** A completed adf_kpss_tests run on `bars` stored the way the runner stores one (result from the real entry). */
async function completed(id: string, datasetId: string, bars = ds.bars): Promise<AnalysisRecord> {
	const result = await adfKpss.evaluate({ datasets: [{ name: ds.name, bars }] }, params, {
		rng: createRng(42)
	});
	return analysisRecordSchema.parse({
		id,
		spec: {
			name: 'Is the S&P 500 stationary?',
			model: { id: 'adf_kpss_tests', params },
			inputs: [{ kind: 'dataset', id: datasetId }],
			seed: 42
		},
		task: 'test',
		input: 'series',
		status: 'completed',
		inputs: [pinInput({ kind: 'dataset', record: { ...ds, id: datasetId } })],
		alignedRows: bars.t.length,
		firstT: bars.t[0],
		lastT: bars.t[bars.t.length - 1],
		result,
		error: null,
		leaseUntil: 0,
		attempts: 1,
		runMs: 1,
		appVersion: 'test',
		createdAt: 1,
		finishedAt: 2
	});
}

let shared: SharedAnalysis;
let db: MlTrainerDb;
let n = 0;

beforeAll(async () => {
	const link = await encodeShare(sharedAnalysisOf(await completed('a', 'sp500'), 'test'));
	const back = await decodeShare(link);
	if (!back.ok || back.value.kind !== 'analysis') throw new Error('link did not decode');
	shared = back.value;
});

beforeEach(async () => {
	db = new MlTrainerDb(`share-analysis-repro-${n++}`);
});

afterEach(async () => {
	db.close();
	await db.delete();
});

/** The test's submitAnalysis: parse, store running, then complete it on the stored bars. */
const submit: SubmitAnalysisFn = async (input) => {
	const spec = analysisSpecSchema.parse(input);
	const stored = (await db.datasets.get(spec.inputs[0].id))!;
	const record = await completed('again', stored.id, stored.bars);
	await db.analyses.put({ ...record, status: 'running', result: null });
	return { ok: true, id: 'again' };
};

describe('reproducing a shared analysis', () => {
	it('names the dataset it needs when no stored one has its content hash', async () => {
		const match = await matchAnalysisInputs(db, shared);
		expect(match).toEqual({ ok: false, missing: [{ role: 'input', data: shared.inputs[0] }] });
		expect(
			await startAnalysisReproduction(db, shared, () => Promise.reject(new Error('never')))
		).toMatchObject({
			ok: false,
			code: 'missing_data'
		});
	});

	it('runs the same entry, parameters and seed on the same bars stored under another id, and finds every number identical', async () => {
		await db.datasets.put({ ...ds, id: 'mine', seriesKey: 'mine' });
		const match = await matchAnalysisInputs(db, shared);
		expect(match).toEqual({ ok: true, inputIds: ['mine'] });
		expect(localAnalysisSpec(shared, ['mine'])).toEqual({
			name: 'Is the S&P 500 stationary?',
			model: { id: 'adf_kpss_tests', params },
			inputs: [{ kind: 'dataset', id: 'mine' }],
			seed: 42
		});
		const started = await startAnalysisReproduction(db, shared, submit);
		expect(started).toEqual({ ok: true, trialId: 'again' });
		expect(await analysisReproductionState(db, shared, 'again')).toEqual({
			state: 'running',
			foldsDone: 0,
			folds: 1
		});
		await db.analyses.put(await completed('again', 'mine'));
		const state = await analysisReproductionState(db, shared, 'again');
		expect(state).toMatchObject({ state: 'done', comparison: { identical: true, differences: [] } });
		if (state.state === 'done')
			expect(state.comparison.compared).toBe(Object.keys(shared.results).length + 3);
	});

	it('lists the numbers that differ, and a changed row count, when the data is not the same', async () => {
		await db.datasets.put({ ...ds, id: 'mine', seriesKey: 'mine' });
		const cut = Object.fromEntries(
			Object.entries(ds.bars).map(([k, c]) => [k, (c as Float64Array).slice(0, -250)])
		);
		await db.analyses.put(await completed('again', 'mine', cut as typeof ds.bars));
		const state = await analysisReproductionState(db, shared, 'again');
		if (state.state !== 'done') throw new Error(state.state);
		expect(state.comparison.identical).toBe(false);
		expect(state.comparison.differences).toContainEqual({
			name: 'aligned.rows',
			shared: ds.bars.t.length,
			again: ds.bars.t.length - 250
		});
	});
});

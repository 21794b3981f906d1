/**
 * The look-ahead check of a trial whose features read other series (a benchmark and a FRED rate): each truncated
 * run gets the inputs as known on its cut day, so a causal model is still found clean, bit for bit, on the real
 * S&P 500 bars (2000–2003) and the real quarterly T-bill rate.
 */
import { describe, expect, it } from 'vitest';
import { paramsSchemaFor } from '../catalog/catalog';
import { featureInputsSchema, FeatureInputError, type FeatureInputData } from '../domain/feature-inputs';
import { featureWarmup } from '../domain/feature-spec';
import { sliceBars, type Bars } from '../domain/series';
import { usableRange, walkForwardFolds } from '../domain/splits';
import type { TrialSpec } from '../domain/trial-spec';
import { benchmarkDataset, tbillSeries, TBILL_SERIES_ID } from '../testing/feature-inputs';
import { tinySpec } from '../testing/fixtures';
import { sp500Bars } from '../testing/sp500';
import { DEFAULT_POINTS_PER_FOLD, lookaheadCheck } from './lookahead';
import { loadModel } from './registry';
import { runFold } from './run-fold';

const H = 5;
const ROWS = 900;
const bars: Bars = sliceBars(sp500Bars(), 0, ROWS);
const bench = benchmarkDataset('SPY@v1', ROWS);
const tbill = tbillSeries();
const data: FeatureInputData[] = [
	{ kind: 'dataset', id: bench.id, t: bench.bars.t, value: bench.bars.close },
	{ kind: 'series', id: tbill.id, t: tbill.t, value: tbill.value }
];

const base = tinySpec({
	model: { id: 'ridge', params: paramsSchemaFor('ridge').parse({}) as TrialSpec['model']['params'] },
	target: { kind: 'forward_return', horizon: H },
	validation: { mode: 'rolling', trainLength: 300, testLength: 100, step: 100, embargo: H },
	seed: 11
});
const spec: TrialSpec = {
	...base,
	features: {
		set: 'daily_v1',
		inputs: featureInputsSchema.parse([
			{ kind: 'dataset', id: bench.id, role: 'benchmark' },
			{ kind: 'series', id: TBILL_SERIES_ID, role: 'macro', lag: { observations: 1 } }
		])
	}
};
const folds = walkForwardFolds(usableRange(ROWS, H, featureWarmup(spec.features)), base.validation);

describe('look-ahead check with feature inputs', () => {
	it('finds no look-ahead in ridge on a benchmark and a FRED rate, each cut by what was known', async () => {
		const loaded = await loadModel('ridge');
		const report = await lookaheadCheck(spec, folds, bars, loaded, { inputs: data });
		expect(report.checkedPoints).toBe(folds.length * DEFAULT_POINTS_PER_FOLD);
		for (const p of report.perFold.flatMap((f) => f.points))
			expect(Object.is(p.truncated, p.full)).toBe(true);
		expect(report.firstLeak).toBeNull();
	});

	it('feeds the inputs to the model: its predictions differ from the same trial without them', async () => {
		const loaded = await loadModel('ridge');
		const withInputs = await runFold(spec, folds[0], bars, loaded, { inputs: data });
		const without = await runFold(base, folds[0], bars, loaded);
		expect(withInputs.predicted.length).toBe(without.predicted.length);
		expect(Array.from(withInputs.predicted)).not.toEqual(Array.from(without.predicted));
	});

	it('refuses to check a trial whose input data was not given, with a coded error', async () => {
		const loaded = await loadModel('ridge');
		await expect(lookaheadCheck(spec, folds, bars, loaded, { inputs: data.slice(0, 1) })).rejects.toThrow(
			FeatureInputError
		);
	});
});

/**
 * Feature sets through the path a trial takes: the gateway's folds start at the set's warm-up, a fold fits on the
 * set's columns (a generated set's selection made on the fold's training rows only), the fold records the names of
 * its importances, and the look-ahead check finds no leak in any set.
 */
import { describe, expect, it } from 'vitest';
import { paramsSchemaFor } from '../catalog/catalog';
import { checkTrial } from '../compliance/trial-policy';
import type { FeatureRecipe } from '../domain/feature-recipe';
import { FEATURE_SETS } from '../domain/feature-sets';
import { computeFeatureSpec, featureWarmup, type FeatureSpec } from '../domain/feature-spec';
import { sliceBars, type Bars } from '../domain/series';
import { usableRange, walkForwardFolds } from '../domain/splits';
import type { TrialSpec } from '../domain/trial-spec';
import { tinySpec } from '../testing/fixtures';
import { sp500Bars, sp500Provenance } from '../testing/sp500';
import { foldFeatures } from './fold-fit';
import { lookaheadCheck } from './lookahead';
import { loadModel } from './registry';
import { runFold } from './run-fold';

const H = 5;
const bars: Bars = sliceBars(sp500Bars(), 0, 1_200);
const RECIPE: FeatureRecipe = {
	set: 'generated_v1',
	families: ['volatility', 'trend'],
	transforms: ['diff', 'lag'],
	depth: 3,
	lag: 2,
	selection: 0.1
};

function spec(features: FeatureSpec, id = 'random_forest'): TrialSpec {
	return tinySpec({
		features,
		model: {
			id,
			params: {
				...paramsSchemaFor(id).parse({}),
				...(id === 'random_forest' ? { n_estimators: 20 } : {})
			} as TrialSpec['model']['params']
		},
		target: { kind: 'forward_return', horizon: H },
		validation: { mode: 'rolling', trainLength: 400, testLength: 150, step: 150, embargo: H },
		seed: 3
	});
}

function foldsOf(s: TrialSpec) {
	return walkForwardFolds(usableRange(bars.t.length, H, featureWarmup(s.features)), s.validation);
}

describe('feature sets in a trial', () => {
	it("starts the gateway's folds at the set's warm-up row", () => {
		const facts = { id: 'x', provenance: sp500Provenance(bars), rows: bars.t.length };
		const daily = checkTrial({ ...spec({ set: 'daily_v1' }), datasetId: 'x' }, facts);
		const trend = checkTrial({ ...spec({ set: 'trend_50_70_v1' }), datasetId: 'x' }, facts);
		if (!daily.allowed || !trend.allowed) throw new Error(JSON.stringify([daily, trend]));
		expect(daily.splits[0].trainStart).toBe(FEATURE_SETS.daily_v1.warmup);
		expect(trend.splits[0].trainStart).toBe(FEATURE_SETS.trend_50_70_v1.warmup);
		expect(trend.folds).toBeLessThan(daily.folds);
	});

	it('fits a fold on a named set and names its importances', async () => {
		const s = spec({ set: 'swing_7_12_v1' });
		const out = await runFold(s, foldsOf(s)[0], bars, await loadModel('random_forest'));
		expect(out.featureNames).toEqual(FEATURE_SETS.swing_7_12_v1.names);
		expect(out.importance).toHaveLength(FEATURE_SETS.swing_7_12_v1.names.length);
		expect(out.nTest).toBe(150);
	});

	it("selects a generated set's columns on each fold's training rows, dropping near-duplicates", async () => {
		const s = spec(RECIPE);
		const all = computeFeatureSpec(RECIPE, bars);
		const [f0, f1] = foldsOf(s);
		const out0 = await runFold(s, f0, bars, await loadModel('random_forest'));
		const out1 = await runFold(s, f1, bars, await loadModel('random_forest'));
		for (const out of [out0, out1]) {
			expect(out.featureNames!.length).toBeGreaterThan(5);
			expect(out.featureNames!.length).toBeLessThan(all.names.length);
			expect(out.importance).toHaveLength(out.featureNames!.length);
		}
		// The selection is the same as selecting on exactly the training rows, whatever the later rows hold.
		const rows = Array.from({ length: f0.trainEnd - f0.trainStart }, (_, i) => f0.trainStart + i);
		expect(foldFeatures(s, all, rows).names).toEqual(out0.featureNames);
		const cut = sliceBars(bars, 0, f0.trainEnd);
		expect(foldFeatures(s, computeFeatureSpec(RECIPE, cut), rows).names).toEqual(out0.featureNames);
	});

	for (const features of [{ set: 'trend_50_70_v1' } as const, RECIPE]) {
		it(`finds no look-ahead with ${features.set} (ridge, every fold)`, async () => {
			const s = spec(features, 'ridge');
			const report = await lookaheadCheck(s, foldsOf(s), bars, await loadModel('ridge'));
			expect(report.checkedPoints).toBeGreaterThan(0);
			expect(report.firstLeak).toBeNull();
		});
	}
});

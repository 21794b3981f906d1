import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../testing/sp500';
import { recipeColumns, recipeWarmup, type FeatureRecipe } from './feature-recipe';
import { FEATURE_SETS, NAMED_FEATURE_SETS, columnName, columnWarmup, evaluateColumns } from './feature-sets';
import {
	computeFeatureSpec,
	featureKey,
	featureNames,
	featureSpecSchema,
	featureWarmup,
	GENERATED_WARMUP,
	type FeatureSpec
} from './feature-spec';
import { computeFeatures, rowIsComplete } from './features';
import { createRng } from './random';
import type { Bars } from './series';

/** Seed of the causality property test; printed so a failure can be replayed. */
const CAUSALITY_SEED = 20261205;
const CUT_POINTS = 40;

const FULL_RECIPE: FeatureRecipe = {
	set: 'generated_v1',
	families: ['trend', 'ema', 'oscillator', 'volatility', 'volume', 'quality', 'calendar'],
	transforms: ['zscore', 'diff', 'lag'],
	depth: 4,
	lag: 3,
	selection: 0.1
};
const SMALL_RECIPE: FeatureRecipe = {
	set: 'generated_v1',
	families: ['volatility'],
	transforms: ['lag'],
	depth: 2,
	lag: 5,
	selection: 0.1
};

/** Every set a trial can name: the named ones and two generated recipes (the largest and a small one). */
const ALL_SPECS: FeatureSpec[] = [...NAMED_FEATURE_SETS.map((set) => ({ set })), FULL_RECIPE, SMALL_RECIPE];

function perturbAfter(bars: Bars, cut: number, rng: ReturnType<typeof createRng>): Bars {
	const scale = (x: Float64Array, lo: number, width: number) =>
		x.map((v, i) => (i > cut ? v * (lo + width * rng.next()) : v));
	return {
		t: bars.t,
		open: scale(bars.open, 0.5, 1),
		high: scale(bars.high, 0.5, 1),
		low: scale(bars.low, 0.5, 1),
		close: scale(bars.close, 0.5, 1),
		volume: scale(bars.volume, 0.2, 2)
	};
}

describe('named and generated feature sets', () => {
	const bars = sp500Bars();

	it('daily_v1 is exactly the 13 features every earlier trial used', () => {
		const a = FEATURE_SETS.daily_v1.compute(bars);
		const b = computeFeatures(bars);
		expect(a.names).toEqual(b.names);
		expect(a.matrix.data).toEqual(b.matrix.data);
	});

	it('names the original §6.7 columns of the 7–12 and 50–70-day sets', () => {
		expect(FEATURE_SETS.swing_7_12_v1.names).toEqual([
			'pctret_5',
			'pctret_7',
			'pctret_10',
			'pctret_12',
			'rsi_9',
			'rsi_14',
			'sma_gap_10',
			'ema_spread_8_13',
			'volume_ratio_7',
			'vol_10',
			'vol_10_percentile'
		]);
		expect(FEATURE_SETS.trend_50_70_v1.names).toEqual([
			'pctret_30',
			'pctret_50',
			'pctret_60',
			'sma_gap_50',
			'sma_gap_200',
			'sma_ratio_50_200',
			'momentum_quality_60',
			'vol_60',
			'downside_vol_60',
			'month',
			'quarter'
		]);
		expect(FEATURE_SETS.swing_7_12_v1.warmup).toBe(70);
		expect(FEATURE_SETS.trend_50_70_v1.warmup).toBe(199);
	});

	for (const spec of ALL_SPECS) {
		const label = spec.set === 'generated_v1' ? `generated_v1 depth ${spec.depth}` : spec.set;

		it(`${label}: every feature is complete from the declared warm-up row on and not before`, () => {
			const fs = computeFeatureSpec(spec, bars);
			const w = spec.set === 'generated_v1' ? recipeWarmup(spec) : featureWarmup(spec);
			expect(featureWarmup(spec)).toBeGreaterThanOrEqual(w);
			expect(fs.names).toEqual(featureNames(spec));
			expect(rowIsComplete(fs.matrix, w - 1)).toBe(false);
			for (let r = w; r < fs.matrix.rows; r++) expect(rowIsComplete(fs.matrix, r)).toBe(true);
		});

		it(`${label}: never changes a feature at t when any row after t changes (seed ${CAUSALITY_SEED})`, () => {
			const base = computeFeatureSpec(spec, bars).matrix;
			const rng = createRng(CAUSALITY_SEED);
			for (let k = 0; k < CUT_POINTS; k++) {
				const cut = rng.int(bars.t.length - 1);
				const changed = computeFeatureSpec(spec, perturbAfter(bars, cut, rng)).matrix;
				const upto = (cut + 1) * base.cols;
				for (let i = 0; i < upto; i++)
					if (!Object.is(base.data[i], changed.data[i]))
						throw new Error(
							`seed ${CAUSALITY_SEED}, cut ${cut}: ${featureNames(spec)[i % base.cols]} at row ${Math.floor(i / base.cols)} changed`
						);
				let differs = false;
				for (let i = upto; i < base.data.length && !differs; i++)
					differs = !Object.is(base.data[i], changed.data[i]);
				expect(differs).toBe(true);
			}
		});
	}

	it('a generated recipe has returns, the chosen families, and each transform combination up to its depth', () => {
		const cols = recipeColumns(SMALL_RECIPE);
		// 6 returns + 4 volatility primitives at depth 1; the same 10 lagged by 5 at depth 2.
		expect(cols.map(columnName)).toEqual([
			'logret_1',
			'logret_2',
			'logret_5',
			'logret_10',
			'logret_20',
			'logret_60',
			'vol_10',
			'vol_20',
			'vol_60',
			'downside_vol_20',
			'lag5(logret_1)',
			'lag5(logret_2)',
			'lag5(logret_5)',
			'lag5(logret_10)',
			'lag5(logret_20)',
			'lag5(logret_60)',
			'lag5(vol_10)',
			'lag5(vol_20)',
			'lag5(vol_60)',
			'lag5(downside_vol_20)'
		]);
		expect(columnWarmup(cols[cols.length - 1])).toBe(20 + 5);
		// 25 primitives (23 + month, quarter); 23 × 8 transform subsets + 2 untransformed calendar columns.
		expect(recipeColumns(FULL_RECIPE)).toHaveLength(23 * 8 + 2);
		expect(recipeColumns({ ...FULL_RECIPE, depth: 2 })).toHaveLength(23 * 4 + 2);
		expect(recipeColumns({ ...FULL_RECIPE, transforms: [] })).toHaveLength(25);
	});

	it('orders transforms z-score, difference, lag and names the composition from the inside out', () => {
		const names = recipeColumns({ ...SMALL_RECIPE, transforms: ['lag', 'zscore'], depth: 3 }).map(columnName);
		expect(names).toContain('lag5(z20(vol_10))');
		expect(names).not.toContain('z20(lag5(vol_10))');
		const lagged = evaluateColumns(
			[
				{ primitive: { op: 'vol', w: 10 }, transforms: [] },
				{ primitive: { op: 'vol', w: 10 }, transforms: [{ op: 'lag', k: 5 }] }
			],
			bars
		).matrix;
		expect(lagged.data[100 * 2 + 1]).toBe(lagged.data[95 * 2]);
	});

	it('starts every generated set at one warm-up, the largest recipe’s, so a feature search compares the same days', () => {
		expect(GENERATED_WARMUP).toBe(60 + 19 + 10 + 10);
		expect(featureWarmup(SMALL_RECIPE)).toBe(GENERATED_WARMUP);
		expect(recipeWarmup({ ...FULL_RECIPE, lag: 10 })).toBe(GENERATED_WARMUP);
		expect(recipeWarmup(SMALL_RECIPE)).toBe(60 + 5);
	});

	it('parses named sets and recipes and refuses anything else with the field named', () => {
		expect(featureSpecSchema.parse({ set: 'trend_50_70_v1' })).toEqual({ set: 'trend_50_70_v1' });
		expect(featureSpecSchema.parse(SMALL_RECIPE)).toEqual(SMALL_RECIPE);
		const bad = featureSpecSchema.safeParse({ set: 'daily_v2' });
		expect(bad.success).toBe(false);
		expect(JSON.stringify(bad.error?.issues)).toContain('features.set must be one of daily_v1');
		expect(featureSpecSchema.safeParse({ ...SMALL_RECIPE, depth: 9 }).success).toBe(false);
		expect(featureSpecSchema.safeParse({ ...SMALL_RECIPE, families: ['volume', 'volume'] }).success).toBe(
			false
		);
		expect(featureSpecSchema.safeParse({ set: 'daily_v1', depth: 2 }).success).toBe(false);
	});

	it('keys equal feature specs equally and different ones differently', () => {
		expect(featureKey({ set: 'daily_v1' })).toBe('daily_v1');
		expect(featureKey({ ...SMALL_RECIPE, families: ['volatility'] })).toBe(featureKey(SMALL_RECIPE));
		expect(featureKey({ ...SMALL_RECIPE, lag: 4 })).not.toBe(featureKey(SMALL_RECIPE));
		// Selection happens per fold: it does not change the computed columns.
		expect(featureKey({ ...SMALL_RECIPE, selection: 0.3 })).toBe(featureKey(SMALL_RECIPE));
	});
});

/** Small hand-made records for tests that need a valid shape, not realistic numbers. */
import type { FoldResultRecord, MetricsBlock, PinnedData } from '../db/records';
import type { TrialSpec } from '../domain/trial-spec';

/** A valid ridge trial on a tiny split; override what the test is about. */
export function tinySpec(overrides: Partial<TrialSpec> = {}): TrialSpec {
	return {
		name: 'tiny',
		datasetId: 'd',
		target: { kind: 'forward_return', horizon: 1 },
		features: { set: 'daily_v1' },
		model: { id: 'ridge', params: { alpha: 1, fit_intercept: true } },
		validation: { mode: 'rolling', trainLength: 100, testLength: 2, step: 2, embargo: 1 },
		strategy: { mode: 'long_short', sizing: 'sign', costBps: 0 },
		seed: 1,
		...overrides
	};
}

/** Performance figures of a two-day series, with the ratios that are not available as NaN. */
export const twoDayPerformance: MetricsBlock['strategy'] = {
	totalReturn: 0.01,
	annualReturn: Number.NaN,
	volatility: 0,
	sharpe: Number.NaN,
	sortino: Number.NaN,
	maxDrawdown: 0,
	calmar: Number.NaN,
	turnover: 1,
	periods: 2
};

/** A regression metrics block with the given regression figures (direction copied from them). */
export function regressionBlock(
	r: NonNullable<MetricsBlock['regression']>,
	strategy: MetricsBlock['strategy'],
	buyHold: MetricsBlock['buyHold']
): MetricsBlock {
	return {
		task: 'regression',
		direction: { hitRate: r.hitRate, ic: r.ic, n: r.n },
		regression: r,
		classification: null,
		signal: null,
		forecast: null,
		volatility: null,
		regime: null,
		strategy,
		buyHold
	};
}

/** A pinned dataset version with a valid shape (hashes are placeholders of the right length). */
export function pinnedData(overrides: Partial<PinnedData> = {}): PinnedData {
	return {
		datasetId: 'd',
		seriesKey: 'd',
		version: 1,
		name: 'test data',
		contentSha256: 'c'.repeat(64),
		provenance: {
			source: 'yahoo',
			origin: 'test',
			retrievedAt: '2020-01-01T00:00:00.000Z',
			sha256: '0'.repeat(64),
			rows: 2,
			firstT: 0,
			lastT: 1
		},
		rows: 2,
		firstT: 0,
		lastT: 1,
		...overrides
	};
}

/** A two-row fold result with the fields tests rarely care about filled in; override the rest. */
export function tinyFoldOutput(
	overrides: Partial<Omit<FoldResultRecord, 'trialId' | 'fold' | 'attempt' | 'finishedAt'>> = {}
): Omit<FoldResultRecord, 'trialId' | 'fold' | 'attempt' | 'finishedAt'> {
	return {
		trainStartT: 0,
		trainEndT: 1,
		testStartT: 2,
		testEndT: 3,
		nTrain: 100,
		nTest: 2,
		t: Float64Array.from([0, 1]),
		row: Float64Array.from([0, 1]),
		predicted: Float64Array.from([1, -1]),
		realised: Float64Array.from([0.01, -0.02]),
		nextReturn: Float64Array.from([0.01, -0.02]),
		aux: null,
		metrics: regressionBlock(
			{ rmse: 0, mae: 0, r2: 0, hitRate: 1, ic: 1, n: 2 },
			twoDayPerformance,
			twoDayPerformance
		),
		importance: null,
		fitMs: 1,
		predictMs: 1,
		backend: 'test',
		modelInfo: {},
		...overrides
	};
}

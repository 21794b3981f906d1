/** Small hand-made records for tests that need a valid shape, not realistic numbers. */
import type { FoldResultRecord, MetricsBlock } from '../db/records';
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
		strategy: { mode: 'long_short', costBps: 0 },
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
		metrics: {
			regression: { rmse: 0, mae: 0, r2: 0, hitRate: 1, ic: 1, n: 2 },
			strategy: twoDayPerformance,
			buyHold: twoDayPerformance
		},
		importance: null,
		fitMs: 1,
		predictMs: 1,
		backend: 'test',
		modelInfo: {},
		...overrides
	};
}

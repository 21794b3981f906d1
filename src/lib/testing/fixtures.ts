/** Small hand-made records for tests that need a valid shape, not realistic numbers. */
import type { MetricsBlock } from '../db/records';
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

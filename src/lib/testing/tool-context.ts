/**
 * Test fixtures for the tool specs: one valid input per tool, a stored trial record and a dataset summary. The
 * numbers are test inputs, not market data; nothing in the product imports this file.
 */
import type { TrialRecord, TrialSummary } from '../db/records';
import { pinnedData, regressionBlock } from './fixtures';
import type { DatasetSummary, ToolContext } from '../ai/tools/read-only';
import type { ToolName } from '../ai/tools/schemas';

/** A valid input for each tool, as Claude would send it (fresh copy per call). */
export function validInputs(): Record<ToolName, Record<string, unknown>> {
	return {
		list_datasets: {},
		list_models: { category: 'traditional_ml', runnable_only: false },
		get_model: { model_id: 'ridge' },
		get_trial_results: { trial_id: 'trial-1' },
		compare_trials: { trial_ids: ['trial-1', 'trial-2'] },
		get_analysis_results: { analysis_id: 'analysis-1' },
		get_feedback: { metric: 'sharpe' },
		get_study_results: { study_id: 'study-1' },
		propose_study: {
			base_trial_id: 'trial-1',
			search: { n_estimators: { range: [10, 50] }, learning_rate: { range: [0.01, 0.3], log: true } },
			sampler: 'tpe',
			trials: 20,
			objective: 'sharpe',
			rationale:
				'The first gradient-boosting trial used the defaults; a sweep says how much tuning is worth.',
			parent_trial_id: 'trial-1'
		},
		propose_analysis: {
			spec: {
				name: 'S&P 500 stationarity',
				model: { id: 'adf_kpss_tests', params: { regression: 'c' } },
				inputs: [{ kind: 'dataset', id: 'sp500' }],
				from: '2005-01-03',
				seed: 7
			},
			rationale: 'Whether log prices or returns are stationary decides what a forecaster should model.'
		},
		propose_trial: {
			spec: {
				name: 'xgb h5',
				datasetId: 'sp500',
				target: { kind: 'forward_return', horizon: 5 },
				features: { set: 'daily_v1' },
				model: { id: 'xgboost', params: { max_depth: 4, learning_rate: 0.1 } },
				validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 5 },
				strategy: { mode: 'long_short', costBps: 5 },
				seed: 42
			},
			rationale: 'A shallower tree with a lower learning rate should overfit less than the default.'
		},
		propose_goal: {
			goal: 'Find a model that predicts 7-12 day S&P 500 moves with hit rate > 55% and max drawdown < 15%.',
			reason: 'The user asked for a medium-horizon signal.'
		},
		request_market_data: {
			kind: 'polygon_bars',
			ticker: 'SPY',
			multiplier: 1,
			timespan: 'day',
			from: '2015-01-02',
			to: '2024-12-31',
			reason: 'Daily SPY bars extend the S&P 500 history past 2020.'
		}
	};
}

/** A second valid request_market_data input: the other variant of the union. */
export const FRED_REQUEST = { kind: 'fred_series', series_id: 'DGS10', reason: 'Rates as a regime feature.' };

export const DATASET: DatasetSummary = {
	id: 'sp500',
	name: 'S&P 500 daily (vega-datasets)',
	symbol: 'SPX',
	frequency: 'daily',
	source: 'yahoo',
	rows: 5_105,
	firstT: Date.UTC(2000, 0, 3),
	lastT: Date.UTC(2020, 3, 17),
	kind: 'bars'
};

const perf = (sharpe: number) => ({
	totalReturn: 0.4213579,
	annualReturn: 0.0712345678,
	volatility: 0.1512,
	sharpe,
	sortino: Number.NaN,
	maxDrawdown: -0.2345678,
	calmar: 0.3036,
	turnover: 12.5,
	periods: 3_276
});

export function summary(sharpe = 0.61234567): TrialSummary {
	return {
		...regressionBlock(
			{ rmse: 0.0234567, mae: 0.0171, r2: -0.0123456, hitRate: 0.5432109, ic: 0.0456789, n: 3_276 },
			perf(sharpe),
			perf(0.4)
		),
		rows: 3_276,
		firstT: Date.UTC(2005, 0, 3),
		lastT: Date.UTC(2020, 3, 9)
	};
}

export function trialRecord(id: string, patch: Partial<TrialRecord> = {}): TrialRecord {
	return {
		id,
		spec: {
			name: `trial ${id}`,
			datasetId: 'sp500',
			target: { kind: 'forward_return', horizon: 5 },
			features: { set: 'daily_v1' },
			model: { id: 'ridge', params: { alpha: 1, fit_intercept: true } },
			validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 5 },
			strategy: { mode: 'long_short', sizing: 'sign', costBps: 5 },
			seed: 7
		},
		task: 'regression',
		status: 'completed',
		createdAt: Date.UTC(2026, 0, 5, 10, 0),
		startedAt: Date.UTC(2026, 0, 5, 10, 0),
		finishedAt: Date.UTC(2026, 0, 5, 10, 2),
		folds: 13,
		foldsDone: 13,
		foldsFailed: 0,
		error: null,
		summary: summary(),
		appVersion: '0.1.0',
		data: pinnedData({ datasetId: 'sp500', seriesKey: 'sp500', contentSha256: 'ab'.repeat(32) }),
		foldBounds: Array.from({ length: 13 }, (_, i) => ({
			trainStartT: i,
			trainEndT: i,
			testStartT: i,
			testEndT: i
		})),
		lookahead: null,
		...patch
	};
}

export function context(patch: Partial<ToolContext> = {}): ToolContext {
	return {
		datasets: [DATASET],
		trials: [
			trialRecord('trial-1'),
			trialRecord('trial-2', { summary: summary(1.1), createdAt: Date.UTC(2026, 0, 6) })
		],
		...patch
	};
}

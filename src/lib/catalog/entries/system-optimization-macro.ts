/** system_intelligence (entries 109–113), optimization (114–116) and macro_analysis (117–119). */
import type { DeclaredEntry } from '../types';
import { NOT_IMPLEMENTED, float, int, intOrNone, oneOf, unavailable } from './helpers';

const nTrials = int(100, 10, 1000, 'Parameter sets to evaluate', { log: true });

export const SYSTEM_OPTIMIZATION_MACRO_ENTRIES = [
	{
		index: 109,
		id: 'automated_feature_engineering',
		name: 'Automated feature generation',
		category: 'system_intelligence',
		family: 'INFRA',
		kind: 'procedure',
		task: 'procedure',
		inputs: ['ohlcv'],
		original: 'featuretools → featuretools.dfs',
		description:
			'Runs as a study over feature sets: a TPE search over generated sets built only from causal operators — which families join the returns (trend, EMA spread, RSI, volatility, volume, momentum quality, calendar), which transforms are stacked on them (rolling z-score, difference, lag), how deep and at which lag — beside any model parameters, every trial on the same walk-forward folds. On each fold’s training rows, a column correlated with one kept before it beyond 1 − threshold is dropped. The more sets are tried, the more will look good by chance: read the DSR.',
		params: {
			max_depth: int(3, 1, 10, 'Most operators composed in one feature (depths above 4 add nothing here)'),
			feature_selection_threshold: float(
				0.1,
				0.01,
				0.5,
				'A column is dropped when |correlation| with a kept column exceeds 1 − this'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 110,
		id: 'hyperparameter_evolution',
		name: 'Hyper-parameter search',
		category: 'system_intelligence',
		family: 'INFRA',
		kind: 'procedure',
		task: 'procedure',
		inputs: ['features'],
		original: 'optuna → optuna.create_study',
		description:
			'Searches a model’s parameter ranges for the best walk-forward score, proposing each new parameter set from the results so far.',
		params: {
			n_trials: nTrials,
			sampler: oneOf('TPE', ['TPE', 'random', 'CMA-ES'], 'How new parameter sets are proposed')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 111,
		id: 'causal_inference_discovery',
		name: 'Causal effect estimate',
		category: 'system_intelligence',
		family: 'STAT',
		kind: 'formula',
		task: 'measure',
		inputs: ['features'],
		original: 'dowhy → dowhy.CausalModel',
		description:
			'Estimates the effect of the second dataset’s log return (the treatment) on the first’s (the outcome), the other datasets taking the role the identification gives them: adjustment set (back-door: linear regression, or propensity matching / weighting with the treatment binarised as a positive return), instruments (IV: two-stage least squares) or mediators (front-door); seeded bootstrap interval. No graph is discovered: the roles are the assumption, and the answer is only as good as it.',
		params: {
			identification_method: oneOf(
				'backdoor',
				['backdoor', 'frontdoor', 'iv'],
				'How the effect is identified from the graph'
			),
			estimation_method: oneOf(
				'linear_regression',
				[
					'linear_regression',
					'propensity_score_matching',
					'propensity_score_weighting',
					'instrumental_variable'
				],
				'How the identified effect is estimated'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 112,
		id: 'online_learning_updates',
		name: 'Online linear regression',
		category: 'system_intelligence',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'river → river.linear_model.LinearRegression',
		description:
			'Linear regression updated one row at a time by stochastic gradient descent, so it adapts as new bars arrive.',
		params: {
			learning_rate: float(0.01, 0.001, 0.1, 'Step size of each update', { log: true }),
			l2_regularization: float(0.0, 0.0, 1.0, 'L2 penalty on the weights')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 113,
		id: 'concept_drift_detection',
		name: 'Concept drift detector (ADWIN)',
		category: 'system_intelligence',
		family: 'TEST',
		kind: 'test',
		task: 'test',
		inputs: ['returns'],
		original: 'river → river.drift.ADWIN',
		description:
			'Adaptive windowing (ADWIN) on the absolute error of a causal baseline forecast (the mean of the previous 20 daily log returns): keeps a window of recent errors and drops its older part whenever the two parts’ means differ by more than chance allows, signalling a change.',
		params: {
			delta: float(0.002, 0.001, 0.01, 'Confidence parameter; smaller values flag fewer changes', {
				log: true
			}),
			grace_period: int(10, 5, 100, 'Values seen before any change can be flagged')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 114,
		id: 'walk_forward_optimization',
		name: 'Walk-forward optimisation',
		category: 'optimization',
		family: 'INFRA',
		kind: 'procedure',
		task: 'procedure',
		inputs: ['features'],
		original: 'custom → optimization.WalkForwardOptimization',
		description:
			'Refits on a window of past bars, tests on the following step, then moves both forward, so every test uses only earlier data. Trial validation in this app is walk-forward by design; this entry records the original’s defaults.',
		params: {
			window_size: int(252, 100, 1000, 'Bars in each training window'),
			step_size: int(22, 1, 100, 'Bars in each test step')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 115,
		id: 'bayesian_parameter_optimization',
		name: 'Bayesian optimisation of parameters',
		category: 'optimization',
		family: 'INFRA',
		kind: 'procedure',
		task: 'procedure',
		inputs: ['features'],
		original: 'optuna → optuna.create_study',
		description:
			'Fits a surrogate model of score against parameters and chooses the next parameter set by an acquisition function that trades exploration against exploitation.',
		params: {
			n_trials: nTrials,
			acquisition_function: oneOf(
				'EI',
				['EI', 'PI', 'UCB'],
				'Expected improvement, probability of improvement or upper confidence bound'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 116,
		id: 'federated_learning',
		name: 'Federated learning',
		category: 'optimization',
		family: 'INFRA',
		kind: 'procedure',
		task: 'procedure',
		inputs: ['features'],
		original: 'flower → flwr.fl',
		description:
			'Trains one model across many clients that keep their data private, averaging their updates each round.',
		params: {
			num_clients: int(10, 2, 100, 'Clients taking part'),
			fraction_fit: float(0.1, 0.01, 1.0, 'Fraction of clients trained in each round')
		},
		status: unavailable(
			'Federated learning needs many independent clients, each with its own data; this app runs for one user in one browser, so there is no one to federate with.'
		)
	},
	{
		index: 117,
		id: 'yield_curve_analysis',
		name: 'Yield curve fit',
		category: 'macro_analysis',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['macro_series'],
		original: 'custom → macro.YieldCurveAnalysis',
		description:
			'Fits a curve through FRED Treasury constant-maturity yields (datasets named by symbol: DGS1MO, DGS3MO, DGS6MO, DGS1, DGS2, DGS3, DGS5, DGS7, DGS10, DGS20, DGS30; at least four) on their latest common date — Nelson–Siegel, a smoothing cubic spline or linear interpolation — and derives forward rates, slope and curvature; Nelson–Siegel level, slope and curvature factors are also fitted at every date.',
		params: {
			interpolation_method: oneOf(
				'cubic_spline',
				['cubic_spline', 'linear', 'nelson_siegel'],
				'Curve-fitting method'
			),
			smoothing_parameter: float(
				0.1,
				0.01,
				1.0,
				'Penalty α of the smoothing cubic spline, Σ(y − f)² + α∫f″² (yields in %, maturities in years); larger is smoother'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 118,
		id: 'sector_rotation_analysis',
		name: 'Sector rotation',
		category: 'macro_analysis',
		family: 'RULE',
		kind: 'signal',
		task: 'portfolio',
		inputs: ['returns_matrix'],
		original: 'custom → macro.SectorRotationAnalysis',
		description:
			'Walk-forward backtest over several datasets (for example sector ETFs): at each rebalance, ranks them by trailing return and holds the leaders in equal weights, rotating out of a holding only when a challenger leads it by more than the threshold; compared with equal weight in all of them on the same schedule, after costs.',
		params: {
			lookback_period: intOrNone(
				2,
				1000,
				'Bars in the trailing return; empty = one year of bars (252 daily, 52 weekly, 12 monthly)'
			),
			rotation_threshold: float(0.05, 0.01, 0.2, 'Lead in trailing return needed to rotate'),
			holdings: int(1, 1, 11, 'Leaders held, in equal weights (fewer than the datasets)'),
			rebalance_every: intOrNone(
				1,
				252,
				'Bars between rebalances; empty = about a month of bars (21 daily, 4 weekly, 1 monthly)'
			),
			cost_bps: float(5, 0, 1000, 'Trading cost in basis points of the value traded at each rebalance')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 119,
		id: 'adf_kpss_tests',
		name: 'Stationarity tests (ADF and KPSS)',
		category: 'macro_analysis',
		family: 'TEST',
		kind: 'test',
		task: 'test',
		inputs: ['close', 'macro_series'],
		original: 'statsmodels → statsmodels.tsa.stattools.adfuller',
		description:
			'The augmented Dickey–Fuller test (null: a unit root; lags by AIC, BIC or t-stat; MacKinnon p-values) alongside KPSS (null: stationarity around a level, or a trend with a trend regression; Newey–West bandwidth chosen from the data), on the log close by default or on log returns; together they indicate whether a series needs differencing. The original pointed at ADF only.',
		params: {
			regression: oneOf(
				'c',
				['c', 'ct', 'ctt', 'n'],
				'Deterministic terms: constant, constant and trend, plus quadratic trend, or none'
			),
			autolag: oneOf('AIC', ['AIC', 'BIC', 't-stat', 'none'], 'How the number of lags is chosen'),
			transform: oneOf(
				'log_level',
				['log_level', 'log_return', 'level', 'difference'],
				'Series tested: the log close, the log return, the close itself or its first difference'
			)
		},
		status: NOT_IMPLEMENTED
	}
] as const satisfies readonly DeclaredEntry[];

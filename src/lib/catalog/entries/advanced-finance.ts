/** advanced, second half (entries 129–137): risk measures, pricing, short-rate models and fusion/ensembles. */
import type { DeclaredEntry } from '../types';
import {
	NOT_IMPLEMENTED,
	float,
	int,
	intList,
	oneOf,
	someOf,
	unavailable,
	NEEDS_ORDER_BOOK
} from './helpers';

/** The three are the user's hypothesis, compared with the maximum-likelihood estimates from the series. */
const shortRateParams = {
	mean_reversion_speed: float(
		0.1,
		0.01,
		1.0,
		'Hypothesised speed at which the rate reverts to its long-term mean (per year), compared with the estimate'
	),
	long_term_mean: float(
		0.05,
		0.0,
		0.2,
		'Hypothesised long-term mean of the short rate (a fraction: 0.05 = 5 %)'
	),
	volatility: float(0.01, 0.001, 0.1, 'Hypothesised volatility of the short rate', { log: true }),
	rate_unit: oneOf(
		'percent',
		['percent', 'fraction'],
		'How the series states the rate: percent (FRED: 5.2 means 5.2 %) or a fraction (0.052)'
	)
};

export const ADVANCED_FINANCE_ENTRIES = [
	{
		index: 129,
		id: 'expected_shortfall_model',
		name: 'Expected shortfall (CVaR)',
		category: 'advanced',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['returns'],
		original: 'custom → risk.ExpectedShortfall',
		description:
			'The average loss in the worst (1 − confidence) share of outcomes over the lookback window; unlike value at risk it says how bad the tail is.',
		params: {
			confidence_level: float(0.95, 0.9, 0.99, 'Confidence level of the tail'),
			method: oneOf(
				'historical',
				['historical', 'parametric', 'cornish_fisher', 'monte_carlo'],
				'Empirical tail, normal approximation, normal corrected for skew and kurtosis, or simulation'
			),
			lookback_window: int(252, 100, 1000, 'Bars of returns used')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 130,
		id: 'quantum_inspired_model',
		name: 'Variational quantum circuit (simulated)',
		category: 'advanced',
		family: 'DL',
		kind: 'learner',
		task: 'classification',
		inputs: ['features'],
		original: 'pennylane → pennylane.QNode',
		description:
			'A parameterised quantum circuit, simulated on an ordinary computer, trained as a classifier. No quantum hardware is involved, and simulation cost doubles with each added qubit.',
		params: {
			n_qubits: int(4, 2, 16, 'Simulated qubits'),
			n_layers: int(2, 1, 10, 'Repeated rotation-and-entanglement layers'),
			rotation_gates: someOf(['RX', 'RY', 'RZ'], ['RX', 'RY', 'RZ'], 'Rotation gates in each layer')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 131,
		id: 'binomial_tree_model',
		name: 'Binomial option tree',
		category: 'advanced',
		family: 'FORMULA',
		kind: 'formula',
		task: 'pricing',
		inputs: ['option_inputs'],
		original: 'custom → binomial.BinomialTree',
		description:
			'Prices a European and an American option by stepping backwards through a recombining tree of up and down moves, checking early exercise at every node. With tree = crr (Cox–Ross–Rubinstein) the up factor and probability follow from volatility, rate and step length; with tree = manual the up factor and probability entered are used as they are (a probability other than the risk-neutral one gives a price that is not arbitrage-free, and the result says so).',
		params: {
			n_steps: int(100, 10, 1000, 'Time steps in the tree', { log: true }),
			up_factor: float(
				1.1,
				1.01,
				2.0,
				'Price multiple on an up move per step (used only when tree = manual)'
			),
			risk_neutral_prob: float(
				0.5,
				0.1,
				0.9,
				'Probability of an up move per step (used only when tree = manual)'
			),
			tree: oneOf(
				'crr',
				['crr', 'manual'],
				'crr: up factor e^(σ√Δt) and risk-neutral probability from volatility and rate; manual: the two values entered'
			),
			underlying_price: float(100.0, 1.0, 10000.0, 'Price of the underlying now', { log: true }),
			strike: float(100.0, 1.0, 10000.0, 'Strike price', { log: true }),
			time_to_expiry: float(0.25, 0.001, 5.0, 'Time to expiry in years', { log: true }),
			risk_free_rate: float(0.05, 0.0, 0.3, 'Annual continuously compounded risk-free rate'),
			volatility: float(0.2, 0.01, 3.0, 'Annualised volatility of the underlying', { log: true }),
			dividend_yield: float(0.0, 0.0, 0.2, 'Annual continuous dividend yield of the underlying'),
			option_type: oneOf('put', ['call', 'put'], 'Call or put (early exercise matters most for a put)')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 132,
		id: 'vasicek_model',
		name: 'Vasicek short-rate model',
		category: 'advanced',
		family: 'FORMULA',
		kind: 'formula',
		task: 'pricing',
		inputs: ['macro_series'],
		original: 'custom → interest_rate.VasicekModel',
		description:
			'A short rate that reverts to a long-term mean with normally distributed shocks, calibrated to a short-rate series (e.g. FRED TB3MS or DGS3MO) by exact maximum likelihood, with standard errors; gives the implied bond prices and yield curve, a simulated fan of future rates, and a likelihood-ratio test of the hypothesised parameters. Rates may go negative.',
		params: shortRateParams,
		status: NOT_IMPLEMENTED
	},
	{
		index: 133,
		id: 'cox_ingersoll_ross_model',
		name: 'Cox–Ingersoll–Ross short-rate model',
		category: 'advanced',
		family: 'FORMULA',
		kind: 'formula',
		task: 'pricing',
		inputs: ['macro_series'],
		original: 'custom → interest_rate.CIRModel',
		description:
			'Like Vasicek, but shocks scale with the square root of the rate, which keeps rates non-negative. Calibrated to a short-rate series by Gaussian quasi-maximum likelihood with the exact conditional mean and variance, with standard errors; gives the implied bond prices and yield curve, a simulated fan of future rates, and a likelihood-ratio comparison with the hypothesised parameters.',
		params: shortRateParams,
		status: NOT_IMPLEMENTED
	},
	{
		index: 134,
		id: 'alternative_data_model',
		name: 'Alternative data fusion',
		category: 'advanced',
		family: 'META',
		kind: 'learner',
		task: 'regression',
		inputs: ['alternative_data'],
		original: 'custom → alternative_data.AlternativeDataModel',
		description:
			'Combines lagged signals from alternative data sources (satellite images, social media, patent filings) into one prediction.',
		params: {
			data_sources: someOf(
				['satellite', 'social_media', 'patent_filings'],
				['satellite', 'social_media', 'patent_filings', 'web_traffic'],
				'Alternative data sources fused'
			),
			fusion_method: oneOf(
				'weighted_average',
				['weighted_average', 'stacking'],
				'How the sources’ signals are combined'
			),
			lag_periods: intList(
				[1, 7, 30],
				{ minLength: 1, maxLength: 6, min: 1, max: 365 },
				'Lags, in days, at which each source is used'
			)
		},
		status: unavailable(
			'Needs alternative data (satellite images, social-media posts, patent filings) that none of the approved data sources supplies.'
		)
	},
	{
		index: 135,
		id: 'regime_detection_ensemble_model',
		name: 'Regime detection ensemble',
		category: 'advanced',
		family: 'META',
		kind: 'learner',
		task: 'regime',
		inputs: ['returns'],
		original: 'custom → regime_ensemble.RegimeDetectionEnsemble',
		description: 'Runs several regime detectors and reports a regime only when enough of them agree.',
		params: {
			base_detectors: someOf(
				['hmm', 'change_point', 'clustering'],
				['hmm', 'change_point', 'clustering', 'rolling_zscore', 'markov_switching'],
				'Detectors that vote'
			),
			ensemble_method: oneOf(
				'majority_vote',
				['majority_vote', 'weighted_vote', 'unanimous'],
				'How the detectors’ votes are combined'
			),
			confidence_threshold: float(0.7, 0.5, 0.95, 'Share of agreement needed to report a regime')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 136,
		id: 'maximum_drawdown_model',
		name: 'Maximum drawdown',
		category: 'advanced',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['returns'],
		original: 'custom → risk.MaximumDrawdown',
		description:
			'Largest peak-to-trough fall in cumulative value over the lookback window, and whether the value has since recovered to the recovery threshold of its peak.',
		params: {
			lookback_window: int(252, 50, 1000, 'Bars examined'),
			recovery_threshold: float(0.95, 0.8, 1.0, 'Fraction of the prior peak that counts as recovered')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 137,
		id: 'order_book_imbalance_model',
		name: 'Order book imbalance',
		category: 'advanced',
		family: 'FORMULA',
		kind: 'formula',
		task: 'signal',
		inputs: ['order_book'],
		original: 'custom → microstructure.OrderBookImbalance',
		description:
			'Compares resting bid and ask volume over the top price levels of the book and signals when one side dominates.',
		params: {
			depth_levels: int(10, 5, 50, 'Price levels on each side counted'),
			imbalance_threshold: float(0.6, 0.5, 0.8, 'Bid (or ask) share that counts as an imbalance'),
			time_window: int(60, 10, 300, 'Averaging window in seconds')
		},
		status: unavailable(NEEDS_ORDER_BOOK)
	}
] as const satisfies readonly DeclaredEntry[];

/** advanced, first half (entries 120–128): learners, option and volatility models, pairs and wave rules. */
import type { DeclaredEntry } from '../types';
import { NOT_IMPLEMENTED, float, floatList, int, intOrNone, oneOf, unavailable } from './helpers';

const NEEDS_OPTION_CHAINS =
	'needs option chains (quotes or implied volatilities across strikes and expiries), and no approved data source supplies them.';

export const ADVANCED_MODEL_ENTRIES = [
	{
		index: 120,
		id: 'multi_head_attention',
		name: 'Multi-head attention network',
		category: 'advanced',
		family: 'DL',
		kind: 'learner',
		task: 'sequence_regression',
		inputs: ['features'],
		original: 'tensorflow → tensorflow.keras.layers.MultiHeadAttention',
		description:
			'A self-attention layer over a window of past feature rows, letting each step weigh the others, followed by a regression head.',
		params: {
			num_heads: int(8, 2, 16, 'Attention heads'),
			key_dim: int(64, 32, 256, 'Size of each head’s keys and queries')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 121,
		id: 'gradient_boosting',
		name: 'Gradient boosting (classic)',
		category: 'advanced',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.ensemble.GradientBoostingRegressor',
		description:
			'Fits shallow regression trees in sequence, each to the residuals of the ones before, with exact rather than histogram split search.',
		params: {
			n_estimators: int(100, 10, 1000, 'Boosting rounds (trees)'),
			learning_rate: float(0.1, 0.01, 1.0, 'Shrinkage applied to each tree’s contribution', { log: true })
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 122,
		id: 'decision_tree',
		name: 'Decision tree',
		category: 'advanced',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.tree.DecisionTreeRegressor',
		description:
			'A single regression tree that splits the rows on feature thresholds to reduce squared error; easy to read, prone to overfit when deep.',
		params: {
			max_depth: intOrNone(1, 50, 'Maximum depth; none grows until the leaves are pure'),
			min_samples_split: int(2, 2, 20, 'Fewest rows a node needs before it may be split')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 123,
		id: 'volatility_surface_model',
		name: 'Implied volatility surface',
		category: 'advanced',
		family: 'FORMULA',
		kind: 'formula',
		task: 'pricing',
		inputs: ['options_chain'],
		original: 'custom → volatility.VolatilitySurface',
		description:
			'Fits a smooth surface of implied volatility across moneyness and time to expiry from quoted options.',
		params: {
			moneyness_range: floatList(
				[0.8, 1.2],
				{ minLength: 2, maxLength: 2, min: 0.1, max: 3.0 },
				'(lowest, highest) strike-to-spot ratio covered'
			),
			time_to_expiry_range: floatList(
				[0.1, 2.0],
				{ minLength: 2, maxLength: 2, min: 0.01, max: 5.0 },
				'(shortest, longest) time to expiry covered, in years'
			)
		},
		status: unavailable(`Fitting a volatility surface ${NEEDS_OPTION_CHAINS}`)
	},
	{
		index: 124,
		id: 'pairs_trading_model',
		name: 'Pairs trading (cointegration)',
		category: 'advanced',
		family: 'RULE',
		kind: 'signal',
		task: 'portfolio',
		inputs: ['two_series'],
		original: 'custom → pairs.PairsTradingModel',
		description:
			'Walk-forward backtest of a two-leg spread trade. At each refit, on the trailing window only: the hedge ratio from the OLS regression of one log price on the other, and the Engle–Granger cointegration test of its residuals (MacKinnon p-value). While the last test passes, the spread’s z-score against the window opens a long or short spread beyond the entry level and closes it back inside the exit level; after costs, with the refits and every trade shown.',
		params: {
			cointegration_threshold: float(0.05, 0.01, 0.1, 'Largest cointegration-test p-value accepted'),
			zscore_entry: float(2.0, 1.0, 3.0, 'Spread z-score that opens a position'),
			zscore_exit: float(0.5, 0.1, 1.0, 'Spread z-score that closes it'),
			lookback: intOrNone(
				30,
				1260,
				'Bars in the training window of each refit (hedge ratio, test, spread mean and deviation); empty = three years of bars, at least 36 and at most 252'
			),
			refit_every: intOrNone(
				1,
				252,
				'Bars between refits; empty = about a month of bars (21 daily, 4 weekly, 1 monthly)'
			),
			cost_bps: float(5, 0, 1000, 'Trading cost in basis points of the value traded')
		},
		rules: [{ type: 'less_than', left: 'zscore_exit', right: 'zscore_entry' }],
		status: NOT_IMPLEMENTED
	},
	{
		index: 125,
		id: 'regime_switching_momentum',
		name: 'Regime-switching momentum',
		category: 'advanced',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'custom → adaptive.RegimeSwitchingMomentum',
		description:
			'The sign of the lookback-bar price change, sized by a causal regime scale that moves towards its target at the adaptation speed. volatility_clustering: full size while the EWMA (λ 0.94) volatility is at or below its 100-day norm, cut in proportion above it. rolling_zscore: full size while the move spans at least one noise unit (its z-score against the daily returns’ standard deviation), none while it does not. hidden_markov: the filtered probability of the calm regime of a two-regime Markov-switching model of daily returns fitted on the training window.',
		params: {
			momentum_lookback: int(20, 5, 100, 'Bars in the momentum return'),
			regime_detection_method: oneOf(
				'volatility_clustering',
				['volatility_clustering', 'rolling_zscore', 'hidden_markov'],
				'How the regime is detected (see the description)'
			),
			adaptation_speed: float(0.1, 0.01, 0.5, 'Fraction of the gap to the new regime’s size closed each bar')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 126,
		id: 'heston_model',
		name: 'Heston stochastic-volatility pricing',
		category: 'advanced',
		family: 'FORMULA',
		kind: 'formula',
		task: 'pricing',
		inputs: ['options_chain'],
		original: 'quantlib → QuantLib.HestonModel',
		description:
			'European option prices under a model where variance follows its own mean-reverting random process, correlated with the price, from the five parameters entered (characteristic function and numerical integration), with the implied-volatility smile they produce. The parameters are normally calibrated to quoted option prices: that needs option quotes the user imports, and this entry does not calibrate.',
		params: {
			v0: float(0.1, 0.01, 1.0, 'Initial variance'),
			kappa: float(1.0, 0.1, 10.0, 'Speed at which variance reverts to its long-run level'),
			theta: float(0.1, 0.01, 1.0, 'Long-run variance'),
			sigma: float(0.1, 0.01, 1.0, 'Volatility of variance'),
			rho: float(-0.5, -1.0, 1.0, 'Correlation between price and variance shocks'),
			underlying_price: float(100.0, 1.0, 10000.0, 'Price of the underlying now', { log: true }),
			strike: float(100.0, 1.0, 10000.0, 'Strike price', { log: true }),
			time_to_expiry: float(0.25, 0.001, 5.0, 'Time to expiry in years', { log: true }),
			risk_free_rate: float(0.05, 0.0, 0.3, 'Annual continuously compounded risk-free rate'),
			dividend_yield: float(0.0, 0.0, 0.2, 'Annual continuous dividend yield of the underlying'),
			option_type: oneOf('call', ['call', 'put'], 'The option whose price is reported first')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 127,
		id: 'black_scholes_greeks_model',
		name: 'Black–Scholes price and greeks',
		category: 'advanced',
		family: 'FORMULA',
		kind: 'formula',
		task: 'pricing',
		inputs: ['option_inputs'],
		original: 'py_vollib → py_vollib.black_scholes.black_scholes',
		description:
			'Closed-form European option price with delta, gamma, vega, theta and rho from the inputs entered. Calibrating volatility to the market would need option chains, which no approved source supplies.',
		params: {
			underlying_price: float(100.0, 1.0, 10000.0, 'Price of the underlying', { log: true }),
			strike: float(100.0, 1.0, 10000.0, 'Strike price', { log: true }),
			time_to_expiry: float(0.25, 0.001, 5.0, 'Time to expiry in years', { log: true }),
			risk_free_rate: float(0.05, 0.0, 0.3, 'Annual continuously compounded risk-free rate'),
			volatility: float(0.2, 0.01, 3.0, 'Annualised volatility of the underlying', { log: true }),
			option_type: oneOf('call', ['call', 'put'], 'The option whose price and greeks are reported'),
			dividend_yield: float(0.0, 0.0, 0.2, 'Annual continuous dividend yield of the underlying')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 128,
		id: 'elliott_wave_model',
		name: 'Elliott wave count',
		category: 'advanced',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'custom → elliott_wave.ElliottWaveModel',
		description:
			'A mechanical Elliott wave count, not a forecast: the alternating swings of a zig-zag (its reversal set by the wave degree) are labelled as waves 1–5 of an impulse and A–C of its correction when they keep Elliott’s three rules (wave 2 never beyond the start of wave 1, wave 3 never the shortest, wave 4 never into wave 1’s range) and the retracements of waves 2 and 4 lie within 15 % of one of the Fibonacci ratios. Long in waves 3 and 5 of an upward count and short in its waves A and C (the mirror for a downward count), flat otherwise. Wave counts are subjective; this is one heuristic reading of them.',
		params: {
			wave_degree: oneOf(
				'primary',
				['cycle', 'primary', 'intermediate', 'minor', 'minute'],
				'Scale of the waves counted'
			),
			fibonacci_ratios: floatList(
				[0.382, 0.618, 1.618],
				{ minLength: 1, maxLength: 6, min: 0.1, max: 5.0 },
				'Retracement and extension ratios that mark wave ends'
			),
			minimum_wave_length: int(5, 3, 50, 'Fewest bars in one wave')
		},
		status: NOT_IMPLEMENTED
	}
] as const satisfies readonly DeclaredEntry[];

/** forecasting_optimization (entries 46–52) and nlp_sentiment (53–55). */
import type { DeclaredEntry } from '../types';
import { NOT_IMPLEMENTED, float, floatList, int, intOrNone, oneOf, unavailable } from './helpers';

const NEEDS_TEXT =
	'Needs text (news, filings or posts) to read, and none of the approved data sources supplies text: they provide price bars and macro series only.';

const hyperprior = (what: string) => float(0.000001, 1e-10, 0.01, what, { log: true });
/** Long-only: the backtests hold no short positions, so the lower bound is at least 0. */
const weightBounds = floatList(
	[0, 1],
	{ minLength: 2, maxLength: 2, min: 0, max: 1 },
	'[lower, upper] bound on every asset’s weight, long-only (0 ≤ lower ≤ upper ≤ 1); weights sum to 1'
);
/** The walk-forward backtest's schedule and costs, shared by the portfolio optimisers. */
const trainingWindow = intOrNone(
	12,
	1260,
	'Bars of returns each rebalance trains on; empty = three years of bars, at least 36 and at most 252 (252 daily, 156 weekly, 36 monthly)'
);
const rebalanceEvery = intOrNone(
	1,
	252,
	'Bars between rebalances; empty = about a month of bars (21 daily, 4 weekly, 1 monthly)'
);
const costBps = float(5, 0, 1000, 'Trading cost in basis points of the value traded at each rebalance');

export const FORECASTING_AND_NLP_ENTRIES = [
	{
		index: 46,
		id: 'bayesian_ridge_forecast',
		name: 'Bayesian ridge regression',
		category: 'forecasting_optimization',
		family: 'ML',
		kind: 'learner',
		task: 'regression',
		inputs: ['features'],
		original: 'sklearn → sklearn.linear_model.BayesianRidge',
		description:
			'Ridge regression whose penalty and noise level are estimated from the data under Gamma priors, which also yields a predictive variance for each prediction.',
		params: {
			alpha_1: hyperprior('Shape of the Gamma prior on the noise precision'),
			alpha_2: hyperprior('Rate of the Gamma prior on the noise precision'),
			lambda_1: hyperprior('Shape of the Gamma prior on the weight precision')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 47,
		id: 'markowitz_mean_variance_optimizer',
		name: 'Mean–variance portfolio (Markowitz)',
		category: 'forecasting_optimization',
		family: 'OPT',
		kind: 'optimiser',
		task: 'portfolio',
		inputs: ['returns_matrix'],
		original: 'pypfopt → pypfopt.EfficientFrontier',
		description:
			'Walk-forward backtest: at each rebalance, chooses long-only weights that maximise expected return minus half the risk aversion times variance, from the mean returns and Ledoit–Wolf shrunk covariance of the trailing window only; compared with equal weight on the same schedule, after costs. Sensitive to errors in the estimated means.',
		params: {
			risk_aversion: float(1.0, 0.1, 10.0, 'Penalty on portfolio variance', { log: true }),
			weight_bounds: weightBounds,
			lookback: trainingWindow,
			rebalance_every: rebalanceEvery,
			cost_bps: costBps
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 48,
		id: 'dynamic_risk_parity_model',
		name: 'Dynamic risk parity',
		category: 'forecasting_optimization',
		family: 'OPT',
		kind: 'optimiser',
		task: 'portfolio',
		inputs: ['returns_matrix'],
		original: 'custom → risk_management.DynamicRiskParityModel',
		description:
			'Walk-forward backtest: at each rebalance, sets weights so each asset contributes equally to portfolio risk (equal risk contributions), from the Ledoit–Wolf shrunk covariance of the trailing window only; compared with equal weight on the same schedule, after costs.',
		params: {
			rebalance_frequency: int(22, 1, 252, 'Bars between rebalances'),
			volatility_lookback: int(60, 20, 252, 'Bars of returns each rebalance estimates the covariance from'),
			cost_bps: costBps
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 49,
		id: 'maximum_sharpe_ratio_optimizer',
		name: 'Maximum Sharpe ratio portfolio',
		category: 'forecasting_optimization',
		family: 'OPT',
		kind: 'optimiser',
		task: 'portfolio',
		inputs: ['returns_matrix'],
		original: 'pypfopt → pypfopt.EfficientFrontier',
		description:
			'Walk-forward backtest: at each rebalance, chooses the long-only weights with the highest expected excess return per unit of volatility (the tangency portfolio), from the mean returns and Ledoit–Wolf shrunk covariance of the trailing window only; compared with equal weight on the same schedule, after costs.',
		params: {
			risk_free_rate: float(0.02, 0.0, 0.1, 'Annual risk-free rate'),
			weight_bounds: weightBounds,
			lookback: trainingWindow,
			rebalance_every: rebalanceEvery,
			cost_bps: costBps
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 50,
		id: 'black_scholes',
		name: 'Black–Scholes option price',
		category: 'forecasting_optimization',
		family: 'FORMULA',
		kind: 'formula',
		task: 'pricing',
		inputs: ['option_inputs'],
		original: 'custom → financial_models.BlackScholes',
		description:
			'Closed-form Black–Scholes–Merton price and greeks of a European call and put from the spot, strike, time to expiry, volatility, rate and dividend yield entered, with the put–call parity check and the price against the spot.',
		params: {
			volatility: float(0.2, 0.01, 2.0, 'Annualised volatility of the underlying'),
			risk_free_rate: float(0.05, 0.0, 0.2, 'Annual continuously compounded risk-free rate'),
			underlying_price: float(100.0, 1.0, 10000.0, 'Price of the underlying now', { log: true }),
			strike: float(100.0, 1.0, 10000.0, 'Strike price', { log: true }),
			time_to_expiry: float(0.25, 0.001, 5.0, 'Time to expiry in years', { log: true }),
			option_type: oneOf('call', ['call', 'put'], 'The option whose price and greeks are reported first'),
			dividend_yield: float(0.0, 0.0, 0.2, 'Annual continuous dividend yield of the underlying')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 51,
		id: 'monte_carlo_simulation',
		name: 'Monte Carlo price paths',
		category: 'forecasting_optimization',
		family: 'SIM',
		kind: 'formula',
		task: 'measure',
		inputs: ['returns'],
		original: 'numpy → numpy.random.random',
		description:
			'Simulates many future price paths (geometric Brownian motion) from the drift and volatility estimated from the past log returns of the series and reports the distribution of outcomes: percentiles of the final price, the probability of a loss and a fan chart. A simulation, never market data.',
		params: {
			n_simulations: int(10000, 1000, 1000000, 'Number of simulated paths', { log: true }),
			random_seed: int(42, 0, 2147483647, 'Seed of the random generator, so a run can be repeated'),
			horizon_bars: int(252, 1, 2520, 'Bars simulated ahead (trading days for daily data)', { log: true })
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 52,
		id: 'var',
		name: 'Value at risk',
		category: 'forecasting_optimization',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['returns'],
		original: 'custom → risk_management.ValueAtRisk',
		description:
			'The loss that is not exceeded with the given confidence over the holding period, estimated from past returns (historical, Gaussian, Cornish–Fisher or Monte Carlo), with the expected shortfall beyond it and a one-day backtest.',
		params: {
			confidence_level: float(0.95, 0.9, 0.99, 'Confidence level of the loss quantile'),
			method: oneOf(
				'historical',
				['historical', 'parametric', 'cornish_fisher', 'monte_carlo'],
				'Empirical quantile, normal approximation, normal corrected for skew and kurtosis, or simulation'
			),
			holding_period: int(
				1,
				1,
				252,
				'Holding period in bars: overlapping h-bar returns (historical) or the √h rule (the others)'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 53,
		id: 'finbert_sentiment_classifier',
		name: 'FinBERT sentiment classifier',
		category: 'nlp_sentiment',
		family: 'NLP',
		kind: 'learner',
		task: 'text',
		inputs: ['text'],
		original: 'transformers → transformers.AutoModelForSequenceClassification',
		description:
			'A BERT model fine-tuned on financial text that labels a sentence as positive, negative or neutral.',
		params: {
			model_name: oneOf('ProsusAI/finbert', ['ProsusAI/finbert'], 'Pretrained model to load')
		},
		status: unavailable(NEEDS_TEXT)
	},
	{
		index: 54,
		id: 'bert_classification_head',
		name: 'BERT text classifier',
		category: 'nlp_sentiment',
		family: 'NLP',
		kind: 'learner',
		task: 'text',
		inputs: ['text'],
		original: 'transformers → transformers.BertForSequenceClassification',
		description: 'A pretrained BERT encoder with a classification layer fine-tuned on labelled text.',
		params: {
			num_labels: int(3, 2, 10, 'Number of classes')
		},
		status: unavailable(NEEDS_TEXT)
	},
	{
		index: 55,
		id: 'sentence_transformer_embedding',
		name: 'Sentence embeddings',
		category: 'nlp_sentiment',
		family: 'NLP',
		kind: 'procedure',
		task: 'text',
		inputs: ['text'],
		original: 'sentence_transformers → sentence_transformers.SentenceTransformer',
		description:
			'Turns each sentence into a fixed-length vector with a pretrained sentence-transformer, for use as features.',
		params: {
			model_name: oneOf('all-MiniLM-L6-v2', ['all-MiniLM-L6-v2'], 'Pretrained model to load')
		},
		status: unavailable(NEEDS_TEXT)
	}
] as const satisfies readonly DeclaredEntry[];

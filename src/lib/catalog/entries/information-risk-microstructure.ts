/** information_theory (entries 96–100), risk_analytics (101–104) and market_microstructure (105–108). */
import type { DeclaredEntry } from '../types';
import { NOT_IMPLEMENTED, bool, float, int, oneOf, someOf, unavailable } from './helpers';

export const INFORMATION_RISK_MICROSTRUCTURE_ENTRIES = [
	{
		index: 96,
		id: 'transfer_entropy',
		name: 'Transfer entropy',
		category: 'information_theory',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['two_series'],
		original: 'custom → information_theory.transfer_entropy',
		description:
			'How much knowing one series’ past reduces uncertainty about the other’s next value beyond its own past (Schreiber 2000), in bits, both directions, on returns discretised into equal-frequency bins; a directional, model-free measure of information flow, tested against shuffled copies.',
		params: {
			history: int(1, 1, 10, 'Past values of each series conditioned on'),
			bins: int(
				2,
				2,
				4,
				'Equal-frequency bins the returns are discretised into (2 = above or below the median)'
			),
			surrogates: int(200, 20, 2000, 'Shuffled copies of the source series for the significance test')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 97,
		id: 'shannon_entropy_mutual_info',
		name: 'Mutual information',
		category: 'information_theory',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['features'],
		original: 'sklearn → sklearn.feature_selection.mutual_info_regression',
		description:
			'Nearest-neighbour (Kraskov) estimate of the mutual information between the return and each of its own lags, as scikit-learn’s mutual_info_regression computes it, which also captures non-linear dependence; plus the Shannon entropy of the binned returns.',
		params: {
			n_neighbors: int(3, 1, 10, 'Neighbours used by the estimator'),
			max_lag: int(5, 1, 20, 'Lags of the return used as features: 1 to this many days back'),
			bins: int(20, 5, 100, 'Equal-width bins for the Shannon entropy of the returns')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 98,
		id: 'granger_causality_test',
		name: 'Granger causality test',
		category: 'information_theory',
		family: 'TEST',
		kind: 'test',
		task: 'test',
		inputs: ['two_series'],
		original: 'statsmodels → statsmodels.tsa.stattools.grangercausalitytests',
		description:
			'F and χ² tests of whether lags of the second series’ log returns improve a linear autoregressive forecast of the first’s, at each lag up to the maximum; predictive, not causal, in the everyday sense.',
		params: { max_lag: int(4, 1, 20, 'Largest lag tested') },
		status: NOT_IMPLEMENTED
	},
	{
		index: 99,
		id: 'network_topology_analysis',
		name: 'Correlation network centrality',
		category: 'information_theory',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['returns_matrix'],
		original: 'networkx → networkx.Graph',
		description:
			'Builds the minimum spanning tree of the assets’ return correlations (distance √(2(1 − ρ)), Mantegna 1999) and ranks the assets by the chosen centrality measure in that tree.',
		params: {
			centrality_measure: oneOf(
				'betweenness',
				['betweenness', 'degree', 'closeness', 'eigenvector'],
				'Centrality measure'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 100,
		id: 'lempel_ziv_complexity',
		name: 'Lempel–Ziv complexity',
		category: 'information_theory',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['returns'],
		original: 'custom → complexity.LempelZivComplexity',
		description:
			'Counts the distinct patterns (Lempel–Ziv 1976 phrases) in the sequence of up and down moves of the returns; low values mean a repetitive, more predictable sequence. Normalised, about 1 for a random sequence.',
		params: {
			normalize: bool(true, 'Divide by the value expected for a random sequence of the same length'),
			split: oneOf(
				'sign',
				['sign', 'median'],
				'An up move is a return above zero (sign) or above the median return (median)'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 101,
		id: 'omega_ratio',
		name: 'Omega ratio',
		category: 'risk_analytics',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['returns'],
		original: 'custom → risk.OmegaRatio',
		description:
			'Probability-weighted gains above the threshold return divided by probability-weighted losses below it.',
		params: { threshold: float(0.0, -0.1, 0.1, 'Return per period separating gains from losses') },
		status: NOT_IMPLEMENTED
	},
	{
		index: 102,
		id: 'sterling_ratio',
		name: 'Sterling ratio',
		category: 'risk_analytics',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['returns'],
		original: 'custom → risk.SterlingRatio',
		description: 'Annualised return divided by the average of the largest drawdowns.',
		params: { periods: int(252, 100, 1000, 'Periods per year used to annualise') },
		status: NOT_IMPLEMENTED
	},
	{
		index: 103,
		id: 'information_ratio',
		name: 'Information ratio',
		category: 'risk_analytics',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['two_series'],
		original: 'custom → risk.InformationRatio',
		description:
			'Mean return in excess of a benchmark (the second dataset) divided by the standard deviation of that excess (the tracking error), annualised from the dates.',
		params: {
			active_return: oneOf(
				'arithmetic',
				['arithmetic', 'geometric'],
				'Active return per bar: r − b, or (1 + r) / (1 + b) − 1'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 104,
		id: 'market_stress_indicators',
		name: 'Stress scenarios',
		category: 'risk_analytics',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['returns'],
		original: 'custom → stress.MarketStressIndicators',
		description:
			'Replays the real crises the data covers (dot-com bust, 11 September, the 2007–09 crisis, 2010, 2011, 2015–16, 2018, Covid 2020): the fall, worst day, volatility and VaR breaches in each, with a rolling stress index.',
		params: {
			stress_scenarios: someOf(
				[
					'dotcom_2000_2002',
					'sept11_2001',
					'gfc_2007_2009',
					'flash_crash_2010',
					'us_downgrade_2011',
					'china_oil_2015_2016',
					'volmageddon_2018',
					'q4_2018',
					'covid_2020'
				],
				[
					'dotcom_2000_2002',
					'sept11_2001',
					'gfc_2007_2009',
					'flash_crash_2010',
					'us_downgrade_2011',
					'china_oil_2015_2016',
					'volmageddon_2018',
					'q4_2018',
					'covid_2020'
				],
				'Historical crisis windows to replay (those the data covers)'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 105,
		id: 'market_impact_models',
		name: 'Market impact estimate',
		category: 'market_microstructure',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['ohlcv'],
		original: 'custom → microstructure.MarketImpactModels',
		description:
			'Estimates the price impact of an order from daily volume and volatility with the square-root law, impact = Y·σ·√(Q/ADV) (or a linear law), on the data’s real volume.',
		params: {
			impact_function: oneOf(
				'square_root',
				['square_root', 'linear'],
				'Shape of impact as a function of size'
			),
			liquidity_measure: oneOf(
				'volume',
				['volume', 'dollar_volume'],
				'Measure of available liquidity the size is compared with: shares or dollars per bar'
			),
			order_size: float(1_000_000, 1, 1e12, 'Order size, in shares (volume) or dollars (dollar volume)', {
				log: true
			}),
			impact_coefficient: float(1, 0.1, 3, 'Y in impact = Y·σ·√(Q/ADV); of order 1 in published estimates'),
			window: int(20, 5, 250, 'Bars over which daily volatility and average volume are measured')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 106,
		id: 'order_flow_analysis',
		name: 'Order flow imbalance',
		category: 'market_microstructure',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['trades_quotes'],
		original: 'custom → microstructure.OrderFlowAnalysis',
		description:
			'Share of buyer-initiated versus seller-initiated volume in each time bucket, flagged when the imbalance passes the threshold.',
		params: {
			time_bucket: int(60, 10, 600, 'Bucket length in seconds'),
			flow_imbalance_threshold: float(0.6, 0.5, 0.8, 'Buy (or sell) share that counts as an imbalance')
		},
		status: unavailable(
			'Needs tick-level trades marked as buyer- or seller-initiated; the approved sources supply only daily and minute bars.'
		)
	},
	{
		index: 107,
		id: 'bid_ask_spread_analysis',
		name: 'Bid–ask spread estimate',
		category: 'market_microstructure',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['ohlcv'],
		original: 'custom → microstructure.BidAskSpreadAnalysis',
		description:
			'Estimates the effective trading spread from daily bars, without quotes: Roll’s (1984) estimator from the autocovariance of price changes and Corwin–Schultz’s (2012) from two-day highs and lows.',
		params: {
			spread_measure: oneOf(
				'effective',
				['effective', 'roll', 'corwin_schultz'],
				'Estimator of the effective spread: both side by side (effective), Roll’s or Corwin–Schultz’s'
			),
			window: int(21, 5, 252, 'Bars per rolling estimate in the chart (21 ≈ a month)')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 108,
		id: 'liquidity_assessment',
		name: 'Liquidity assessment',
		category: 'market_microstructure',
		family: 'FORMULA',
		kind: 'formula',
		task: 'measure',
		inputs: ['ohlcv'],
		original: 'custom → microstructure.LiquidityAssessment',
		description:
			'Measures liquidity from daily bars: Amihud’s (2002) illiquidity (price move per dollar traded), the Amivest liquidity ratio, dollar volume and the share of zero-return days, with their rolling paths.',
		params: {
			liquidity_metrics: someOf(
				['amihud', 'dollar_volume'],
				['amihud', 'amivest', 'dollar_volume', 'zero_returns'],
				'Liquidity measures to report'
			),
			window: int(21, 5, 252, 'Bars per rolling estimate in the chart (21 ≈ a month)')
		},
		status: NOT_IMPLEMENTED
	}
] as const satisfies readonly DeclaredEntry[];

/** momentum (entries 56–70): technical indicators and the rule-based signals built on them. */
import type { DeclaredEntry } from '../types';
import { NOT_IMPLEMENTED, bool, float, int, intList } from './helpers';

const fillna = bool(false, 'Hold a flat position (0) during the signal line’s warm-up instead of none');
const signalWindow = int(20, 2, 100, 'Span of the EMA signal line the volume line is compared with');

export const MOMENTUM_ENTRIES = [
	{
		index: 56,
		id: 'rsi_model',
		name: 'Relative Strength Index (RSI)',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'ta → ta.momentum.RSI',
		description:
			'Ratio of Wilder-smoothed average gains to average losses over the window, scaled to 0–100; long while oversold (below 30), short while overbought (above 70), flat between.',
		params: { window: int(14, 5, 50, 'Bars averaged') },
		status: NOT_IMPLEMENTED
	},
	{
		index: 57,
		id: 'macd_model',
		name: 'MACD',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'ta → ta.trend.MACD',
		description:
			'Difference between a fast and a slow exponential moving average of the close, with a signal line (its own EMA); long while MACD is above the signal line, short while below.',
		params: {
			window_slow: int(26, 20, 50, 'Span of the slow moving average'),
			window_fast: int(12, 5, 20, 'Span of the fast moving average'),
			window_sign: int(9, 2, 20, 'Span of the signal line (the EMA of the MACD)')
		},
		rules: [{ type: 'less_than', left: 'window_fast', right: 'window_slow' }],
		status: NOT_IMPLEMENTED
	},
	{
		index: 58,
		id: 'bollinger_breakout_model',
		name: 'Bollinger band breakout',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'ta → ta.volatility.BollingerBands',
		description:
			'Bands a number of rolling standard deviations above and below a rolling mean; a close above the upper band is a long breakout, below the lower band a short one, flat inside.',
		params: {
			window: int(20, 10, 50, 'Bars in the rolling mean and standard deviation'),
			window_dev: float(2, 1, 3, 'Band width in standard deviations')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 59,
		id: 'volume_price_trend_model',
		name: 'Volume–price trend',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'ta → ta.volume.VolumePriceTrend',
		description:
			'Running total of volume multiplied by the percentage price change of each bar; long while it is above its EMA signal line, short below.',
		params: { fillna, signal_window: signalWindow },
		status: NOT_IMPLEMENTED
	},
	{
		index: 60,
		id: 'williams_r_model',
		name: 'Williams %R',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'ta → ta.momentum.WilliamsR',
		description:
			'Where the close sits within the high–low range of the lookback period, from 0 (at the high) to −100 (at the low); long below −80 (oversold), short above −20 (overbought), flat between.',
		params: { lbp: int(14, 5, 50, 'Lookback period in bars') },
		status: NOT_IMPLEMENTED
	},
	{
		index: 61,
		id: 'stochastic_model',
		name: 'Stochastic oscillator',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'ta → ta.momentum.StochasticOscillator',
		description:
			'Position of the close within the recent high–low range (%K, 0–100) and its moving average (%D); long while %D is below 20, short while above 80, flat between.',
		params: {
			window: int(14, 5, 50, 'Bars in the high–low range'),
			smooth_window: int(3, 1, 10, 'Bars in the %D moving average')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 62,
		id: 'commodity_channel_index',
		name: 'Commodity Channel Index (CCI)',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'ta → ta.trend.CCI',
		description:
			'Deviation of the typical price from its moving average, divided by the constant times the mean absolute deviation; long above +100, short below −100, flat between (Lambert’s rule).',
		params: {
			window: int(20, 10, 50, 'Bars in the moving average'),
			constant: float(0.015, 0.01, 0.05, 'Scaling constant (Lambert’s 0.015)')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 63,
		id: 'accumulation_distribution_line',
		name: 'Accumulation/distribution line',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'ta → ta.volume.AccDistIndexIndicator',
		description:
			'Running total of volume weighted by where each close falls within its bar’s high–low range; long while it is above its EMA signal line, short below.',
		params: { fillna, signal_window: signalWindow },
		status: NOT_IMPLEMENTED
	},
	{
		index: 64,
		id: 'cci_ensemble',
		name: 'Multi-period CCI vote',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → momentum.CCIEnsemble',
		description:
			'Computes the CCI over several periods and averages their ±100 votes (+1 above +100, −1 below −100, else 0) into a position between −1 and 1. (The original class computed a single 20-bar CCI despite its name.)',
		params: {
			n_periods: intList(
				[14, 20, 50],
				{ minLength: 1, maxLength: 5, min: 5, max: 200 },
				'CCI periods that vote'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 65,
		id: 'ema_model',
		name: 'Exponential moving average',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'custom → indicators.EMA',
		description:
			'Exponentially weighted moving average of the close; long while the close is above it, short while below.',
		params: { span: int(12, 5, 100, 'Span of the average in bars') },
		status: NOT_IMPLEMENTED
	},
	{
		index: 66,
		id: 'roc_model',
		name: 'Rate of change',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'custom → indicators.ROC',
		description:
			'Percentage change of the close over the window, 100 × (pₜ − pₜ₋ₙ) / pₜ₋ₙ; long while positive, short while negative.',
		params: { window: int(12, 5, 50, 'Bars between the compared prices') },
		status: NOT_IMPLEMENTED
	},
	{
		index: 67,
		id: 'parabolic_sar_model',
		name: 'Parabolic SAR',
		category: 'momentum',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → indicators.ParabolicSAR',
		description:
			'Wilder’s stop-and-reverse: a trailing stop that accelerates towards the price as a trend extends and flips side when the price crosses it; long while the stop is below the price, short while above.',
		params: {
			step: float(0.02, 0.01, 0.1, 'Acceleration factor added at each new extreme'),
			max_step: float(0.2, 0.1, 0.5, 'Largest acceleration factor')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 68,
		id: 'ema_crossover_model',
		name: 'EMA crossover',
		category: 'momentum',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'custom → systems.EMACrossover',
		description:
			'Long while the fast exponential moving average is above the slow one, short while below; the fast period should be shorter than the slow one.',
		params: {
			fast_period: int(12, 5, 50, 'Span of the fast average'),
			slow_period: int(26, 10, 100, 'Span of the slow average')
		},
		rules: [{ type: 'less_than', left: 'fast_period', right: 'slow_period' }],
		status: NOT_IMPLEMENTED
	},
	{
		index: 69,
		id: 'momentum_breakout_model',
		name: 'Momentum breakout',
		category: 'momentum',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'custom → systems.MomentumBreakout',
		description:
			'Goes long when the close exceeds the highest close of the previous lookback bars (today excluded) by more than the threshold, and short when it falls below their lowest close by more than the threshold; each position is held until the opposite breakout (stop and reverse).',
		params: {
			lookback: int(20, 10, 100, 'Bars in the reference range'),
			threshold: float(0.02, 0.01, 0.1, 'Fractional margin beyond the range that counts as a breakout')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 70,
		id: 'trend_reversal_model',
		name: 'Trend reversal detector',
		category: 'momentum',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['close'],
		original: 'custom → detectors.TrendReversal',
		description:
			'Flags a reversal when the 20-bar trend into a pivot turns: every close of the confirmation period after the pivot lies beyond it against the trend, and the price has given back at least (1 − sensitivity) of the trend’s move; then takes the new direction (short after an up-trend turns, long after a down-trend turns) until the opposite reversal. (The original class was, despite its name, a trend-following flag on the 20-bar return.)',
		params: {
			sensitivity: float(0.5, 0.1, 1.0, 'How small a turn counts; higher flags more reversals'),
			confirmation_period: int(3, 1, 10, 'Bars the turn must persist')
		},
		status: NOT_IMPLEMENTED
	}
] as const satisfies readonly DeclaredEntry[];

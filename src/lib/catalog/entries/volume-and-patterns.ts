/** volume_analysis (entries 71–76) and pattern_recognition (77–81): rules on price and volume bars. */
import type { DeclaredEntry } from '../types';
import { NOT_IMPLEMENTED, bool, float, int, someOf } from './helpers';

export const VOLUME_AND_PATTERN_ENTRIES = [
	{
		index: 71,
		id: 'obv_model',
		name: 'On-balance volume',
		category: 'volume_analysis',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → volume.OBV',
		description:
			'Running total that adds a bar’s volume on up closes and subtracts it on down closes; long while it is above its EMA signal line, short below.',
		params: {
			fillna: bool(false, 'Hold a flat position (0) during the signal line’s warm-up instead of none'),
			signal_window: int(20, 2, 100, 'Span of the EMA signal line the volume line is compared with')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 72,
		id: 'volume_spike_model',
		name: 'Volume spike',
		category: 'volume_analysis',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → volume.VolumeSpike',
		description:
			'Flags bars whose volume exceeds the threshold times the average volume of the window before them, and holds the sign of that bar’s close-to-close change for that bar only (flat on other bars).',
		params: {
			threshold: float(2.0, 1.5, 5.0, 'Multiple of average volume that counts as a spike'),
			window: int(20, 10, 50, 'Bars in the average volume')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 73,
		id: 'volume_price_analysis_model',
		name: 'Price–volume correlation',
		category: 'volume_analysis',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → volume.VolumePriceAnalysis',
		description:
			'Rolling correlation between each bar’s return and its volume: long while it is positive (volume comes with up moves), short while negative.',
		params: { correlation_window: int(20, 10, 50, 'Bars in the rolling correlation') },
		status: NOT_IMPLEMENTED
	},
	{
		index: 74,
		id: 'volume_confirmed_breakout_model',
		name: 'Volume-confirmed breakout',
		category: 'volume_analysis',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → volume.VolumeConfirmedBreakout',
		description:
			'A close beyond the highest high or lowest low of the previous lookback bars by the price threshold counts only when volume is above the volume threshold times the average volume of those bars; long after a confirmed break up, short after a confirmed break down, held until the opposite confirmed break.',
		params: {
			volume_threshold: float(1.5, 1.0, 3.0, 'Multiple of average volume required'),
			price_threshold: float(0.02, 0.01, 0.05, 'Fractional move beyond the range required'),
			lookback: int(20, 10, 100, 'Bars in the prior range and in the average volume')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 75,
		id: 'vpa_model',
		name: 'Volume spread analysis (effort vs result)',
		category: 'volume_analysis',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → volume.VPA',
		description:
			'Compares effort (volume above 1.5 × its mean over the previous 20 bars) with result (a bar range below its mean over those bars): heavy volume on a narrow bar closing high is read as accumulation (long for that bar), closing low as distribution (short for that bar); flat otherwise.',
		params: {
			effort_threshold: float(
				0.7,
				0.5,
				1.0,
				'Position of the close within the bar that counts as high (or, mirrored, low)'
			)
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 76,
		id: 'volume_weighted_price',
		name: 'Rolling VWAP bands',
		category: 'volume_analysis',
		family: 'IND',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → volume.VolumeWeightedPrice',
		description:
			'Rolling volume-weighted average of the typical price with volume-weighted standard-deviation bands; price below the lower band is read as cheap, above the upper as dear.',
		params: {
			window: int(20, 10, 100, 'Bars in the rolling VWAP'),
			band_width: float(2, 0.5, 4, 'Band half-width in volume-weighted standard deviations')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 77,
		id: 'breakout_detection_model',
		name: 'Range breakout',
		category: 'pattern_recognition',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → patterns.BreakoutDetection',
		description:
			'Goes long when the close rises above the highest high of the previous lookback bars (today excluded) by more than the threshold and short when it falls below their lowest low by more than the threshold (a Donchian-style breakout), holding each position until the opposite breakout.',
		params: {
			lookback: int(20, 10, 100, 'Bars in the channel'),
			threshold: float(0.02, 0.01, 0.05, 'Fractional margin beyond the channel')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 78,
		id: 'support_resistance_model',
		name: 'Support and resistance levels',
		category: 'pattern_recognition',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → patterns.SupportResistance',
		description:
			'Finds price levels where two or more swing highs or lows (five-bar swings) of the window cluster within the tolerance, and signals on the bar: long when the close breaks up through a level or rests just above one (support), short when it breaks down through one or sits just under one (resistance).',
		params: {
			window: int(50, 20, 200, 'Bars searched for swing points'),
			tolerance: float(0.01, 0.005, 0.02, 'Fractional distance within which swing points form one level')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 79,
		id: 'candlestick_pattern_model',
		name: 'Candlestick patterns',
		category: 'pattern_recognition',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → patterns.CandlestickPattern',
		description:
			'Rule-based detection of named candlestick shapes (Nison’s definitions) from each bar’s open, high, low and close; a bullish pattern sets the position long and a bearish one short for the chosen number of bars. Doji, hammer and shooting star are read against the trend of the three closes before them (a hammer after a rise is a hanging man, a shooting star after a decline an inverted hammer); hammers and stars wait for the next bar to confirm them.',
		params: {
			pattern_types: someOf(
				['doji', 'hammer', 'engulfing'],
				[
					'doji',
					'hammer',
					'engulfing',
					'shooting_star',
					'harami',
					'morning_star',
					'evening_star',
					'three_white_soldiers',
					'three_black_crows'
				],
				'Patterns to detect'
			),
			sensitivity: float(
				0.5,
				0.1,
				1.0,
				'How loosely a bar must match a pattern; higher flags more (0.5: the textbook thresholds, e.g. a doji’s body at most 5 % of its range, a hammer’s shadow at least twice its body)'
			),
			hold_bars: int(5, 1, 20, 'Bars a position is held after a pattern completes')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 80,
		id: 'high_tight_flag_model',
		name: 'High tight flag',
		category: 'pattern_recognition',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → patterns.HighTightFlag',
		description:
			'Bulkowski’s high tight flag: a rise of at least the pole height within the pole’s bars, then a pause of 3 to flag-duration bars that never trades above the pole’s top and stays within the flag depth of the pole’s rise; long from a close above the pole’s top for the holding bars, or until a close below the flag’s low. Long only. Indices rarely rise this steeply, so on an index the signal is mostly flat.',
		params: {
			flag_duration: int(10, 5, 30, 'Longest consolidation in bars'),
			pole_height: float(0.3, 0.2, 0.8, 'Smallest fractional rise that counts as a pole'),
			pole_bars: int(40, 10, 120, 'Most bars the pole may take (Bulkowski: under two months)'),
			flag_depth: float(
				0.4,
				0.1,
				0.6,
				'Widest flag, from the pole’s top to the flag’s lowest low, as a fraction of the pole’s rise'
			),
			hold_bars: int(20, 1, 60, 'Bars a position is held after a breakout')
		},
		status: NOT_IMPLEMENTED
	},
	{
		index: 81,
		id: 'chart_pattern_recognition',
		name: 'Chart pattern recognition',
		category: 'pattern_recognition',
		family: 'RULE',
		kind: 'signal',
		task: 'signal',
		inputs: ['ohlcv'],
		original: 'custom → patterns.ChartPatternRecognition',
		description:
			'Rule-based detection of classic chart shapes (Bulkowski) from the swing highs and lows of a zig-zag that confirms a swing only once price has reversed from it by the swing threshold: double tops and bottoms, head and shoulders and its inverse, ascending, descending and symmetric triangles, rising and falling wedges, bull and bear flags. A shape is known when its last swing is confirmed; the position goes long or short on a close through its neckline or boundary and is held for the chosen bars. Such rules approximate patterns usually judged by eye.',
		params: {
			pattern_library: someOf(
				['head_shoulders', 'triangle', 'wedge'],
				['head_shoulders', 'triangle', 'wedge', 'double_top', 'double_bottom', 'flag'],
				'Patterns to detect'
			),
			swing_threshold: float(
				0.05,
				0.01,
				0.2,
				'Reversal from a swing high or low, as a fraction of price, that confirms it as a swing point'
			),
			tolerance: float(
				0.03,
				0.005,
				0.1,
				'Fractional difference within which two swing prices count as equal (tops, shoulders, flat sides)'
			),
			hold_bars: int(10, 1, 60, 'Bars a position is held after a breakout')
		},
		status: NOT_IMPLEMENTED
	}
] as const satisfies readonly DeclaredEntry[];

/**
 * Classic candlestick patterns (Nison, "Japanese Candlestick Charting Techniques", 2nd ed. 2001) as exact rules
 * on each bar's open, high, low and close, and the signal that holds a position after each one.
 *
 * Notation: bar 1, 2, 3 are the pattern's bars, oldest first; body = |close − open|, range = high − low, upper
 * shadow = high − max(open, close), lower shadow = min(open, close) − low; s = `sensitivity` in [0.1, 1]. Every
 * threshold loosens as s grows, so a pattern found at one sensitivity is found at every higher one
 * (candlestick.spec.ts checks it). At the default s = 0.5 engulfing, three black crows and the morning/evening
 * star's closing rule are exactly technicalindicators 3.1.0's definitions.
 *
 * - doji: body ≤ 0.1·s·range (s = 0.5: the body is at most 5 % of the range). Indecision, read against the prior
 *   trend: bullish after a decline, bearish after a rise (see TREND below).
 * - hammer: lower shadow ≥ (3 − 2s)·body and upper shadow ≤ 0.2·s·range (s = 0.5: the classic "shadow twice the
 *   body, little or no upper shadow"). After a decline it is a hammer (bullish), after a rise a hanging man
 *   (bearish). Both need Nison's confirmation: the next bar closes beyond the pattern bar's close in the signal's
 *   direction with a body of that colour, and the signal is known at that next bar.
 * - shooting_star: the hammer's shape upside down (long upper shadow). After a rise a shooting star (bearish),
 *   after a decline an inverted hammer (bullish); confirmed like the hammer.
 * - engulfing: bar 1 has a body of one colour, bar 2 the other colour with a body that engulfs bar 1's body by a
 *   margin m = (0.5 − s)·0.2·body₁ (bullish: open₂ < close₁ − m and close₂ > open₁ + m; m = 0 at s = 0.5; negative,
 *   that is a tolerance, above it). Bullish when bar 2 is white.
 * - harami: bar 1's body contains bar 2's body (strictly) and body₂ ≤ s·body₁. Bullish when bar 1 is black.
 * - morning_star / evening_star: bar 1 black (white); bar 2's body lies wholly below (above) bar 1's body with
 *   body₂ ≤ s·body₁; bar 3 white (black) and closes past bar 1's close by more than (1 − s)·body₁ (s = 0.5: past
 *   the midpoint of bar 1's body).
 * - three_white_soldiers / three_black_crows: three white (black) bars, each opening inside the previous body,
 *   highs rising (lows falling), each body ≥ max(0, 1 − 2s)·range (no size rule from s = 0.5 up).
 *
 * TREND: the prior trend of a one-bar pattern at bar j is the sign of close[j−1] − close[j−3] (the three closes
 * before it), as technicalindicators' hammer, hanging man and shooting star read it (average gain vs average loss
 * over those closes, which compares their sum of ups and downs). A flat trend gives no signal.
 *
 * Signal: at the bar where a pattern becomes known (its last bar, or the confirmation bar) the position becomes +1
 * for a bullish and −1 for a bearish pattern and is held for `holdBars` bars (that bar included); a newer pattern
 * replaces it. A bar completing bullish and bearish patterns alike (e.g. a doji and an engulfing) nets their count;
 * a tie closes the position. Between patterns the position is 0. Causal: a pattern known at t reads bars ≤ t.
 */
import type { Bars } from '../../domain/series';
import { holdPositions } from './hold';

export const CANDLE_PATTERNS = [
	'doji',
	'hammer',
	'engulfing',
	'shooting_star',
	'harami',
	'morning_star',
	'evening_star',
	'three_white_soldiers',
	'three_black_crows'
] as const;
export type CandlePattern = (typeof CANDLE_PATTERNS)[number];

/** Bars before the first position: a confirmed hammer needs three closes of context, itself and the next bar. */
export const CANDLE_WARMUP_BARS = 4;

interface Candle {
	readonly o: number;
	readonly h: number;
	readonly l: number;
	readonly c: number;
}

const body = (b: Candle) => Math.abs(b.c - b.o);
const range = (b: Candle) => b.h - b.l;
const upper = (b: Candle) => b.h - Math.max(b.o, b.c);
const lower = (b: Candle) => Math.min(b.o, b.c) - b.l;
const white = (b: Candle) => b.c > b.o;
const black = (b: Candle) => b.c < b.o;

/** Sign of close[j−1] − close[j−3]: +1 after a rise, −1 after a decline, 0 when flat or too early. */
function priorTrend(close: Float64Array, j: number): number {
	return j < 3 ? 0 : Math.sign(close[j - 1] - close[j - 3]);
}

function hammerShape(b: Candle, s: number): boolean {
	return range(b) > 0 && lower(b) >= (3 - 2 * s) * body(b) && upper(b) <= 0.2 * s * range(b);
}

function invertedShape(b: Candle, s: number): boolean {
	return range(b) > 0 && upper(b) >= (3 - 2 * s) * body(b) && lower(b) <= 0.2 * s * range(b);
}

/** Whether bar `next` confirms a one-bar pattern `prev` signalling `dir`: a body of that colour closing beyond it. */
function confirmed(prev: Candle, next: Candle, dir: number): boolean {
	return dir > 0 ? white(next) && next.c > prev.c : black(next) && next.c < prev.c;
}

function engulfing(a: Candle, b: Candle, s: number): number {
	const m = (0.5 - s) * 0.2 * body(a);
	if (black(a) && white(b) && b.o < a.c - m && b.c > a.o + m) return 1;
	if (white(a) && black(b) && b.o > a.c + m && b.c < a.o - m) return -1;
	return 0;
}

function harami(a: Candle, b: Candle, s: number): number {
	const inside = Math.max(b.o, b.c) < Math.max(a.o, a.c) && Math.min(b.o, b.c) > Math.min(a.o, a.c);
	if (!inside || !(body(b) <= s * body(a))) return 0;
	return black(a) ? 1 : white(a) ? -1 : 0;
}

function star(a: Candle, m: Candle, b: Candle, s: number, dir: 1 | -1): boolean {
	if (!(body(m) <= s * body(a))) return false;
	if (dir > 0) return black(a) && Math.max(m.o, m.c) < a.c && white(b) && b.c > a.c + (1 - s) * body(a);
	return white(a) && Math.min(m.o, m.c) > a.c && black(b) && b.c < a.c - (1 - s) * body(a);
}

function soldiers(a: Candle, m: Candle, b: Candle, s: number, dir: 1 | -1): boolean {
	const minBody = Math.max(0, 1 - 2 * s);
	const long = (x: Candle) => body(x) >= minBody * range(x);
	if (!long(a) || !long(m) || !long(b)) return false;
	if (dir > 0)
		return (
			white(a) &&
			white(m) &&
			white(b) &&
			a.o < m.o &&
			m.o < a.c &&
			m.o < b.o &&
			b.o < m.c &&
			m.h > a.h &&
			b.h > m.h
		);
	return (
		black(a) &&
		black(m) &&
		black(b) &&
		a.o > m.o &&
		m.o > a.c &&
		m.o > b.o &&
		b.o > m.c &&
		m.l < a.l &&
		b.l < m.l
	);
}

/**
 * Detections of one pattern: out[t] = +1 (bullish) or −1 (bearish) at the bar t where the pattern becomes known,
 * 0 elsewhere. Reads bars ≤ t for out[t].
 */
export function detectCandlePattern(bars: Bars, pattern: CandlePattern, sensitivity: number): Int8Array {
	checkSensitivity(sensitivity);
	const s = sensitivity;
	const n = bars.close.length;
	const out = new Int8Array(n);
	const at = (i: number): Candle => ({ o: bars.open[i], h: bars.high[i], l: bars.low[i], c: bars.close[i] });
	for (let t = 0; t < n; t++) {
		const b = at(t);
		switch (pattern) {
			case 'doji': {
				const trend = priorTrend(bars.close, t);
				if (trend !== 0 && range(b) > 0 && body(b) <= 0.1 * s * range(b)) out[t] = -trend;
				break;
			}
			case 'hammer':
			case 'shooting_star': {
				if (t < 4) break;
				const p = at(t - 1);
				const trend = priorTrend(bars.close, t - 1);
				const shaped = pattern === 'hammer' ? hammerShape(p, s) : invertedShape(p, s);
				if (trend !== 0 && shaped && confirmed(p, b, -trend)) out[t] = -trend;
				break;
			}
			case 'engulfing':
				if (t >= 1) out[t] = engulfing(at(t - 1), b, s);
				break;
			case 'harami':
				if (t >= 1) out[t] = harami(at(t - 1), b, s);
				break;
			case 'morning_star':
				if (t >= 2 && star(at(t - 2), at(t - 1), b, s, 1)) out[t] = 1;
				break;
			case 'evening_star':
				if (t >= 2 && star(at(t - 2), at(t - 1), b, s, -1)) out[t] = -1;
				break;
			case 'three_white_soldiers':
				if (t >= 2 && soldiers(at(t - 2), at(t - 1), b, s, 1)) out[t] = 1;
				break;
			case 'three_black_crows':
				if (t >= 2 && soldiers(at(t - 2), at(t - 1), b, s, -1)) out[t] = -1;
				break;
		}
	}
	return out;
}

function checkSensitivity(s: number): void {
	if (!(s > 0 && s <= 1)) throw new RangeError(`sensitivity must lie in (0, 1], got ${s}`);
}

/** Positions of the candlestick signal (see the file comment); NaN for the first CANDLE_WARMUP_BARS bars. */
export function candlestickPositions(
	bars: Bars,
	patterns: readonly CandlePattern[],
	sensitivity: number,
	holdBars: number
): Float64Array {
	checkSensitivity(sensitivity);
	if (patterns.length === 0) throw new RangeError('patterns must name at least one pattern');
	const n = bars.close.length;
	const net = new Int32Array(n);
	const any = new Uint8Array(n);
	for (const p of new Set(patterns)) {
		const d = detectCandlePattern(bars, p, sensitivity);
		for (let t = 0; t < n; t++) {
			net[t] += d[t];
			if (d[t] !== 0) any[t] = 1;
		}
	}
	return holdPositions(net, any, holdBars, CANDLE_WARMUP_BARS);
}

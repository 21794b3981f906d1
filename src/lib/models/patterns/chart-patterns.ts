/**
 * Classic chart patterns (Bulkowski, "Encyclopedia of Chart Patterns", 2nd ed. 2005) read from the swing points of
 * the causal zig-zag (zigzag.ts). Such rules approximate shapes that traders judge by eye; they are stated here
 * exactly so that a reader can check every detection.
 *
 * A pattern is recognised at the bar its last swing point is confirmed (never earlier: the zig-zag confirms a
 * pivot only after price has reversed from it by `threshold`). From then it is *armed* until it breaks out or the
 * next swing point is confirmed, whichever comes first; on a breakout (a close beyond its trigger line) the
 * position becomes +1 (bullish) or −1 (bearish) for `holdBars` bars (holdPositions in hold.ts). "Equal" prices
 * differ by at most `tolerance` as a fraction of the larger; "rising"/"falling" means by more than that.
 *
 * Swing points are named by kind, H for highs and L for lows, oldest first; the last one is the newest confirmed.
 * - double_top: H1 L H2 with H1 and H2 equal; bearish on a close below L (the neckline).
 * - double_bottom: L1 H L2 with L1 and L2 equal; bullish on a close above H.
 * - head_shoulders: H1 L1 H2 L2 H3, the head H2 above both shoulders by more than the tolerance and the shoulders
 *   H1, H3 equal; bearish on a close below the neckline through L1 and L2 (extended to the bar). Its inverse
 *   L1 H1 L2 H2 L3 (head L2 below both, L1 and L3 equal) is bullish on a close above the line through H1 and H2.
 * - triangle: the last two highs and two lows. Ascending (highs equal, lows rising): bullish on a close above the
 *   line through the highs. Descending (lows equal, highs falling): bearish on a close below the line through the
 *   lows. Symmetric (highs falling, lows rising): bullish above the upper line, bearish below the lower one.
 * - wedge: the last two highs and two lows, both lines sloping the same way and converging. Rising wedge (both
 *   rising, the lows' line steeper): bearish on a close below the lows' line. Falling wedge (both falling, the
 *   highs' line steeper): bullish on a close above the highs' line.
 * - flag: a pole swing at least twice the zig-zag threshold, then a counter-swing retracing at most half of it in no
 *   more bars than the pole took. Bull flag L0 H1 L2: bullish on a close above H1; bear flag H0 L1 H2: bearish on a
 *   close below L1.
 *
 * Causal: at bar t only pivots confirmed by t and closes ≤ t are read (chart-patterns.spec.ts checks it).
 */
import type { Bars } from '../../domain/series';
import { holdPositions } from './hold';
import { lineAt, zigzag, type Pivot } from './zigzag';

export const CHART_PATTERNS = [
	'head_shoulders',
	'triangle',
	'wedge',
	'double_top',
	'double_bottom',
	'flag'
] as const;
export type ChartPattern = (typeof CHART_PATTERNS)[number];

/** A flag's counter-swing may retrace at most this share of its pole (Bulkowski: flags are shallow). */
export const FLAG_MAX_RETRACEMENT = 0.5;

export interface ChartPatternParams {
	readonly patterns: readonly ChartPattern[];
	/** Zig-zag reversal that confirms a swing point, as a fraction of price. */
	readonly threshold: number;
	readonly tolerance: number;
	readonly holdBars: number;
}

/** A recognised pattern waiting for its breakout. */
interface Armed {
	readonly name: string;
	/** +1 breaks out upward (close above `level(t)`), −1 downward (close below). */
	readonly side: 1 | -1;
	readonly level: (t: number) => number;
}

export interface ChartBreakout {
	readonly name: string;
	readonly t: number;
	readonly direction: 1 | -1;
	/** Index of the pattern's last pivot in the zig-zag. */
	readonly lastPivot: number;
}

/** The patterns whose last swing point is pivots[k] (looking back over pivots[0..k]). */
function recognise(
	pivots: readonly Pivot[],
	k: number,
	wanted: ReadonlySet<ChartPattern>,
	p: ChartPatternParams
): Armed[] {
	const tol = p.tolerance;
	const equal = (a: number, b: number) => Math.abs(a - b) <= tol * Math.max(a, b);
	const rising = (a: number, b: number) => b > a * (1 + tol);
	const falling = (a: number, b: number) => b < a * (1 - tol);
	const at = (back: number): Pivot | undefined => (k - back >= 0 ? pivots[k - back] : undefined);
	const last = pivots[k];
	const out: Armed[] = [];
	const flat = (price: number) => () => price;
	const through = (a: Pivot, b: Pivot) => (t: number) => lineAt(a, b, t);

	if (wanted.has('double_top') && last.kind === 'high' && at(2)) {
		const [h1, l] = [at(2)!, at(1)!];
		if (equal(h1.price, last.price)) out.push({ name: 'double_top', side: -1, level: flat(l.price) });
	}
	if (wanted.has('double_bottom') && last.kind === 'low' && at(2)) {
		const [l1, h] = [at(2)!, at(1)!];
		if (equal(l1.price, last.price)) out.push({ name: 'double_bottom', side: 1, level: flat(h.price) });
	}
	if (wanted.has('head_shoulders') && at(4)) {
		const [s1, n1, head, n2] = [at(4)!, at(3)!, at(2)!, at(1)!];
		if (last.kind === 'high') {
			if (rising(Math.max(s1.price, last.price), head.price) && equal(s1.price, last.price))
				out.push({ name: 'head_shoulders', side: -1, level: through(n1, n2) });
		} else if (falling(Math.min(s1.price, last.price), head.price) && equal(s1.price, last.price)) {
			out.push({ name: 'inverse_head_shoulders', side: 1, level: through(n1, n2) });
		}
	}
	if ((wanted.has('triangle') || wanted.has('wedge')) && at(3)) {
		const highs = [at(3)!, at(2)!, at(1)!, last].filter((q) => q.kind === 'high');
		const lows = [at(3)!, at(2)!, at(1)!, last].filter((q) => q.kind === 'low');
		const [ha, hb] = highs;
		const [la, lb] = lows;
		const upper = through(ha, hb);
		const lower = through(la, lb);
		const slope = (a: Pivot, b: Pivot) => (b.price - a.price) / (b.index - a.index);
		if (wanted.has('triangle')) {
			if (equal(ha.price, hb.price) && rising(la.price, lb.price))
				out.push({ name: 'ascending_triangle', side: 1, level: upper });
			if (equal(la.price, lb.price) && falling(ha.price, hb.price))
				out.push({ name: 'descending_triangle', side: -1, level: lower });
			if (falling(ha.price, hb.price) && rising(la.price, lb.price)) {
				out.push({ name: 'symmetric_triangle', side: 1, level: upper });
				out.push({ name: 'symmetric_triangle', side: -1, level: lower });
			}
		}
		if (wanted.has('wedge')) {
			if (rising(ha.price, hb.price) && rising(la.price, lb.price) && slope(la, lb) > slope(ha, hb))
				out.push({ name: 'rising_wedge', side: -1, level: lower });
			if (falling(ha.price, hb.price) && falling(la.price, lb.price) && slope(ha, hb) < slope(la, lb))
				out.push({ name: 'falling_wedge', side: 1, level: upper });
		}
	}
	if (wanted.has('flag') && at(2)) {
		const [a, b] = [at(2)!, at(1)!];
		const pole = Math.abs(b.price - a.price);
		const poleBig =
			last.kind === 'low'
				? b.price >= a.price * (1 + 2 * p.threshold)
				: b.price <= a.price * (1 - 2 * p.threshold);
		const shallow = Math.abs(b.price - last.price) <= FLAG_MAX_RETRACEMENT * pole;
		const quick = last.index - b.index <= b.index - a.index;
		if (poleBig && shallow && quick)
			out.push(
				last.kind === 'low'
					? { name: 'bull_flag', side: 1, level: flat(b.price) }
					: { name: 'bear_flag', side: -1, level: flat(b.price) }
			);
	}
	return out;
}

function check(p: ChartPatternParams): void {
	if (p.patterns.length === 0) throw new RangeError('patterns must name at least one pattern');
	if (!(p.tolerance >= 0 && p.tolerance < 1))
		throw new RangeError(`tolerance must lie in [0, 1), got ${p.tolerance}`);
}

/** Every breakout of a recognised pattern (see the file comment), oldest first, and the zig-zag it read. */
export function chartBreakouts(
	bars: Bars,
	p: ChartPatternParams
): { breakouts: ChartBreakout[]; pivots: Pivot[] } {
	check(p);
	const pivots = zigzag(bars.high, bars.low, p.threshold);
	const wanted = new Set(p.patterns);
	const breakouts: ChartBreakout[] = [];
	let armed: (Armed & { lastPivot: number })[] = [];
	let k = 0;
	for (let t = 0; t < bars.close.length; t++) {
		while (k < pivots.length && pivots[k].confirmedAt === t) {
			// A newly confirmed swing point ends every older armed pattern and may complete new ones.
			armed = recognise(pivots, k, wanted, p).map((a) => ({ ...a, lastPivot: k }));
			k++;
		}
		const c = bars.close[t];
		const broken = new Set<string>();
		for (const a of armed) {
			if (a.side > 0 ? c > a.level(t) : c < a.level(t)) {
				breakouts.push({ name: a.name, t, direction: a.side, lastPivot: a.lastPivot });
				broken.add(a.name);
			}
		}
		// A broken pattern is spent; a symmetric triangle broken one way is not armed the other way any more.
		if (broken.size > 0) armed = armed.filter((a) => !broken.has(a.name));
	}
	return { breakouts, pivots };
}

/** Positions of the chart-pattern signal; NaN until the zig-zag has confirmed its first swing point. */
export function chartPatternPositions(bars: Bars, p: ChartPatternParams): Float64Array {
	const { breakouts, pivots } = chartBreakouts(bars, p);
	const n = bars.close.length;
	const net = new Int32Array(n);
	const any = new Uint8Array(n);
	for (const b of breakouts) {
		net[b.t] += b.direction;
		any[b.t] = 1;
	}
	return holdPositions(net, any, p.holdBars, pivots.length > 0 ? pivots[0].confirmedAt : n);
}

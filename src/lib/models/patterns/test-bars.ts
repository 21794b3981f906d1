/** Test helper for the pattern specs (imported by specs only): bars built by hand. */
import type { Bars } from '../../domain/series';

const DAY_MS = 86_400_000;

/** Bars from [open, high, low, close] rows, one day apart, volume 1. */
export function candles(rows: readonly (readonly [number, number, number, number])[]): Bars {
	const col = (k: number) => Float64Array.from(rows, (r) => r[k]);
	return {
		t: Float64Array.from(rows, (_, i) => i * DAY_MS),
		open: col(0),
		high: col(1),
		low: col(2),
		close: col(3),
		volume: new Float64Array(rows.length).fill(1)
	};
}

/** Bars following a path of closes: open = previous close, high and low 0.2 % beyond the bar's body. */
export function pathBars(closes: readonly number[]): Bars {
	return candles(
		closes.map((c, i) => {
			const o = i === 0 ? c : closes[i - 1];
			return [o, Math.max(o, c) * 1.002, Math.min(o, c) * 0.998, c] as const;
		})
	);
}

/** A copy of `bars` with every price after row `cut` scaled by a random factor in [0.5, 1.5) (still valid bars). */
export function scrambleAfter(bars: Bars, cut: number, next: () => number): Bars {
	const out = {
		t: bars.t.slice(),
		open: bars.open.slice(),
		high: bars.high.slice(),
		low: bars.low.slice(),
		close: bars.close.slice(),
		volume: bars.volume.slice()
	};
	for (let i = cut + 1; i < out.t.length; i++) {
		const k = 0.5 + next();
		// Open and close move a little apart so that the candle shapes change too, not just their scale.
		const j = 0.98 + 0.04 * next();
		out.open[i] *= k * j;
		out.close[i] *= k;
		out.high[i] = Math.max(out.high[i] * k, out.open[i], out.close[i]);
		out.low[i] = Math.min(out.low[i] * k, out.open[i], out.close[i]);
		out.volume[i] *= 0.5 + next();
	}
	return out;
}

export type Row = readonly [number, number, number, number];
/** Three falling closes (12, 11, 10) before the pattern: the prior trend is down. */
export const DECLINE: Row[] = [
	[13, 13.1, 12.9, 13],
	[13, 13.1, 11.9, 12],
	[12, 12.1, 10.9, 11],
	[11, 11.1, 9.9, 10]
];
/** Three rising closes (11, 12, 13) before the pattern: the prior trend is up. */
export const RISE: Row[] = [
	[10, 10.1, 9.9, 10],
	[10, 11.1, 9.9, 11],
	[11, 12.1, 10.9, 12],
	[12, 13.1, 11.9, 13]
];

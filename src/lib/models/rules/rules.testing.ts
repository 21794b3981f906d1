/**
 * Test helper (specs only): the causality property every rule signal's spec runs. At seeded random cut points it
 * rescales every bar after the cut (open/high/low/close by one random factor per bar, volume by another, so the
 * bars stay valid) and checks that no output at or before the cut changes. It also counts the cut points after
 * which some output did change, so a caller can assert the property was not vacuous.
 */
import { createRng } from '../../domain/random';
import { sliceBars, type Bars } from '../../domain/series';

export function perturbAfter(bars: Bars, cut: number, seed: number, k: number): Bars {
	const rng = createRng(seed).fork(`cut:${k}`);
	const changed = sliceBars(bars, 0, bars.t.length);
	for (let i = cut + 1; i < changed.t.length; i++) {
		const f = 0.5 + rng.next();
		for (const col of ['open', 'high', 'low', 'close'] as const) changed[col][i] *= f;
		changed.volume[i] *= 0.5 + rng.next();
	}
	return changed;
}

/**
 * Throws naming the seed, cut and row when an output at or before a cut changes; returns how many cuts changed
 * some output after them. Cuts are drawn in [minCut, rows − 2].
 */
export function checkCausal(
	bars: Bars,
	outputs: (b: Bars) => Float64Array[],
	seed: number,
	cuts: number,
	minCut = 0
): number {
	const rng = createRng(seed);
	const base = outputs(bars);
	let moved = 0;
	for (let k = 0; k < cuts; k++) {
		const cut = minCut + rng.int(bars.t.length - 1 - minCut);
		const after = outputs(perturbAfter(bars, cut, seed, k));
		let changedLater = false;
		base.forEach((b, s) => {
			for (let t = 0; t < b.length; t++) {
				const same = Object.is(b[t], after[s][t]);
				if (t <= cut && !same) throw new Error(`seed ${seed}, cut ${cut}: output ${s} changed at row ${t}`);
				if (t > cut && !same) changedLater = true;
			}
		});
		if (changedLater) moved++;
	}
	return moved;
}

/** Hand-built bars: high/low default to the close, open to the previous close, volume to 1,000; t = day index. */
export function makeBars(columns: {
	close: number[];
	high?: number[];
	low?: number[];
	open?: number[];
	volume?: number[];
}): Bars {
	const { close } = columns;
	const col = (v: number[] | undefined, fallback: (i: number) => number) =>
		Float64Array.from(close, (_, i) => (v ? v[i] : fallback(i)));
	return {
		t: Float64Array.from(close, (_, i) => i * 86_400_000),
		open: col(columns.open, (i) => close[Math.max(0, i - 1)]),
		high: col(columns.high, (i) => close[i]),
		low: col(columns.low, (i) => close[i]),
		close: Float64Array.from(close),
		volume: col(columns.volume, () => 1000)
	};
}

export const fromJson = (v: (number | null)[]): number[] => v.map((x) => (x === null ? Number.NaN : x));

export const list = (a: Float64Array): number[] => Array.from(a);

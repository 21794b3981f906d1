/**
 * The causality property test shared by the indicator specs (test-only; imported from *.spec.ts, which pass in the
 * real S&P 500 bars). Seeded random cut points: every bar after the cut is scaled (open, high, low and close by one
 * factor, so the bar stays a valid bar; volume by another), and every output at rows ≤ the cut must be
 * unchanged, bit for bit (NaN included). The test also checks the perturbation moved some output after a cut,
 * so it is not vacuous.
 */
import { expect } from 'vitest';
import { createRng } from '../../domain/random';
import { sliceBars, type Bars } from '../../domain/series';

/** Seed of the causality property test; printed in its name so a failure can be replayed. */
export const CAUSALITY_SEED = 20261205;
export const CUT_POINTS = 60;
/** The first 2 000 real bars: long enough for every window, short enough to keep the test quick. */
const N = 2000;

function scaledAfter(bars: Bars, cut: number, rng: ReturnType<typeof createRng>): Bars {
	const out = {
		t: bars.t,
		open: bars.open.slice(),
		high: bars.high.slice(),
		low: bars.low.slice(),
		close: bars.close.slice(),
		volume: bars.volume.slice()
	};
	for (let i = cut + 1; i < out.t.length; i++) {
		const k = 0.5 + rng.next();
		out.open[i] *= k;
		out.high[i] *= k;
		out.low[i] *= k;
		out.close[i] *= k;
		out.volume[i] *= 0.5 + rng.next();
	}
	return out;
}

/** Runs the property over `outputs` (each a function of the bars) on the first 2 000 of `real` (the S&P 500 bars). */
export function expectCausal(real: Bars, outputs: (bars: Bars) => Float64Array[]): void {
	const bars = sliceBars(real, 0, N);
	const rng = createRng(CAUSALITY_SEED);
	const base = outputs(bars);
	let movedAfterCut = 0;
	for (let k = 0; k < CUT_POINTS; k++) {
		const cut = rng.int(N - 1);
		const after = outputs(scaledAfter(bars, cut, rng));
		base.forEach((b, s) => {
			for (let t = 0; t <= cut; t++) {
				if (!Object.is(b[t], after[s][t]))
					throw new Error(`seed ${CAUSALITY_SEED}, cut ${cut}: output ${s} changed at row ${t}`);
			}
			for (let t = cut + 1; t < N; t++) {
				if (!Object.is(b[t], after[s][t])) {
					movedAfterCut++;
					break;
				}
			}
		});
	}
	expect(movedAfterCut).toBeGreaterThan(0);
}

/** The real S&P 500 bars as the reference libraries' candles. */
export function candlesOf(
	bars: Bars
): { open: number; high: number; low: number; close: number; volume: number }[] {
	return Array.from(bars.close, (close, i) => ({
		open: bars.open[i],
		high: bars.high[i],
		low: bars.low[i],
		close,
		volume: bars.volume[i]
	}));
}

/**
 * Compares our series with a reference one row by row: where the reference has a value (not null/undefined),
 * |ours − ref| ≤ tol · max(1, |ref|) (relative for large values, absolute near zero); returns how many rows were
 * compared so the caller can check the comparison covered the series.
 */
export function expectMatches(
	ours: Float64Array,
	ref: readonly (number | null | undefined)[],
	tol: number,
	from = 0
): number {
	let compared = 0;
	for (let t = from; t < ref.length; t++) {
		const r = ref[t];
		if (r === null || r === undefined) continue;
		const err = Math.abs(ours[t] - r);
		if (!(err <= tol * Math.max(1, Math.abs(r))))
			throw new Error(`row ${t}: ours ${ours[t]}, reference ${r} (error ${err}, tolerance ${tol})`);
		compared++;
	}
	return compared;
}

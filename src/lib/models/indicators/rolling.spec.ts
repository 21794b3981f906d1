import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { rollingExtreme, rollingMean, rollingMoments } from './rolling';

const f = (v: number[]): Float64Array => Float64Array.from(v);

/** Two-pass recomputation of one window, the definition the one-pass versions must reproduce. */
function naive(values: Float64Array, weights: Float64Array | null, t: number, window: number) {
	let sw = 0;
	let swx = 0;
	for (let i = t - window + 1; i <= t; i++) {
		const w = weights ? weights[i] : 1;
		sw += w;
		swx += w * values[i];
	}
	const mean = swx / sw;
	let ss = 0;
	for (let i = t - window + 1; i <= t; i++) ss += (weights ? weights[i] : 1) * (values[i] - mean) ** 2;
	let max = -Infinity;
	let min = Infinity;
	for (let i = t - window + 1; i <= t; i++) {
		max = Math.max(max, values[i]);
		min = Math.min(min, values[i]);
	}
	return { mean, std: Math.sqrt(ss / sw), max, min };
}

describe('rolling statistics', () => {
	it('give the hand-computed maximum, minimum and mean, NaN before the first full window', () => {
		const v = f([3, 1, 4, 1, 5, 9, 2]);
		expect(Array.from(rollingExtreme(v, 3, 1))).toEqual([Number.NaN, Number.NaN, 4, 4, 5, 9, 9]);
		expect(Array.from(rollingExtreme(v, 3, -1))).toEqual([Number.NaN, Number.NaN, 1, 1, 1, 1, 2]);
		expect(Array.from(rollingMean(v, 2))).toEqual([Number.NaN, 2, 2.5, 2.5, 3, 7, 5.5]);
	});

	it('match a two-pass recomputation of every window on a long random walk (seed 7, means ≤ 1e-9, variances ≤ 1e-12 · mean²)', () => {
		// Price-like values (≈1 000, spread ≈10) and volume-like weights (≈1e9, some 0): the case where running
		// Σx² would lose the variance to cancellation.
		const rng = createRng(7);
		const n = 6000;
		const x = new Float64Array(n);
		const w = new Float64Array(n);
		let p = 1000;
		for (let i = 0; i < n; i++) {
			p *= 1 + 0.01 * rng.normal();
			x[i] = p;
			w[i] = rng.next() < 0.05 ? 0 : 1e9 * (0.5 + rng.next());
		}
		for (const window of [2, 20, 100]) {
			const plain = rollingMoments(x, null, window);
			const weighted = rollingMoments(x, w, window);
			const hi = rollingExtreme(x, window, 1);
			const lo = rollingExtreme(x, window, -1);
			for (let t = window - 1; t < n; t++) {
				const a = naive(x, null, t, window);
				const b = naive(x, w, t, window);
				expect(Math.abs(plain.mean[t] - a.mean)).toBeLessThanOrEqual(1e-9 * a.mean);
				// Variances to 1e-12 of mean² (a standard deviation near 0 would magnify rounding by the square root).
				expect(Math.abs(plain.std[t] ** 2 - a.std ** 2)).toBeLessThanOrEqual(1e-12 * a.mean ** 2);
				if (Number.isNaN(b.mean)) {
					// Every weight in the window is 0 (possible at window 2): no weighted mean.
					expect(weighted.mean[t]).toBeNaN();
					continue;
				}
				expect(Math.abs(weighted.mean[t] - b.mean)).toBeLessThanOrEqual(1e-9 * b.mean);
				expect(Math.abs(weighted.std[t] ** 2 - b.std ** 2)).toBeLessThanOrEqual(1e-12 * b.mean ** 2);
				expect(hi[t]).toBe(a.max);
				expect(lo[t]).toBe(a.min);
			}
		}
	});

	it('give NaN moments for a window whose weights are all zero', () => {
		const m = rollingMoments(f([1, 2, 3, 4]), f([1, 0, 0, 1]), 2);
		expect(m.mean[2]).toBeNaN();
		expect(m.std[2]).toBeNaN();
		expect(m.mean[3]).toBe(4);
		expect(m.std[3]).toBe(0);
	});
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { quantileSymbols, transferEntropy, transferEntropyTest } from './transfer-entropy';

/** Plug-in entropy in bits of the rows' keys. */
function entropy(keys: readonly string[]): number {
	const counts = new Map<string, number>();
	for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
	let h = 0;
	for (const c of counts.values()) h -= (c / keys.length) * Math.log2(c / keys.length);
	return h;
}

describe('transfer entropy (Schreiber 2000, eq. 4), plug-in, in bits', () => {
	it('is 0.5 bits in a hand-computed case: x = 01011, y = 10110, history 1', () => {
		// Transitions (x_{t+1}, x_t, y_t): (1,0,1) twice, (0,1,0), (1,1,1). Given x_t = 0, x_{t+1} = 1 always;
		// given x_t = 1 (half the transitions) x_{t+1} is 50/50 alone but equals y_t, so TE = ½ · 1 bit.
		expect(transferEntropy([0, 1, 0, 1, 1], [1, 0, 1, 1, 0], 1, 2)).toBeCloseTo(0.5, 12);
	});

	it('is 0 when the source is constant and when the target is constant', () => {
		expect(transferEntropy([0, 1, 1, 0, 1, 0], [1, 1, 1, 1, 1, 1], 1, 2)).toBe(0);
		expect(transferEntropy([1, 1, 1, 1, 1, 1], [0, 1, 1, 0, 1, 0], 2, 2)).toBe(0);
	});

	it('is 1 bit when the target copies a fair-coin source with a one-step delay (de Bruijn source)', () => {
		// y cycles through the de Bruijn sequence 00010111 (every pair once per cycle); x_{t+1} = y_t.
		const cycle = [0, 0, 0, 1, 0, 1, 1, 1];
		const y = Array.from({ length: 8 * 50 + 1 }, (_, i) => cycle[i % 8]);
		const x = [0, ...y.slice(0, -1)];
		// x_t = y_{t−1}, and y_t given y_{t−1} is 50/50 in the cycle, so H(x_{t+1} | x_t) = 1 and the source
		// removes it all; the first and last transitions shift the counts by less than 1 %.
		expect(transferEntropy(x, y, 1, 2)).toBeCloseTo(1, 2);
	});

	it('equals H(X_{t+1}, X_t^(k)) + H(X_t^(k), Y_t^(k)) − H(X_t^(k)) − H(X_{t+1}, X_t^(k), Y_t^(k)) on random ternary series (seeded)', () => {
		const rng = createRng(42);
		const n = 300;
		const x = Array.from({ length: n }, () => rng.int(3));
		const y = Array.from({ length: n }, () => rng.int(3));
		for (const k of [1, 2, 3]) {
			const rows: { xn: string; xp: string; yp: string }[] = [];
			for (let t = k - 1; t < n - 1; t++)
				rows.push({
					xn: String(x[t + 1]),
					xp: x.slice(t - k + 1, t + 1).join(''),
					yp: y.slice(t - k + 1, t + 1).join('')
				});
			const h = (f: (r: (typeof rows)[number]) => string) => entropy(rows.map(f));
			const expected =
				h((r) => `${r.xn}|${r.xp}`) +
				h((r) => `${r.xp}|${r.yp}`) -
				h((r) => r.xp) -
				h((r) => `${r.xn}|${r.xp}|${r.yp}`);
			expect(transferEntropy(x, y, k, 3), `history ${k}`).toBeCloseTo(expected, 12);
		}
	});
});

describe('transfer entropy of a simulated coupled system', () => {
	// y is white noise; x_{t+1} = 0.8 y_t + 0.6 ε_{t+1}: information flows from y to x only.
	const rng = createRng(2000);
	const n = 5000;
	const y = Float64Array.from({ length: n }, () => rng.normal());
	const x = new Float64Array(n);
	for (let t = 1; t < n; t++) x[t] = 0.8 * y[t - 1] + 0.6 * rng.normal();
	const xs = quantileSymbols(x, 2);
	const ys = quantileSymbols(y, 2);

	it('finds TE Y→X well above 0 (> 0.2 bits) and significant against 100 shuffles (p < 0.01)', () => {
		const test = transferEntropyTest(xs, ys, 1, 2, 100, createRng(1));
		expect(test.te).toBeGreaterThan(0.2);
		expect(test.pValue).toBeLessThan(0.01);
	});

	it('finds TE X→Y ≈ 0 (< 0.005 bits, the size of the shuffles’ own bias) and not significant (p > 0.05)', () => {
		const test = transferEntropyTest(ys, xs, 1, 2, 100, createRng(1));
		expect(test.te).toBeLessThan(0.005);
		expect(test.pValue).toBeGreaterThan(0.05);
	});

	it('keeps finding the flow Y→X with two past values and three symbols, and none back beyond the plug-in bias', () => {
		// With 3^5 joint states the plug-in estimate of a zero flow is about 0.02 bits; shuffles share that bias.
		const x3 = quantileSymbols(x, 3);
		const y3 = quantileSymbols(y, 3);
		expect(transferEntropy(x3, y3, 2, 3)).toBeGreaterThan(0.2);
		const back = transferEntropyTest(y3, x3, 2, 3, 50, createRng(3));
		expect(Math.abs(back.te - back.surrogateMean)).toBeLessThan(0.005);
		expect(back.pValue).toBeGreaterThan(0.05);
	});
});

describe('quantile symbols', () => {
	it('splits at the lower median with two bins and into equal thirds with three', () => {
		expect(Array.from(quantileSymbols(Float64Array.of(4, 1, 3, 2), 2))).toEqual([1, 0, 1, 0]);
		expect(Array.from(quantileSymbols(Float64Array.of(6, 5, 4, 3, 2, 1), 3))).toEqual([2, 2, 1, 1, 0, 0]);
	});

	it('puts ties in the lower bin', () => {
		expect(Array.from(quantileSymbols(Float64Array.of(0, 0, 0, 1), 2))).toEqual([0, 0, 0, 1]);
	});
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { emd, extrema, naturalSpline, zeroCrossings } from './emd';
import { implementation } from './empirical-mode-decomposition.model';

function correlation(a: Float64Array, b: Float64Array): number {
	const n = a.length;
	const ma = a.reduce((s, v) => s + v, 0) / n;
	const mb = b.reduce((s, v) => s + v, 0) / n;
	let sab = 0;
	let saa = 0;
	let sbb = 0;
	for (let i = 0; i < n; i++) {
		sab += (a[i] - ma) * (b[i] - mb);
		saa += (a[i] - ma) ** 2;
		sbb += (b[i] - mb) ** 2;
	}
	return sab / Math.sqrt(saa * sbb);
}

function expectImfProperty(imfs: Float64Array[]): void {
	imfs.forEach((imf, k) => {
		const e = extrema(imf);
		const diff = Math.abs(e.maxima.length + e.minima.length - zeroCrossings(imf));
		expect(diff, `IMF ${k + 1}`).toBeLessThanOrEqual(1);
	});
}

describe('building blocks', () => {
	it('finds extrema once per plateau and counts zero crossings across exact zeros', () => {
		const x = Float64Array.from([0, 2, 2, 2, 1, 1, 3, -1, -1, 0]);
		expect(extrema(x)).toEqual({ maxima: [2, 6], minima: [4, 7] });
		expect(zeroCrossings(Float64Array.from([1, 0, -1, -2, 0, 0, 3, 4]))).toBe(2);
	});

	it('interpolates a natural cubic spline exactly through a straight line and through its knots', () => {
		const line = naturalSpline([-2, 1, 5, 9], [-4, 2, 10, 18], 8);
		line.forEach((v, t) => expect(v).toBeCloseTo(2 * t, 12));
		const s = naturalSpline([0, 3, 4, 7], [1, -1, 2, 0], 8);
		expect(s[0]).toBeCloseTo(1, 14);
		expect(s[3]).toBeCloseTo(-1, 14);
		expect(s[4]).toBeCloseTo(2, 14);
		expect(s[7]).toBeCloseTo(0, 14);
	});
});

describe('emd', () => {
	it('separates two well-separated sinusoids (periods 16 and 160): correlation > 0.99 away from the ends', () => {
		const n = 1600;
		const fast = Float64Array.from({ length: n }, (_, t) => Math.sin((2 * Math.PI * t) / 16));
		const slow = Float64Array.from({ length: n }, (_, t) => 2 * Math.sin((2 * Math.PI * t) / 160 + 0.3));
		const x = fast.map((v, t) => v + slow[t]);
		const r = emd(x, 10);
		expect(r.imfs.length).toBeGreaterThanOrEqual(2);
		const inner = (a: Float64Array) => a.subarray(160, n - 160);
		expect(correlation(inner(r.imfs[0]), inner(fast))).toBeGreaterThan(0.99);
		expect(correlation(inner(r.imfs[1]), inner(slow))).toBeGreaterThan(0.99);
		expectImfProperty(r.imfs);
		expect(r.converged.every(Boolean)).toBe(true);
	});

	it('on real S&P 500 log closes: IMFs + residue rebuild the series to 1e-10, each IMF’s extrema and zero crossings differ by ≤ 1', () => {
		const x = sp500Bars().close.map(Math.log);
		const r = emd(x, 10);
		expect(r.imfs.length).toBeGreaterThanOrEqual(5);
		for (let t = 0; t < x.length; t++) {
			const sum = r.imfs.reduce((s, imf) => s + imf[t], r.residue[t]);
			if (Math.abs(sum - x[t]) > 1e-10) throw new Error(`row ${t}: ${sum} vs ${x[t]}`);
		}
		expect(r.converged.every(Boolean)).toBe(true);
		expectImfProperty(r.imfs);
		// The IMFs go from fast to slow: their zero crossings fall.
		const zc = r.imfs.map(zeroCrossings);
		for (let k = 1; k < zc.length; k++) expect(zc[k]).toBeLessThan(zc[k - 1]);
	});

	it('stops at max_imf and leaves a monotone series as the residue alone', () => {
		const x = sp500Bars().close.map(Math.log);
		expect(emd(x, 3).imfs.length).toBe(3);
		const ramp = Float64Array.from({ length: 50 }, (_, t) => t * t);
		const r = emd(ramp, 5);
		expect(r.imfs.length).toBe(0);
		expect(Array.from(r.residue)).toEqual(Array.from(ramp));
	});

	it('refuses non-finite values and a max_imf below 1', () => {
		expect(() => emd(Float64Array.from([1, Number.NaN, 2]), 3)).toThrow(/values\[1\] is NaN/);
		expect(() => emd(Float64Array.from([1, 2, 3]), 0)).toThrow(/maxImf must be/);
	});
});

describe('the empirical_mode_decomposition entry', () => {
	it('charts the residue and each IMF of the S&P 500 log closes, whose table agrees with emd()', async () => {
		const bars = sp500Bars();
		const r = await implementation.evaluate(
			{ datasets: [{ name: 'S&P 500', bars }] },
			{ max_imf: 10 },
			{ rng: createRng(1) }
		);
		const direct = emd(bars.close.map(Math.log), 10);
		const num = (key: string) => r.numbers.find((n) => n.key === key)!.value;
		expect(num('imf_count')).toBe(direct.imfs.length);
		expect(num('reconstruction_error')).toBeLessThan(1e-10);
		expect(r.charts.length).toBe(1 + direct.imfs.length);
		expect(Array.from(r.charts[1].lines[0].values)).toEqual(Array.from(direct.imfs[0]));
		expect(r.tables[0].rows.map((row) => row[4])).toEqual(direct.imfs.map(zeroCrossings));
		expect(r.notes.join(' ')).toMatch(/never be traded on/);
	});
});

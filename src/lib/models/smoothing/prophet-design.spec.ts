import { describe, expect, it } from 'vitest';
import { changepointIndices, seasonalitiesFor } from './prophet';
import { makeDesign, makeWorkspace, normalEquations, seasonalValues, trendValues } from './prophet-design';

/** The dense design the structured one stands for: trend columns [t, 1, (t − s_j)₊…] or [1], then Fourier. */
function denseRow(n: number, flat: boolean, i: number): number[] {
	const t = i / (n - 1);
	const trend = flat
		? [1]
		: [t, 1, ...Array.from(changepointIndices(n), (h) => (t > h / (n - 1) ? t - h / (n - 1) : 0))];
	const season: number[] = [];
	for (const [period, order] of seasonalitiesFor(n))
		for (let r = 1; r <= order; r++) {
			const x = (2 * Math.PI * r * i) / period;
			season.push(Math.sin(x), Math.cos(x));
		}
	return [...trend, ...season];
}

describe('the structured Prophet design', () => {
	it.each([
		[40, false],
		[40, true],
		[600, false],
		[600, true]
	] as const)(
		'forms the same weighted normal equations as the dense design (n = %i, flat %s) within 1e-12 relative',
		(n, flat) => {
			const design = makeDesign(
				n,
				flat,
				flat ? new Int32Array(0) : changepointIndices(n),
				seasonalitiesFor(n)
			);
			const ws = makeWorkspace(design);
			const weight = Float64Array.from({ length: n }, (_, i) => 0.5 + ((i * 7) % 11) / 10);
			const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 3) + i / n);
			for (const [trend, season] of [
				[true, true],
				[true, false],
				[false, true]
			] as const)
				for (const w of [null, weight]) {
					const p = normalEquations(design, ws, trend, season, w, b);
					const from = trend ? 0 : design.pT;
					expect(p).toBe((trend ? design.pT : 0) + (season ? design.pS : 0));
					const M = new Float64Array(p * p);
					const v = new Float64Array(p);
					for (let i = 0; i < n; i++) {
						const x = denseRow(n, flat, i).slice(from, from + p);
						const wi = w ? w[i] : 1;
						for (let a = 0; a < p; a++) {
							v[a] += x[a] * b[i];
							for (let c = a; c < p; c++) M[a * p + c] += wi * x[a] * x[c];
						}
					}
					const scale = Math.max(...M.map(Math.abs));
					for (let a = 0; a < p; a++) {
						expect(Math.abs(ws.v[a] - v[a])).toBeLessThan(1e-12 * n);
						for (let c = a; c < p; c++)
							expect(Math.abs(ws.M[a * p + c] - M[a * p + c])).toBeLessThan(1e-12 * scale);
					}
				}
		}
	);

	it('evaluates the trend and the seasonal sum as the dense rows do', () => {
		const n = 300;
		const design = makeDesign(n, false, changepointIndices(n), seasonalitiesFor(n));
		const theta = Float64Array.from({ length: design.pT + design.pS }, (_, j) => Math.cos(j) / (j + 1));
		const g = new Float64Array(n);
		const S = new Float64Array(n);
		trendValues(design, theta.subarray(0, design.pT), g);
		seasonalValues(design, theta.subarray(design.pT), S);
		for (let i = 0; i < n; i++) {
			const x = denseRow(n, false, i);
			let dense = 0;
			for (let j = 0; j < x.length; j++) dense += x[j] * theta[j];
			expect(g[i] + S[i]).toBeCloseTo(dense, 12);
		}
	});
});

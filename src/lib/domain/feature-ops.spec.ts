import { describe, expect, it } from 'vitest';
import {
	differenced,
	downsideVolatility,
	ema,
	emaSpread,
	expandingPercentile,
	lagged,
	momentumQuality,
	monthOf,
	pctReturn,
	quarterOf,
	rollingZ,
	sma,
	smaGap,
	smaRatio,
	volumeRatio
} from './feature-ops';
import { selectColumns, takeColumns } from './feature-recipe';

const close = new Float64Array([10, 11, 12, 11, 13, 14]);

describe('causal feature operators (hand-computed)', () => {
	it('computes percentage returns like pandas pct_change(k)', () => {
		const r = pctReturn(close, 2);
		expect(Number.isNaN(r[1])).toBe(true);
		expect(r[2]).toBeCloseTo(12 / 10 - 1, 14);
		expect(r[5]).toBeCloseTo(14 / 11 - 1, 14);
	});

	it('computes the SMA gap and the SMA ratio', () => {
		expect(Number.isNaN(sma(close, 3)[1])).toBe(true);
		expect(sma(close, 3)[2]).toBeCloseTo(11, 14);
		expect(smaGap(close, 3)[5]).toBeCloseTo(14 / ((11 + 13 + 14) / 3) - 1, 14);
		expect(smaRatio(close, 2, 3)[3]).toBeCloseTo((12 + 11) / 2 / ((11 + 12 + 11) / 3) - 1, 14);
		expect(Number.isNaN(smaRatio(close, 2, 3)[1])).toBe(true);
	});

	it('seeds the EMA with the mean of the first span values, then smooths with 2 / (span + 1)', () => {
		const e = ema(close, 3);
		expect(Number.isNaN(e[1])).toBe(true);
		expect(e[2]).toBeCloseTo(11, 14);
		expect(e[3]).toBeCloseTo(0.5 * 11 + 0.5 * 11, 14);
		expect(e[4]).toBeCloseTo(0.5 * 13 + 0.5 * 11, 14);
		const s = emaSpread(close, 2, 3);
		// EMA2 seeded at t=1 with 10.5, then alpha 2/3: t=2 → 2/3·12 + 1/3·10.5 = 11.5.
		expect(s[2]).toBeCloseTo((11.5 - 11) / 12, 14);
		expect(Number.isNaN(s[1])).toBe(true);
	});

	it('computes volume over its mean, NaN when the mean is 0', () => {
		const v = volumeRatio(new Float64Array([0, 0, 4, 8]), 2);
		expect(Number.isNaN(v[1])).toBe(true);
		expect(v[2]).toBeCloseTo(4 / 2, 14);
		expect(v[3]).toBeCloseTo(8 / 6, 14);
	});

	it('computes the downside deviation over every day of the window, target 0', () => {
		const d = downsideVolatility(close, 3);
		const r = [Math.log(11 / 10), Math.log(12 / 11), Math.log(11 / 12), Math.log(13 / 11), Math.log(14 / 13)];
		expect(Number.isNaN(d[2])).toBe(true);
		expect(d[3]).toBeCloseTo(Math.sqrt(r[2] ** 2 / 3), 14);
		// Rows 3..5 still hold the one down day (row 3); rows 4..6 would not.
		expect(d[5]).toBeCloseTo(d[3], 14);
		expect(downsideVolatility(new Float64Array([...close, 15]), 3)[6]).toBe(0);
	});

	it('computes momentum quality as the share of up days times mean over std', () => {
		const q = momentumQuality(close, 3);
		const r = [Math.log(12 / 11), Math.log(11 / 12), Math.log(13 / 11)];
		const mean = (r[0] + r[1] + r[2]) / 3;
		const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / 2);
		expect(q[4]).toBeCloseTo((2 / 3) * (mean / sd), 14);
		expect(Number.isNaN(q[2])).toBe(true);
	});

	it('ranks a value within its own past only, after a minimum history', () => {
		const p = expandingPercentile(new Float64Array([Number.NaN, 3, 1, 2, 5, 0]), 2);
		expect(Array.from(p.slice(0, 3)).every(Number.isNaN)).toBe(true);
		expect(p[3]).toBeCloseTo(1 / 2, 14); // 2 against {3, 1}
		expect(p[4]).toBe(1); // 5 against {3, 1, 2}
		expect(p[5]).toBe(0);
	});

	it('reads month and quarter from the bar date in UTC', () => {
		const t = new Float64Array([Date.UTC(2024, 0, 31), Date.UTC(2024, 3, 1), Date.UTC(2024, 11, 31, 23)]);
		expect(Array.from(monthOf(t))).toEqual([1, 4, 12]);
		expect(Array.from(quarterOf(t))).toEqual([1, 2, 4]);
	});

	it('lags, differences and z-scores a column', () => {
		expect(Array.from(lagged(close, 2).slice(2))).toEqual([10, 11, 12, 11]);
		expect(Array.from(differenced(close, 1).slice(1))).toEqual([1, 1, -1, 2, 1]);
		const z = rollingZ(new Float64Array([Number.NaN, 1, 2, 3, 3, 3, 3]), 3);
		expect(Number.isNaN(z[2])).toBe(true); // the window holds a NaN
		expect(z[3]).toBeCloseTo(1, 14); // (3 − 2) / 1
		expect(z[6]).toBe(0); // a constant window
	});
});

describe('per-fold column selection', () => {
	// Columns: x, 2x + 1 (ρ = 1), a constant, y (ρ with x ≈ 0.25), -x + tiny noise (ρ ≈ −1).
	const rows = 6;
	const x = [1, 2, 3, 4, 5, 6];
	const y = [2, 1, 4, 3, 6, 1];
	const data = new Float64Array(rows * 5);
	for (let r = 0; r < rows; r++) data.set([x[r], 2 * x[r] + 1, 7, y[r], -x[r] + (r % 2) * 1e-3], r * 5);
	const m = { data, rows, cols: 5 };

	it('drops constant columns and those correlated beyond 1 − threshold with a column kept before them', () => {
		expect(selectColumns(m, [0, 1, 2, 3, 4, 5], 0.1)).toEqual([0, 3]);
		// A threshold so large that |ρ| ≈ 0.25 counts as redundant (the catalog allows at most 0.5): only x stays.
		expect(selectColumns(m, [0, 1, 2, 3, 4, 5], 0.8)).toEqual([0]);
	});

	it('reads only the rows it is given', () => {
		const changed = { ...m, data: m.data.slice() };
		changed.data[5 * 5 + 3] = 1000; // row 5 is not a training row below
		expect(selectColumns(changed, [0, 1, 2, 3, 4], 0.1)).toEqual(selectColumns(m, [0, 1, 2, 3, 4], 0.1));
	});

	it('takes the kept columns in order', () => {
		const t = takeColumns(m, [3, 0]);
		expect(t.cols).toBe(2);
		expect(Array.from(t.data.slice(0, 4))).toEqual([2, 1, 1, 2]);
	});
});

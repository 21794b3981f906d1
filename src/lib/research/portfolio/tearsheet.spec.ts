import { describe, expect, it } from 'vitest';
import fixture from './portfolio-metrics.fixture.json';
import {
	drawdownPeriods,
	histogram,
	monthlyReturns,
	rollingSharpeAndVolatility,
	tearSheet,
	tearSheetFromCurve
} from './tearsheet';

function close(actual: number, expected: number, tol: number): void {
	expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

describe('tear sheet numbers by hand', () => {
	const dates = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2024-03-01', '2025-01-02'];
	const r = Float64Array.from([0.1, -0.1, -0.05, 0.2, -0.02, 0.01]);

	it('compounds each calendar month and each year; a month without returns is null', () => {
		const m = monthlyReturns(dates, r);
		expect(m.map((x) => x.year)).toEqual([2024, 2025]);
		close(m[0].months[0] ?? Number.NaN, 1.1 * 0.9 - 1, 1e-15);
		close(m[0].months[1] ?? Number.NaN, 0.95 * 1.2 - 1, 1e-15);
		close(m[0].months[2] ?? Number.NaN, -0.02, 1e-15);
		expect(m[0].months.slice(3)).toEqual(Array(9).fill(null));
		close(m[0].total, 1.1 * 0.9 * 0.95 * 1.2 * 0.98 - 1, 1e-15);
		close(m[1].total, 0.01, 1e-15);
	});

	it('drawdown periods run from the first day under water to the last, deepest first, with the recovery day', () => {
		// Equity 1.1, 0.99, 0.9405, 1.1286 (a new high), 1.106..., 1.117...: two periods.
		const t = tearSheet(dates, r);
		expect(t.drawdownPeriods).toHaveLength(2);
		expect(t.drawdownPeriods[0]).toMatchObject({
			start: '2024-01-31',
			trough: '2024-02-01',
			end: '2024-02-01',
			recovery: '2024-02-02',
			tradingDays: 2,
			calendarDays: 2
		});
		close(t.drawdownPeriods[0].depth, 0.9405 / 1.1 - 1, 1e-14);
		expect(t.drawdownPeriods[1]).toMatchObject({
			start: '2024-03-01',
			end: '2025-01-02',
			recovery: null,
			calendarDays: 308
		});
		close(t.drawdownPeriods[1].depth, -0.02, 1e-14);
		close(t.cumulative[5], 1.1 * 0.9 * 0.95 * 1.2 * 0.98 * 1.01 - 1, 1e-14);
	});

	it('a loss on the first day is a drawdown from the starting value', () => {
		const p = drawdownPeriods(['2024-01-02', '2024-01-03'], Float64Array.from([-0.01, 0]));
		expect(p).toEqual([
			expect.objectContaining({ start: '2024-01-02', recovery: '2024-01-03', depth: -0.01 })
		]);
	});

	it('keeps only the top N periods', () => {
		const dd = Float64Array.from([-0.01, 0, -0.03, 0, -0.02, 0]);
		const d = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06'];
		expect(drawdownPeriods(d, dd, 2).map((x) => x.depth)).toEqual([-0.03, -0.02]);
	});

	it('rolling windows are NaN until full, then mean / std · √252 and std · √252', () => {
		const { sharpe, volatility } = rollingSharpeAndVolatility(
			Float64Array.from([0.01, 0.03, -0.01, 0.02]),
			3
		);
		expect([sharpe[0], sharpe[1]]).toEqual([Number.NaN, Number.NaN]);
		// Window [0.01, 0.03, −0.01]: mean 0.01, std 0.02.
		close(sharpe[2], 0.5 * Math.sqrt(252), 1e-12);
		close(volatility[2], 0.02 * Math.sqrt(252), 1e-12);
		expect(() => rollingSharpeAndVolatility(r, 1)).toThrow(/window/);
	});

	it('histogram bins are equal-width from min to max with the last bin closed, as numpy.histogram', () => {
		const h = histogram(Float64Array.from([0, 1, 2, 3, 4]), 2);
		expect(h.edges).toEqual([0, 2, 4]);
		expect(h.counts).toEqual([2, 3]);
		expect(histogram(Float64Array.from([5, 5]), 2)).toEqual({ edges: [4.5, 5, 5.5], counts: [0, 2] });
	});

	it('refuses unpaired or unordered dates and non-finite returns, naming the field', () => {
		expect(() => tearSheet(dates.slice(1), r)).toThrow(/dates has 5/);
		expect(() => tearSheet([...dates].reverse(), r)).toThrow(/dates\[1\]/);
		expect(() => tearSheet(dates, Float64Array.from([0, 0, 0, 0, 0, Number.NaN]))).toThrow(/returns\[5\]/);
	});
});

describe('against pandas and numpy (bench/make-portfolio-metrics-fixture.py)', () => {
	const points = fixture.dates.map((date, i) => ({ date, equity: fixture.equity[i] }));
	const t = tearSheetFromCurve(points, {
		rollingWindow: fixture.tearsheet.window,
		bins: fixture.tearsheet.bins
	});
	const ref = fixture.tearsheet;

	it('the top 5 drawdown periods: dates and lengths exactly, depths within 1e-12', () => {
		expect(t.drawdownPeriods.map(({ depth: _, ...rest }) => rest)).toEqual(
			ref.drawdownPeriods.map(({ depth: _, ...rest }) => rest)
		);
		t.drawdownPeriods.forEach((p, i) => close(p.depth, ref.drawdownPeriods[i].depth, 1e-12));
		close(t.cumulative[t.cumulative.length - 1], ref.cumulativeEnd, 1e-12);
	});

	it('the monthly returns table, year by month, within 1e-12', () => {
		expect(t.monthly.map((m) => m.year)).toEqual(ref.monthly.map((m) => m.year));
		t.monthly.forEach((row, i) => {
			close(row.total, ref.monthly[i].total, 1e-12);
			row.months.forEach((v, k) => {
				const e = ref.monthly[i].months[k];
				if (e === null) expect(v).toBeNull();
				else close(v ?? Number.NaN, e, 1e-12);
			});
		});
	});

	it('rolling 63-day Sharpe and volatility (pandas rolling: within 1e-12; measured 1e-15)', () => {
		t.rollingSharpe.forEach((v, i) => {
			const e = ref.rollingSharpe[i];
			if (e === null) expect(v).toBeNaN();
			else close(v, e, 1e-12);
		});
		t.rollingVolatility.forEach((v, i) => {
			const e = ref.rollingVolatility[i];
			if (e === null) expect(v).toBeNaN();
			else close(v, e, 1e-12);
		});
	});

	it('the return histogram: counts exactly, edges within 1e-15', () => {
		expect(t.histogram.counts).toEqual(ref.histogram.counts);
		t.histogram.edges.forEach((v, i) => close(v, ref.histogram.edges[i], 1e-15));
	});
});

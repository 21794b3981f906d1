import { describe, expect, it } from 'vitest';
import { benchmarkLine, chooseBenchmark, type BenchmarkLine } from './benchmark';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const closes = (rows: readonly (readonly [string, number])[]) => ({
	t: rows.map(([d]) => day(d)),
	close: rows.map(([, c]) => c)
});

/** A week of the portfolio (Mon 2026-01-05 … Fri 01-09) starting at its initial $100,000. */
const CURVE = [
	{ date: '2026-01-05', equity: 100_000 },
	{ date: '2026-01-06', equity: 101_000 },
	{ date: '2026-01-07', equity: 102_000 },
	{ date: '2026-01-08', equity: 99_000 },
	{ date: '2026-01-09', equity: 103_000 }
];
/** The benchmark: a close on the Friday before, none on the 5th or the 7th, and none after the 8th. */
const BENCH = closes([
	['2026-01-02', 200],
	['2026-01-06', 210],
	['2026-01-08', 190]
]);

function line(r: ReturnType<typeof benchmarkLine>): BenchmarkLine {
	if (!r.ok) throw new Error(r.reason);
	return r;
}

describe('benchmarkLine', () => {
	it('rebases the closes to the initial capital on the first day, carrying the last known close', () => {
		const b = line(benchmarkLine(CURVE, 100_000, BENCH));
		// 100,000 · close / 200: 01-05 carries 01-02's 200; 01-07 carries 01-06's 210; 01-09 carries 01-08's 190.
		expect(Array.from(b.values)).toEqual([100_000, 105_000, 105_000, 95_000, 95_000]);
		expect(b.asOf).toEqual(['2026-01-02', '2026-01-06', '2026-01-06', '2026-01-08', '2026-01-08']);
		expect(b.carriedPastEnd).toBe(1);
	});

	it('never uses a close from after a curve date', () => {
		const later = closes([
			['2026-01-05', 100],
			['2026-01-07', 300]
		]);
		const b = line(benchmarkLine(CURVE.slice(0, 2), 50_000, later));
		expect(Array.from(b.values)).toEqual([50_000, 50_000]); // 01-06 sees 01-05's close, not 01-07's
	});

	it('reports the benchmark total return and the portfolio excess return', () => {
		const b = line(benchmarkLine(CURVE, 100_000, BENCH));
		expect(b.totalReturn).toBeCloseTo(-0.05, 14); // 190 / 200 − 1
		expect(b.portfolioReturn).toBeCloseTo(0.03, 14); // 103,000 / 100,000 − 1
		expect(b.excessReturn).toBeCloseTo(0.08, 14);
	});

	it('refuses a benchmark that starts after the portfolio, saying when each starts', () => {
		const r = benchmarkLine(CURVE, 100_000, closes([['2026-01-06', 210]]));
		expect(r).toEqual({
			ok: false,
			reason:
				"the benchmark has no close on or before the portfolio's first day (2026-01-05): its first bar is on 2026-01-06"
		});
		expect(benchmarkLine(CURVE, 100_000, closes([])).ok).toBe(false);
	});

	it('throws a RangeError naming the field for closes that are not prices or times out of order', () => {
		expect(() => benchmarkLine(CURVE, 100_000, closes([['2026-01-02', 0]]))).toThrow(/close\[0\]/);
		expect(() => benchmarkLine(CURVE, 100_000, { t: [2, 1], close: [1, 1] })).toThrow(/t\[1\]/);
		expect(() => benchmarkLine(CURVE, -1, BENCH)).toThrow(/initialCapital/);
	});
});

describe('chooseBenchmark', () => {
	const series = [
		{ seriesKey: 'polygon:QQQ', symbol: 'QQQ' },
		{ seriesKey: 'polygon:SPY', symbol: 'spy' }
	];
	it('defaults to the stored SPY series, or none without one', () => {
		expect(chooseBenchmark(undefined, series)).toBe('polygon:SPY');
		expect(chooseBenchmark(undefined, series.slice(0, 1))).toBeNull();
	});
	it('keeps the user’s choice, including none, and forgets a series no longer stored', () => {
		expect(chooseBenchmark('polygon:QQQ', series)).toBe('polygon:QQQ');
		expect(chooseBenchmark(null, series)).toBeNull();
		expect(chooseBenchmark('file:gone', series)).toBeNull();
	});
});

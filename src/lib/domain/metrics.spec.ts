import { describe, expect, it } from 'vitest';
import {
	TRADING_DAYS_PER_YEAR,
	averageRanks,
	drawdownCurve,
	equityCurve,
	pearson,
	performance,
	positionsFromPredictions,
	regressionMetrics,
	spearman,
	strategyReturns
} from './metrics';

const f = (...v: number[]): Float64Array => Float64Array.from(v);
const list = (v: Float64Array): number[] => Array.from(v);

describe('regressionMetrics', () => {
	it('computes every field by hand on four rows', () => {
		// yTrue = [1, -2, 3, 0], yPred = [2, -1, -1, 1]
		// errors yPred - yTrue = [1, 1, -4, 1]
		// rmse = sqrt((1 + 1 + 16 + 1) / 4) = sqrt(19 / 4) = sqrt(4.75) ≈ 2.1794495
		// mae = (1 + 1 + 4 + 1) / 4 = 1.75
		// mean(yTrue) = 2 / 4 = 0.5; SS_tot = 0.5² + 2.5² + 2.5² + 0.5² = 13; SS_res = 19
		// r2 = 1 - 19 / 13 = -6 / 13 ≈ -0.4615385 (sklearn r2_score agrees)
		// hitRate: row 4 has yTrue = 0 and is left out; rows 1 (+,+) and 2 (-,-) hit, row 3 (+,-) misses: 2 / 3
		// ic: ranks(yTrue) = [3, 1, 4, 2]; ranks(yPred) = [4, 1.5, 1.5, 3] (the two -1s share ranks 1 and 2)
		//     both rank means are 2.5; deviations [0.5, -1.5, 1.5, -0.5] and [1.5, -1, -1, 0.5]
		//     Σdxdy = 0.75 + 1.5 - 1.5 - 0.25 = 0.5; Σdx² = 5; Σdy² = 4.5
		//     ic = 0.5 / sqrt(5 * 4.5) = 0.5 / sqrt(22.5) ≈ 0.1054093 (scipy spearmanr agrees)
		const m = regressionMetrics(f(1, -2, 3, 0), f(2, -1, -1, 1));
		expect(m.rmse).toBeCloseTo(Math.sqrt(4.75), 12);
		expect(m.mae).toBeCloseTo(1.75, 12);
		expect(m.r2).toBeCloseTo(-6 / 13, 12);
		expect(m.hitRate).toBeCloseTo(2 / 3, 12);
		expect(m.ic).toBeCloseTo(0.5 / Math.sqrt(22.5), 12);
		expect(m.n).toBe(4);
	});

	it('gives rmse 0, mae 0, r2 1, hitRate 1 and ic 1 for perfect predictions', () => {
		const y = f(0.5, -1, 2, 0.25, -0.75);
		const m = regressionMetrics(y, y.slice());
		expect(m).toEqual({ rmse: 0, mae: 0, r2: 1, hitRate: 1, ic: 1, n: 5 });
	});

	it('gives ic -1 and hitRate 0 for reversed predictions', () => {
		// Negating flips every sign (all misses) and reverses the rank order.
		const y = f(0.5, -1, 2, 0.25, -0.75);
		const m = regressionMetrics(
			y,
			y.map((v) => -v)
		);
		expect(m.ic).toBe(-1);
		expect(m.hitRate).toBe(0);
	});

	it('counts a zero prediction as a miss in the hit rate', () => {
		// yTrue = [1, -1, 2], yPred = [0, -1, 3]: row 1 predicts no direction (miss), rows 2 and 3 hit → 2 / 3
		expect(regressionMetrics(f(1, -1, 2), f(0, -1, 3)).hitRate).toBeCloseTo(2 / 3, 12);
	});

	it('leaves zero targets out of the hit rate', () => {
		// yTrue = [0, 0, 1], yPred = [5, -5, 1]: only row 3 counts, and it hits → 1 / 1
		expect(regressionMetrics(f(0, 0, 1), f(5, -5, 1)).hitRate).toBe(1);
	});

	it('gives a NaN hit rate when every target is zero', () => {
		expect(regressionMetrics(f(0, 0, 0), f(1, -1, 0)).hitRate).toBeNaN();
	});

	it('gives NaN r2 and ic for a constant target instead of dividing by zero', () => {
		// yTrue = [2, 2, 2]: SS_tot = 0 and every rank is 2, so neither ratio exists.
		// rmse = sqrt((1 + 0 + 1) / 3) = sqrt(2 / 3); mae = 2 / 3
		const m = regressionMetrics(f(2, 2, 2), f(1, 2, 3));
		expect(m.r2).toBeNaN();
		expect(m.ic).toBeNaN();
		expect(m.rmse).toBeCloseTo(Math.sqrt(2 / 3), 12);
		expect(m.mae).toBeCloseTo(2 / 3, 12);
	});

	it('returns NaN for every metric on empty input, with n = 0', () => {
		const m = regressionMetrics(f(), f());
		expect(m.n).toBe(0);
		for (const v of [m.rmse, m.mae, m.r2, m.hitRate, m.ic]) expect(v).toBeNaN();
	});

	it('throws on mismatched lengths', () => {
		expect(() => regressionMetrics(f(1, 2, 3), f(1, 2))).toThrow(RangeError);
	});

	it('throws on a NaN or infinite value rather than scoring it', () => {
		expect(() => regressionMetrics(f(1, 2, 3), f(1, Number.NaN, 3))).toThrow(/yPred\[1\]/);
		expect(() => regressionMetrics(f(1, Number.POSITIVE_INFINITY), f(1, 2))).toThrow(RangeError);
	});
});

describe('averageRanks', () => {
	it('gives 1-based ranks in the original order', () => {
		expect(list(averageRanks(f(0.3, -2, 7)))).toEqual([2, 1, 3]);
	});

	it('gives tied values the average of the ranks they span', () => {
		// sorted: 10 → 1, 20 → 2, 30 and 30 → ranks 3 and 4, average 3.5
		expect(list(averageRanks(f(10, 30, 20, 30)))).toEqual([1, 3.5, 2, 3.5]);
		// three ties span ranks 1, 2, 3 → 2 each
		expect(list(averageRanks(f(5, 5, 5)))).toEqual([2, 2, 2]);
	});

	it('returns an empty array for empty input', () => {
		expect(averageRanks(f()).length).toBe(0);
	});
});

describe('pearson', () => {
	it('matches a hand computation on three points', () => {
		// a = [1, 2, 3], b = [2, 4, 7]; means 2 and 13/3
		// deviations [-1, 0, 1] and [-7/3, -1/3, 8/3]
		// Σdadb = 7/3 + 0 + 8/3 = 5; Σda² = 2; Σdb² = (49 + 1 + 64) / 9 = 114 / 9
		// r = 5 / sqrt(2 * 114 / 9) ≈ 0.9933993 (numpy corrcoef agrees)
		expect(pearson(f(1, 2, 3), f(2, 4, 7))).toBeCloseTo(5 / Math.sqrt((2 * 114) / 9), 12);
	});

	it('is NaN when either side is constant or there are fewer than two pairs', () => {
		expect(pearson(f(1, 1, 1), f(1, 2, 3))).toBeNaN();
		expect(pearson(f(1, 2, 3), f(0.1, 0.1, 0.1))).toBeNaN();
		expect(pearson(f(1), f(2))).toBeNaN();
		expect(pearson(f(), f())).toBeNaN();
	});

	it('throws on mismatched lengths', () => {
		expect(() => pearson(f(1, 2, 3), f(1, 2))).toThrow(RangeError);
	});
});

describe('spearman', () => {
	it('with ties matches the Pearson correlation of average ranks', () => {
		// a = [1, 2, 2, 3] → ranks [1, 2.5, 2.5, 4]; b = [1, 3, 2, 2] → ranks [1, 4, 2.5, 2.5]
		// rank deviations from 2.5: [-1.5, 0, 0, 1.5] and [-1.5, 1.5, 0, 0]
		// Σdxdy = 2.25; Σdx² = Σdy² = 4.5 → rho = 2.25 / 4.5 = 0.5 (scipy spearmanr agrees)
		// The no-ties shortcut 1 - 6Σd²/(n(n²-1)) would give 1 - 6 * 4.5 / 60 = 0.55, which is wrong here.
		const a = f(1, 2, 2, 3);
		const b = f(1, 3, 2, 2);
		expect(spearman(a, b)).toBeCloseTo(0.5, 12);
		expect(spearman(a, b)).toBe(pearson(averageRanks(a), averageRanks(b)));
	});

	it('is 1 for any increasing relation and -1 for any decreasing one', () => {
		const x = f(-3, 0.5, 1, 4, 9);
		expect(
			spearman(
				x,
				x.map((v) => v ** 3)
			)
		).toBe(1);
		expect(
			spearman(
				x,
				x.map((v) => -Math.exp(v))
			)
		).toBe(-1);
	});

	it('is NaN when either side is constant', () => {
		expect(spearman(f(1, 2, 3), f(4, 4, 4))).toBeNaN();
	});

	it('throws on mismatched lengths', () => {
		expect(() => spearman(f(1, 2), f(1, 2, 3))).toThrow(RangeError);
	});
});

describe('positionsFromPredictions', () => {
	it('goes long above zero, short below and flat at zero in long_short mode', () => {
		expect(list(positionsFromPredictions(f(0.3, -0.2, 0, -0), 'long_short'))).toEqual([1, -1, 0, 0]);
	});

	it('never goes short in long_flat mode', () => {
		const pos = positionsFromPredictions(f(0.3, -0.2, 0, -5, 1e-9), 'long_flat');
		expect(list(pos)).toEqual([1, 0, 0, 0, 1]);
		for (const p of pos) expect(Object.is(p, -0) || p < 0).toBe(false);
	});

	it('refuses a NaN prediction instead of treating it as flat', () => {
		expect(() => positionsFromPredictions(f(1, Number.NaN), 'long_short')).toThrow(RangeError);
	});
});

describe('strategyReturns', () => {
	it('computes gross, turnover, costs and net by hand', () => {
		// positions = [1, 1, -1, 0], asset returns = [0.01, -0.02, 0.03, 0.05], 10 bps per unit traded
		// gross    = [1 * 0.01, 1 * -0.02, -1 * 0.03, 0 * 0.05] = [0.01, -0.02, -0.03, 0]
		// turnover = [|1 - 0|, |1 - 1|, |-1 - 1|, |0 - -1|] = [1, 0, 2, 1]
		// costs    = turnover * 10 / 10 000 = [0.001, 0, 0.002, 0.001]
		// net      = gross - costs = [0.009, -0.02, -0.032, -0.001]
		const s = strategyReturns(f(1, 1, -1, 0), f(0.01, -0.02, 0.03, 0.05), 10);
		expect(list(s.gross)).toEqual([0.01, -0.02, -0.03, 0]);
		expect(list(s.turnover)).toEqual([1, 0, 2, 1]);
		[0.001, 0, 0.002, 0.001].forEach((c, i) => expect(s.costs[i]).toBeCloseTo(c, 15));
		[0.009, -0.02, -0.032, -0.001].forEach((r, i) => expect(s.net[i]).toBeCloseTo(r, 15));
	});

	it('charges costs on every position change, including the first entry from flat', () => {
		// positions = [-1, -1, 1], 25 bps: entry 1 unit, hold, flip 2 units
		// costs = [0.0025, 0, 0.005]
		const s = strategyReturns(f(-1, -1, 1), f(0, 0, 0), 25);
		expect(list(s.turnover)).toEqual([1, 0, 2]);
		expect(list(s.costs)).toEqual([0.0025, 0, 0.005]);
		expect(list(s.net)).toEqual([-0.0025, 0, -0.005]);
	});

	it('charges no entry cost when the initial position already matches', () => {
		// initialPosition = 1, positions = [1, 0]: turnover [0, 1], costs at 10 bps [0, 0.001]
		const s = strategyReturns(f(1, 0), f(0.02, 0.01), 10, 1);
		expect(list(s.turnover)).toEqual([0, 1]);
		expect(list(s.costs)).toEqual([0, 0.001]);
		expect(s.net[0]).toBe(0.02);
	});

	it('leaves net equal to gross at zero cost', () => {
		const s = strategyReturns(f(1, -1, 1), f(0.01, 0.02, -0.03), 0);
		expect(list(s.net)).toEqual(list(s.gross));
	});

	it('returns empty series for empty input', () => {
		const s = strategyReturns(f(), f(), 5);
		expect([s.gross.length, s.net.length, s.costs.length, s.turnover.length]).toEqual([0, 0, 0, 0]);
	});

	it('throws on mismatched lengths and on a negative or non-finite cost', () => {
		expect(() => strategyReturns(f(1, 1), f(0.01), 10)).toThrow(RangeError);
		expect(() => strategyReturns(f(1), f(0.01), -1)).toThrow(/costBps/);
		expect(() => strategyReturns(f(1), f(0.01), Number.NaN)).toThrow(/costBps/);
	});
});

describe('equityCurve and drawdownCurve', () => {
	it('compound returns from a starting equity of 1', () => {
		// r = [0.1, -0.2, 0.25, 0]: equity 1.1, 1.1 * 0.8 = 0.88, 0.88 * 1.25 = 1.1, 1.1
		// peak 1.1 throughout → drawdown [0, 0.88 / 1.1 - 1 = -0.2, 0, 0]
		const r = f(0.1, -0.2, 0.25, 0);
		[1.1, 0.88, 1.1, 1.1].forEach((e, i) => expect(equityCurve(r)[i]).toBeCloseTo(e, 12));
		[0, -0.2, 0, 0].forEach((d, i) => expect(drawdownCurve(r)[i]).toBeCloseTo(d, 12));
	});

	it('measure a first-period loss against the starting equity of 1', () => {
		// r = [-0.1, 0.05]: equity 0.9, 0.945; the peak is still the starting 1 → drawdown [-0.1, -0.055]
		const dd = drawdownCurve(f(-0.1, 0.05));
		expect(dd[0]).toBeCloseTo(-0.1, 12);
		expect(dd[1]).toBeCloseTo(-0.055, 12);
	});

	it('keep a ruined strategy at zero equity', () => {
		// A short through a +150% move loses 150%: equity = max(0, 1 * (1 - 1.5)) = 0 and stays there; the raw
		// product (-0.5) * (-0.5) * 1.2 = 0.3 would bring a wiped-out account back to life.
		expect(list(equityCurve(f(-1.5, -1.5, 0.2)))).toEqual([0, 0, 0]);
		expect(list(drawdownCurve(f(-1.5, 0.2)))).toEqual([-1, -1]);
	});

	it('return empty curves for empty input', () => {
		expect(equityCurve(f()).length).toBe(0);
		expect(drawdownCurve(f()).length).toBe(0);
	});
});

describe('performance', () => {
	it('computes every field by hand on four periods', () => {
		// r = [0.1, -0.2, 0.25, 0], 16 periods a year (so sqrt(16) = 4 and the exponent 16 / 4 = 4)
		// totalReturn = 1.1 * 0.8 * 1.25 * 1 - 1 = 0.1
		// annualReturn = 1.1^(16 / 4) - 1 = 1.4641 - 1 = 0.4641
		// mean = 0.15 / 4 = 0.0375; deviations [0.0625, -0.2375, 0.2125, -0.0375]
		// squares sum = 0.00390625 + 0.05640625 + 0.04515625 + 0.00140625 = 0.106875
		// sample std = sqrt(0.106875 / 3) = sqrt(0.035625) ≈ 0.1887459 (numpy std ddof=1 agrees)
		// volatility = 0.1887459 * 4 ≈ 0.7549834
		// sharpe = 0.0375 / 0.1887459 * 4 ≈ 0.7947194
		// downside deviation = sqrt((0 + 0.04 + 0 + 0) / 4) = sqrt(0.01) = 0.1; sortino = 0.0375 / 0.1 * 4 = 1.5
		// maxDrawdown = 0.88 / 1.1 - 1 = -0.2; calmar = 0.4641 / 0.2 = 2.3205
		// turnover [1, 0, 2, 1] sums to 4 over 4 / 16 = 0.25 years → 16 per year
		const p = performance(f(0.1, -0.2, 0.25, 0), { periodsPerYear: 16, turnover: f(1, 0, 2, 1) });
		const std = Math.sqrt(0.035625);
		expect(p.totalReturn).toBeCloseTo(0.1, 12);
		expect(p.annualReturn).toBeCloseTo(0.4641, 12);
		expect(p.volatility).toBeCloseTo(std * 4, 12);
		expect(p.sharpe).toBeCloseTo((0.0375 / std) * 4, 12);
		expect(p.sortino).toBeCloseTo(1.5, 12);
		expect(p.maxDrawdown).toBeCloseTo(-0.2, 12);
		expect(p.calmar).toBeCloseTo(2.3205, 12);
		expect(p.turnover).toBe(16);
		expect(p.periods).toBe(4);
	});

	it('averages the downside deviation over all periods, not only the losing ones', () => {
		// r = [0.04, -0.01, 0.02, -0.03]: mean = 0.02 / 4 = 0.005
		// Σ min(r, 0)² = 0.0001 + 0.0009 = 0.001, divided by all 4 periods → downside = sqrt(0.00025) ≈ 0.0158114
		// sortino at 1 period a year = 0.005 / 0.0158114 ≈ 0.3162278
		// (dividing by the 2 losing periods only would give 0.005 / sqrt(0.0005) ≈ 0.2236068)
		const p = performance(f(0.04, -0.01, 0.02, -0.03), { periodsPerYear: 1 });
		expect(p.sortino).toBeCloseTo(0.005 / Math.sqrt(0.001 / 4), 12);
	});

	it('annualises with 252 trading days by default', () => {
		expect(TRADING_DAYS_PER_YEAR).toBe(252);
		const r = f(0.01, -0.005, 0.002);
		expect(performance(r)).toEqual(performance(r, { periodsPerYear: 252 }));
		// annualReturn = (1.01 * 0.995 * 1.002)^(252 / 3) - 1
		expect(performance(r).annualReturn).toBeCloseTo((1.01 * 0.995 * 1.002) ** 84 - 1, 10);
	});

	it('gives a NaN Sharpe for a constant series rather than Infinity', () => {
		// Every return is 0.001: the std is exactly 0 (the float mean of three 0.001s is not exactly 0.001, so a
		// computed spread would be a tiny positive number and the Sharpe a huge fake value).
		const p = performance(f(0.001, 0.001, 0.001));
		expect(p.volatility).toBe(0);
		expect(p.sharpe).toBeNaN();
		expect(p.sortino).toBeNaN(); // no losing period, so no downside deviation
	});

	it('reports a max drawdown of 0 and a NaN Calmar for an always-rising curve', () => {
		const p = performance(f(0.01, 0.02, 0.005, 0.03));
		expect(p.maxDrawdown).toBe(0);
		expect(Object.is(p.maxDrawdown, -0)).toBe(false);
		expect(p.calmar).toBeNaN();
	});

	it('gives a NaN turnover when no turnover series is given', () => {
		expect(performance(f(0.01, -0.01)).turnover).toBeNaN();
	});

	it('gives NaN volatility and Sharpe for a single period', () => {
		// sample std needs n - 1 >= 1
		const p = performance(f(-0.02), { periodsPerYear: 4 });
		expect(p.volatility).toBeNaN();
		expect(p.sharpe).toBeNaN();
		// totalReturn = -0.02; annualReturn = 0.98^4 - 1; sortino = -0.02 / 0.02 * 2 = -2
		expect(p.totalReturn).toBeCloseTo(-0.02, 12);
		expect(p.annualReturn).toBeCloseTo(0.98 ** 4 - 1, 12);
		expect(p.sortino).toBeCloseTo(-2, 12);
	});

	it('gives a NaN annual return once everything is lost', () => {
		// r = [-1, 0.5]: equity 0, 0 → totalReturn -1, maxDrawdown -1, no real annualised rate
		const p = performance(f(-1, 0.5));
		expect(p.totalReturn).toBe(-1);
		expect(p.maxDrawdown).toBe(-1);
		expect(p.annualReturn).toBeNaN();
		expect(p.calmar).toBeNaN();
	});

	it('returns NaN for every metric on empty input, with periods = 0', () => {
		const { periods, ...rest } = performance(f(), { turnover: f() });
		expect(periods).toBe(0);
		for (const v of Object.values(rest)) expect(v).toBeNaN();
	});

	it('throws on a turnover series of another length and on a bad periodsPerYear', () => {
		expect(() => performance(f(0.01, 0.02), { turnover: f(1) })).toThrow(RangeError);
		expect(() => performance(f(0.01), { periodsPerYear: 0 })).toThrow(/periodsPerYear/);
		expect(() => performance(f(0.01, Number.NaN))).toThrow(/returns\[1\]/);
	});
});

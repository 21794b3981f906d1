import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sliceBars } from '../../domain/series';
import { cointegratedPair, independentPair } from '../../testing/pairs';
import { PAIR_CASES, ROTATION_CASES, caseCloses } from '../../testing/pairs-cases';
import { alignedMonthly } from '../../testing/stocks';
import { AnalysisInputError, type AnalysisData } from '../analysis';
import type { ErasedAnalysis } from '../seam';
import { ParamsError } from '../seam';
import { engleGranger } from '../stats/coint';
import { assetReturns, backtest } from './backtest';
import { nextPosition, pairsBacktest } from './pairs';
import fixture from './pairs.fixture.json';
import { implementation as pairsImpl } from './pairs-trading-model.model';
import { newRotationLog, rotationRule, trailingReturns } from './rotation';
import { implementation as rotationImpl } from './sector-rotation-analysis.model';

/** Relative closeness for numbers that pass through OLS and an ADF lag search. */
function close(actual: number, expected: number, tol = 1e-8): void {
	expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

const analysis = (impl: typeof pairsImpl): ErasedAnalysis => {
	if (impl.kind !== 'analysis') throw new Error('not an analysis');
	return impl;
};
const ctx = () => ({ rng: createRng(1) });
const monthlyPair = (a: 'MSFT' | 'AAPL', b: 'IBM' | 'AMZN'): AnalysisData => ({
	datasets: alignedMonthly([a, b]).map((bars, i) => ({ name: [a, b][i], bars }))
});

describe('Engle–Granger cointegration test (statsmodels 0.13.5 coint)', () => {
	for (const ref of fixture.coint) {
		it(`${ref.name} rows ${ref.from}–${ref.to}: τ, p-value, critical values, hedge ratio and lags`, () => {
			const c = PAIR_CASES.find((x) => x.name === ref.name);
			if (!c) throw new Error(ref.name);
			const [a, b] = caseCloses(c.data);
			const r = engleGranger(
				Float64Array.from(a.subarray(ref.from, ref.to), Math.log),
				Float64Array.from(b.subarray(ref.from, ref.to), Math.log)
			);
			close(r.stat, ref.stat);
			close(r.pvalue, ref.pvalue);
			r.critical.forEach((v, i) => close(v, ref.critical[i]));
			close(r.beta, ref.beta);
			close(r.alpha, ref.alpha);
			expect(r.usedLag).toBe(ref.usedLag);
		});
	}

	it('reports τ = −∞ and p = 0 for collinear series, as statsmodels', () => {
		const x = Float64Array.from({ length: 60 }, (_, i) => Math.log(10 + i + Math.sin(i)));
		const y = x.map((v) => 0.5 + 2 * v);
		const r = engleGranger(y, x);
		expect(r.collinear).toBe(true);
		expect(r.stat).toBe(-Infinity);
		expect(r.pvalue).toBe(0);
		close(r.beta, 2, 1e-9);
	});

	it('rejects no-cointegration on a planted cointegrated pair far more often than on independent walks', () => {
		let planted = 0;
		let independent = 0;
		for (let seed = 1; seed <= 40; seed++) {
			const c = cointegratedPair(250, seed, 0.8);
			const d = independentPair(250, seed);
			if (engleGranger(Float64Array.from(c.a, Math.log), Float64Array.from(c.b, Math.log)).pvalue <= 0.05)
				planted++;
			if (engleGranger(Float64Array.from(d.a, Math.log), Float64Array.from(d.b, Math.log)).pvalue <= 0.05)
				independent++;
		}
		expect(planted).toBeGreaterThanOrEqual(36); // power near 1 at φ = 0.8, 250 rows
		expect(independent).toBeLessThanOrEqual(6); // size about 5 %: 2 expected of 40
	});
});

describe('pairs backtest (NumPy re-implementation of the stated rules, statsmodels refits)', () => {
	for (const ref of fixture.pairs) {
		it(`${ref.name}: refits, z-scores, positions, equity and trades`, () => {
			const c = PAIR_CASES.find((x) => x.name === ref.name);
			if (!c) throw new Error(ref.name);
			const [a, b] = caseCloses(c.data);
			const run = pairsBacktest(a, b, c.options);
			expect(run.refits.map((r) => r.bar)).toEqual(ref.refits.map((r) => r.bar));
			run.refits.forEach((r, i) => {
				const e = ref.refits[i];
				close(r.beta, e.beta);
				close(r.alpha, e.alpha);
				close(r.sd, e.sd);
				close(r.stat, e.stat);
				close(r.pvalue, e.pvalue);
				expect(r.usedLag).toBe(e.usedLag);
				expect(r.tradable).toBe(e.tradable);
			});
			expect(Array.from(run.position)).toEqual(ref.position);
			run.z.forEach((v, i) => {
				const e = ref.z[i];
				if (e === null) expect(v).toBeNaN();
				else close(v, e);
			});
			expect(run.equity.length).toBe(ref.equity.length);
			run.equity.forEach((v, i) => close(v, ref.equity[i], 1e-10));
			expect(run.trades.map((x) => [x.side, x.openBar, x.closeBar])).toEqual(
				ref.trades.map((x) => [x.side, x.openBar, x.closeBar])
			);
			run.trades.forEach((x, i) => close(x.return, ref.trades[i].return, 1e-10));
		});
	}

	it('trades on the planted pairs: some refits tradable, positions taken, both sides used', () => {
		const ref = fixture.pairs.find((p) => p.name === 'cointegrated_daily');
		expect(ref?.trades.length).toBeGreaterThan(3);
		expect(new Set(ref?.position)).toEqual(new Set([-1, 0, 1]));
	});

	it('is causal: prices after a bar change nothing decided up to it', () => {
		const { a, b } = cointegratedPair(600, 21);
		const options = { lookback: 80, refitEvery: 7, entry: 1.5, exit: 0.3, threshold: 0.1, costBps: 5 };
		const full = pairsBacktest(a, b, options);
		for (const cut of [200, 333, 480]) {
			const part = pairsBacktest(a.slice(0, cut), b.slice(0, cut), options);
			const last = cut - 1 - part.start; // the cut run's last bar: no decision there
			expect(Array.from(part.position.subarray(0, last))).toEqual(
				Array.from(full.position.subarray(0, last))
			);
			expect(Array.from(part.equity)).toEqual(Array.from(full.equity.subarray(0, part.equity.length)));
			// Change every price after the cut: the decisions before it stay.
			const a2 = a.slice();
			const b2 = b.slice();
			for (let t = cut; t < a2.length; t++) {
				a2[t] *= 1.5;
				b2[t] *= 0.7;
			}
			const changed = pairsBacktest(a2, b2, options);
			expect(Array.from(changed.position.subarray(0, last))).toEqual(
				Array.from(full.position.subarray(0, last))
			);
		}
	});

	it('costs lower the equity by the turnover times the rate', () => {
		const { a, b } = cointegratedPair(500, 8);
		const base = { lookback: 100, refitEvery: 10, entry: 1.5, exit: 0.3, threshold: 0.1 };
		const free = pairsBacktest(a, b, { ...base, costBps: 0 });
		const costly = pairsBacktest(a, b, { ...base, costBps: 50 });
		expect(Array.from(costly.position)).toEqual(Array.from(free.position));
		expect(costly.equity[costly.equity.length - 1]).toBeLessThan(free.equity[free.equity.length - 1]);
		const turnover = costly.turnover.reduce((s, v) => s + v, 0);
		expect(turnover).toBeGreaterThan(0);
	});

	it('follows the band rules: exits first, then entries from flat', () => {
		expect(nextPosition(0, -2.1, 2, 0.5)).toBe(1);
		expect(nextPosition(0, 2.1, 2, 0.5)).toBe(-1);
		expect(nextPosition(0, 1.9, 2, 0.5)).toBe(0);
		expect(nextPosition(1, -1, 2, 0.5)).toBe(1);
		expect(nextPosition(1, -0.5, 2, 0.5)).toBe(0);
		expect(nextPosition(1, 2.5, 2, 0.5)).toBe(-1); // jumped through the band: close and reverse
		expect(nextPosition(-1, 0.6, 2, 0.5)).toBe(-1);
		expect(nextPosition(-1, 0.5, 2, 0.5)).toBe(0);
	});

	it('refuses bad options by name', () => {
		const { a, b } = cointegratedPair(100, 1);
		const ok = { lookback: 40, refitEvery: 5, entry: 2, exit: 0.5, threshold: 0.05, costBps: 5 };
		expect(() => pairsBacktest(a, b, { ...ok, lookback: 20 })).toThrow(/lookback/);
		expect(() => pairsBacktest(a, b, { ...ok, exit: 2 })).toThrow(/exit < entry/);
		expect(() => pairsBacktest(a, b.subarray(1), ok)).toThrow(/closes/);
		expect(() => pairsBacktest(a.subarray(0, 40), b.subarray(0, 40), ok)).toThrow(/needs 41 bars/);
		const bad = a.slice();
		bad[50] = 0;
		expect(() => pairsBacktest(bad, b, ok)).toThrow(/positive/);
	});
});

describe('pairs_trading_model entry', () => {
	const impl = analysis(pairsImpl);

	it('reports the trade on real monthly prices, with its refits, trades and the in-sample test apart', async () => {
		const result = await impl.evaluate(
			monthlyPair('MSFT', 'IBM'),
			{
				lookback: 36,
				refit_every: 1,
				zscore_entry: 1,
				zscore_exit: 0.2,
				cointegration_threshold: 0.1,
				cost_bps: 10
			},
			ctx()
		);
		const ref = fixture.pairs.find((p) => p.name === 'msft_ibm_monthly');
		if (!ref) throw new Error('fixture');
		const num = (key: string) => result.numbers.find((n) => n.key === key)?.value;
		close(num('strategy_total_return') as number, ref.equity[ref.equity.length - 1] - 1, 1e-10);
		expect(num('refits')).toBe(ref.refits.length);
		expect(num('trades')).toBe(ref.trades.length);
		close(
			num('refits_cointegrated') as number,
			ref.refits.filter((r) => r.tradable).length / ref.refits.length
		);
		const full = fixture.coint.find((c) => c.name === 'msft_ibm_monthly' && c.from === 0 && c.to === 123);
		close(num('full_sample_pvalue') as number, full?.pvalue as number);
		expect(result.tables.map((t) => t.title)).toEqual([
			expect.stringMatching(/^Buy and hold/),
			expect.stringMatching(/^Refits/),
			expect.stringMatching(/^Trades/)
		]);
		expect(result.tables[2].rows.length).toBe(ref.trades.length);
		expect(result.charts[1].lines.map((l) => l.name)).toEqual([
			'z',
			'Entry',
			'−Entry',
			'Exit',
			'−Exit',
			'Position'
		]);
		expect(result.notes.join(' ')).toMatch(/in-sample|could not have seen/);
	});

	it('chooses a three-year window and a monthly refit when left empty, and says so', async () => {
		const result = await impl.evaluate(
			monthlyPair('AAPL', 'AMZN'),
			{
				lookback: null,
				refit_every: null,
				zscore_entry: 2,
				zscore_exit: 0.5,
				cointegration_threshold: 0.05,
				cost_bps: 5
			},
			ctx()
		);
		expect(result.numbers.find((n) => n.key === 'lookback_bars')?.value).toBe(36);
		expect(result.notes.join(' ')).toMatch(/chosen automatically: three years of bars.*here 36/);
		expect(result.notes.join(' ')).toMatch(/Refit interval chosen automatically.*here 1\./);
	});

	it('refuses data shorter than the window plus two bars, and exit ≥ entry', async () => {
		const data = monthlyPair('MSFT', 'IBM');
		const short = { datasets: data.datasets.map((d) => ({ ...d, bars: sliceBars(d.bars, 0, 37) })) };
		const p = {
			lookback: 36,
			refit_every: 1,
			zscore_entry: 2,
			zscore_exit: 0.5,
			cointegration_threshold: 0.05,
			cost_bps: 5
		};
		await expect(impl.evaluate(short, p, ctx())).rejects.toThrow(AnalysisInputError);
		await expect(impl.evaluate(short, p, ctx())).rejects.toThrow(/needs at least 38 aligned rows/);
		await expect(impl.evaluate(data, { ...p, zscore_entry: 1, zscore_exit: 1 }, ctx())).rejects.toThrow(
			ParamsError
		);
	});
});

describe('sector rotation (NumPy re-implementation of the stated rule)', () => {
	for (const ref of fixture.rotations) {
		it(`${ref.name}: holdings, swaps, turnover and equity`, () => {
			const c = ROTATION_CASES.find((x) => x.name === ref.name);
			if (!c) throw new Error(ref.name);
			const log = newRotationLog();
			const run = backtest(assetReturns(caseCloses(c.data)), rotationRule(c.holdings, c.threshold, log), {
				lookback: c.lookback,
				rebalanceEvery: c.rebalanceEvery,
				costBps: c.costBps
			});
			expect(log.held).toEqual(ref.held);
			expect(log.swaps).toEqual(ref.swaps);
			run.turnover.forEach((v, i) => close(v, ref.turnover[i], 1e-12));
			expect(run.equity.length).toBe(ref.equity.length);
			run.equity.forEach((v, i) => close(v, ref.equity[i], 1e-10));
		});
	}

	it('trailing return is the compounded window return', () => {
		const w = Float64Array.from([0.1, -0.5, 0.1, 1.0]); // 2 rows × 2 assets
		const r = trailingReturns(w, 2, 2);
		close(r[0], 1.1 * 1.1 - 1, 1e-15);
		close(r[1], 0.5 * 2 - 1, 1e-15);
	});

	it('a threshold above any lead never rotates after the first purchase', () => {
		const log = newRotationLog();
		backtest(assetReturns(caseCloses(ROTATION_CASES[0].data)), rotationRule(1, 1e9, log), {
			lookback: 12,
			rebalanceEvery: 1,
			costBps: 0
		});
		expect(log.swaps.every((s) => s === 0)).toBe(true);
		expect(new Set(log.held.map((h) => h.join()))).toEqual(new Set([log.held[0].join()]));
	});

	it('the entry refuses holdings that are not fewer than the datasets, and chooses a year of bars when empty', async () => {
		const impl = analysis(rotationImpl);
		const symbols = ['MSFT', 'AMZN', 'IBM'] as const;
		const data: AnalysisData = {
			datasets: alignedMonthly([...symbols]).map((bars, i) => ({ name: symbols[i], bars }))
		};
		const p = {
			lookback_period: null,
			rotation_threshold: 0.05,
			holdings: 3,
			rebalance_every: null,
			cost_bps: 5
		};
		await expect(impl.evaluate(data, p, ctx())).rejects.toThrow(/holdings is 3 but there are 3 datasets/);
		const result = await impl.evaluate(data, { ...p, holdings: 1 }, ctx());
		expect(result.numbers.find((n) => n.key === 'lookback_bars')?.value).toBe(12);
		expect(result.notes.join(' ')).toMatch(/one year of bars, here 12/);
		expect(result.numbers.find((n) => n.key === 'rotations')?.value).toBeGreaterThan(0);
	});
});

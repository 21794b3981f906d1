import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../domain/random';
import { assetReturns, backtest, equalWeight, windowAt, type WeightRule } from './backtest';
import { uniformBounds } from './optimisers';
import { maxSharpeRule, meanVarianceRule, newLog, riskParityRule } from './rules';

/** Two assets, six bars: A +10 % on bars 3 and 5, B −10 % on bar 3 and +10 % on bar 5 (worked by hand below). */
const closeA = Float64Array.from([100, 100, 100, 110, 110, 121]);
const closeB = Float64Array.from([100, 100, 100, 90, 90, 99]);
const handReturns = () => assetReturns([closeA, closeB]);

/** Random-walk closes of n assets (daily-like: drift 0.05 %, volatility 1–3 %). */
function randomCloses(rng: Rng, n: number, bars: number): Float64Array[] {
	return Array.from({ length: n }, (_, i) => {
		const c = new Float64Array(bars);
		c[0] = 100;
		for (let t = 1; t < bars; t++) c[t] = c[t - 1] * Math.exp(0.0005 + (0.01 + 0.01 * i) * rng.normal());
		return c;
	});
}

/** A rule with weights that depend on every value of the window (so any leak would show). */
const windowSensitive: WeightRule = (window, rows, n) => {
	const w = new Float64Array(n);
	for (let r = 0; r < rows; r++) for (let i = 0; i < n; i++) w[i] += Math.exp(10 * window[r * n + i]);
	const s = w.reduce((a, v) => a + v, 0);
	return w.map((v) => v / s);
};

describe('backtest', () => {
	it('rebalances equal weights at bars L, L + k, …, lets them drift, and counts turnover as worked by hand', () => {
		// L = 2, k = 2: rebalances at bars 2 and 4 (bar 5 is last). At 2 buy (½, ½) from cash: turnover 1.
		// Bar 3: gross ½·1.1 + ½·0.9 = 1, weights drift to (0.55, 0.45). Bar 4: no move.
		// Rebalance at 4: turnover |0.5 − 0.55| + |0.5 − 0.45| = 0.1. Bar 5: both +10 % → return 0.1.
		const b = backtest(handReturns(), equalWeight, { lookback: 2, rebalanceEvery: 2, costBps: 0 });
		expect(b.start).toBe(2);
		expect(b.rebalanceBars).toEqual([2, 4]);
		expect(b.turnover[0]).toBeCloseTo(1, 15);
		expect(b.turnover[1]).toBeCloseTo(0.1, 15);
		expect(Array.from(b.returns)).toEqual([0, 0, expect.closeTo(0.1, 15)]);
		expect(Array.from(b.equity)).toEqual([1, 1, 1, expect.closeTo(1.1, 15)]);
		expect(Array.from(b.held[0]).map((v) => +v.toFixed(12))).toEqual([0.5, 0.55, 0.5, 0.5]);
		expect(Array.from(b.held[1]).map((v) => +v.toFixed(12))).toEqual([0.5, 0.45, 0.5, 0.5]);
	});

	it('charges turnover × cost_bps of the value in the return of the bar after each trade, as worked by hand', () => {
		// 10 bps: cost 1 × 0.001 at bar 2 and 0.1 × 0.001 at bar 4.
		// R3 = (1 − 0.001)·1 − 1 = −0.001, R4 = 0, R5 = (1 − 0.0001)·1.1 − 1 = 0.09989.
		const b = backtest(handReturns(), equalWeight, { lookback: 2, rebalanceEvery: 2, costBps: 10 });
		expect(b.costs[0]).toBeCloseTo(0.001, 15);
		expect(b.costs[1]).toBeCloseTo(0.0001, 15);
		expect(b.returns[0]).toBeCloseTo(-0.001, 15);
		expect(b.returns[1]).toBeCloseTo(0, 15);
		expect(b.returns[2]).toBeCloseTo(0.09989, 15);
		expect(b.equity[3]).toBeCloseTo(0.999 * 1.1 * 0.9999, 14);
	});

	it('costs reduce each return by exactly the factor (1 − turnover × bps) of the trade before it (seeded)', () => {
		const seed = 11;
		const returns = assetReturns(randomCloses(createRng(seed), 3, 200));
		const options = { lookback: 30, rebalanceEvery: 7, costBps: 0 };
		const free = backtest(returns, windowSensitive, options);
		const paid = backtest(returns, windowSensitive, { ...options, costBps: 25 });
		// Turnover is a property of the weights, not of the portfolio's value, so costs do not change it.
		expect(paid.turnover).toEqual(free.turnover);
		for (let j = 0; j < free.returns.length; j++) {
			const bar = free.start + 1 + j;
			const k = free.rebalanceBars.indexOf(bar - 1);
			const factor = k < 0 ? 1 : 1 - (free.turnover[k] * 25) / 10_000;
			expect(1 + paid.returns[j], `seed ${seed}, bar ${bar}`).toBeCloseTo(factor * (1 + free.returns[j]), 14);
		}
		const all = free.turnover.reduce((a, v) => a * (1 - (v * 25) / 10_000), 1);
		expect(paid.equity.at(-1)! / free.equity.at(-1)!).toBeCloseTo(all, 13);
	});

	it('holds nothing before the first full window and hands the rule exactly the L returns ending at the rebalance', () => {
		const returns = handReturns();
		const seen: number[][] = [];
		backtest(
			returns,
			(window, rows, n) => {
				seen.push(Array.from(window));
				expect([rows, n]).toEqual([2, 2]);
				return equalWeight(window, rows, n);
			},
			{ lookback: 2, rebalanceEvery: 2, costBps: 0 }
		);
		// Bar 2's window: r1, r2 (both 0); bar 4's: r3 = (0.1, −0.1), r4 = (0, 0).
		expect(seen[0]).toEqual([0, 0, 0, 0]);
		expect(seen[1].map((v) => +v.toFixed(12))).toEqual([0.1, -0.1, 0, 0]);
		expect(Array.from(windowAt(returns, 4, 2)).map((v) => +v.toFixed(12))).toEqual([0.1, -0.1, 0, 0]);
	});

	it('refuses fewer than lookback + 2 bars and bad options, naming them', () => {
		const r = handReturns();
		expect(() => backtest(r, equalWeight, { lookback: 5, rebalanceEvery: 1, costBps: 0 })).toThrow(
			/lookback 5 needs 7 bars, got 6/
		);
		expect(() => backtest(r, equalWeight, { lookback: 2, rebalanceEvery: 0, costBps: 0 })).toThrow(
			/rebalanceEvery/
		);
		expect(() => backtest(r, equalWeight, { lookback: 2, rebalanceEvery: 1, costBps: -1 })).toThrow(
			/costBps/
		);
	});

	const CAUSALITY_SEED = 20261205;
	const CUTS = 12;
	it(`never changes a weight at or before t when prices after t change (seed ${CAUSALITY_SEED}, ${CUTS} cuts, every optimiser)`, () => {
		const rng = createRng(CAUSALITY_SEED);
		const n = 3;
		const bars = 160;
		const closes = randomCloses(rng, n, bars);
		const bounds = uniformBounds(n, 0.05, 0.8);
		const rules: Record<string, () => WeightRule> = {
			'mean–variance': () => meanVarianceRule(2, bounds, newLog()),
			'max Sharpe': () => maxSharpeRule(0.0001, bounds, newLog()),
			'risk parity': () => riskParityRule(newLog()),
			'window-sensitive': () => windowSensitive
		};
		const options = { lookback: 40, rebalanceEvery: 5, costBps: 10 };
		for (const [name, rule] of Object.entries(rules)) {
			const base = backtest(assetReturns(closes), rule(), options);
			for (let c = 0; c < CUTS; c++) {
				const cut = options.lookback + rng.int(bars - options.lookback - 2);
				const changed = closes.map((col) => {
					const out = col.slice();
					for (let t = cut + 1; t < bars; t++) out[t] = col[t] * Math.exp(0.2 * rng.normal());
					return out;
				});
				const other = backtest(assetReturns(changed), rule(), options);
				base.rebalanceBars.forEach((bar, k) => {
					if (bar > cut) return;
					expect(
						Array.from(other.targets[k]),
						`${name}, seed ${CAUSALITY_SEED}, cut ${cut}, rebalance at ${bar}`
					).toEqual(Array.from(base.targets[k]));
				});
				for (let t = base.start; t <= cut; t++)
					for (let i = 0; i < n; i++)
						expect(other.held[i][t - base.start], `${name}, cut ${cut}, bar ${t}`).toBe(
							base.held[i][t - base.start]
						);
				// And the change did reach the rest of the run (the test would be empty otherwise).
				expect(other.equity.at(-1)).not.toBe(base.equity.at(-1));
			}
		}
	});
});

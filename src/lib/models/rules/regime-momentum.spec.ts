import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { EWMA_LAMBDA, regimeMomentumPositions, TREND_Z, VOL_LONG_WINDOW } from './regime-momentum';
import { checkCausal, list } from './rules.testing';

/** Seed of the causality property test; printed in its name so a failure can be replayed. */
const CAUSALITY_SEED = 20261210;
const CUT_POINTS = 40;

const ctxFor = (trainStart: number, trainEnd: number) => ({ trainStart, trainEnd, rng: createRng(11) });
/** Closes 100 · exp(cumulative sum of the given daily log returns). */
function fromReturns(r: number[]): Float64Array {
	let log = Math.log(100);
	return Float64Array.from([100, ...r.map((x) => Math.exp((log += x)))]);
}

describe('regimeMomentumPositions, rolling_zscore', () => {
	it('holds full size while the move spans a noise unit and fades out at the adaptation speed when it does not', () => {
		expect(TREND_Z).toBe(1);
		// L = 3, α = 0.5; returns b = 0.01 four times, then a = 0.02 alternating in sign.
		// t3, t4: three equal returns, no noise → trending → g = 1 → s = 1, move up → +1.
		// t5: returns b, b, a: σ = 0.005774, move 0.04 → z = 0.04 / (0.005774 · √3) = 4 → +1.
		// t6: b, a, −a: σ = 0.020817, move 0.01 → z = 0.277 → ranging, g = 0 → s = 1 + 0.5 · (0 − 1) = 0.5, up → 0.5.
		// t7: a, −a, a: σ = 0.023094, move 0.02 → z = 0.5 → s = 0.25, up → 0.25. t8: move −0.02 → s = 0.125 → −0.125.
		const close = fromReturns([0.01, 0.01, 0.01, 0.01, 0.02, -0.02, 0.02, -0.02]);
		const pos = regimeMomentumPositions(close, 3, 'rolling_zscore', 0.5, ctxFor(0, 9));
		expect(list(pos)).toEqual([NaN, NaN, NaN, 1, 1, 1, 0.5, 0.25, -0.125]);
	});
});

describe('regimeMomentumPositions, volatility_clustering', () => {
	// 101 returns of ±0.01 (alternating, starting up), then a shock of +0.05.
	const r = [...Array.from({ length: VOL_LONG_WINDOW + 1 }, (_, i) => (i % 2 === 0 ? 0.01 : -0.01)), 0.05];
	const close = fromReturns(r);

	it('is at full size at normal volatility and cut by √(σ²_long / σ²_fast) after a shock', () => {
		expect(EWMA_LAMBDA).toBe(0.94);
		// t101: EWMA and the 100-day mean of squares are both 1e-4 → g = 1; close[101] vs close[96] is up one step.
		// t102: σ²_fast = 0.94 · 1e-4 + 0.06 · 0.05² = 2.44e-4, σ²_long = 1e-4 → g = √(1 / 2.44) = 0.640184.
		const jump = regimeMomentumPositions(close, 5, 'volatility_clustering', 1, ctxFor(0, 103));
		expect(jump[VOL_LONG_WINDOW]).toBeNaN();
		expect(jump[101]).toBeCloseTo(1, 10);
		expect(jump[102]).toBeCloseTo(Math.sqrt(1e-4 / 2.44e-4), 10);
		// α = 0.1: s = 1 + 0.1 · (0.640184 − 1) = 0.964018.
		const slow = regimeMomentumPositions(close, 5, 'volatility_clustering', 0.1, ctxFor(0, 103));
		expect(slow[102]).toBeCloseTo(1 + 0.1 * (Math.sqrt(1e-4 / 2.44e-4) - 1), 10);
	});

	it('is flat on flat prices (no move to follow), by either rule method', () => {
		const flat = new Float64Array(120).fill(50);
		for (const m of ['volatility_clustering', 'rolling_zscore'] as const) {
			const pos = list(regimeMomentumPositions(flat, 5, m, 0.1, ctxFor(0, 120)));
			expect(pos.slice(VOL_LONG_WINDOW + 1)).toEqual(Array(120 - VOL_LONG_WINDOW - 1).fill(0));
		}
	});
});

describe('regimeMomentumPositions, hidden_markov', () => {
	it('sizes up in the calm regime and down in the turbulent one it learnt on the training window', () => {
		// 600 calm days (σ 0.5 %, drift up) then 600 turbulent ones (σ 3 %, drift up), seeded.
		const rng = createRng(5);
		const r = Array.from({ length: 1200 }, (_, i) => 0.002 + (i < 600 ? 0.005 : 0.03) * rng.normal());
		const close = fromReturns(r);
		const pos = regimeMomentumPositions(close, 20, 'hidden_markov', 1, ctxFor(0, 1201));
		const meanAbs = (from: number, to: number) =>
			list(pos.slice(from, to)).reduce((s, v) => s + Math.abs(v), 0) / (to - from);
		expect(meanAbs(100, 600)).toBeGreaterThan(0.9);
		expect(meanAbs(700, 1201)).toBeLessThan(0.1);
	});

	it('refuses constant training returns', () => {
		const flat = new Float64Array(200).fill(50);
		expect(() => regimeMomentumPositions(flat, 5, 'hidden_markov', 0.1, ctxFor(0, 200))).toThrow(/constant/);
	});
});

describe('regimeMomentumPositions on real S&P 500 closes', () => {
	it('refuses an adaptation speed outside (0, 1] and a lookback below 2, naming them', () => {
		const close = sp500Bars().close;
		expect(() => regimeMomentumPositions(close, 20, 'rolling_zscore', 0, ctxFor(0, 500))).toThrow(
			/adaptation_speed must lie in \(0, 1\]/
		);
		expect(() => regimeMomentumPositions(close, 1, 'rolling_zscore', 0.1, ctxFor(0, 500))).toThrow(
			/momentum_lookback/
		);
	});

	it('takes both sides, with sizes strictly between 0 and 1 somewhere, by every method', () => {
		for (const m of ['volatility_clustering', 'rolling_zscore', 'hidden_markov'] as const) {
			const pos = list(regimeMomentumPositions(sp500Bars().close, 20, m, 0.1, ctxFor(0, 1500)));
			expect(
				pos.some((v) => v > 0 && v < 1),
				m
			).toBe(true);
			expect(
				pos.some((v) => v < 0 && v > -1),
				m
			).toBe(true);
			for (const v of pos) if (!Number.isNaN(v)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
		}
	});

	it(`never changes a position at t when bars after t change (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points; hidden_markov: cuts after its training window)`, () => {
		const bars = sp500Bars();
		const ruleMoved = checkCausal(
			bars,
			(b) => [
				regimeMomentumPositions(b.close, 20, 'volatility_clustering', 0.1, ctxFor(0, 500)),
				regimeMomentumPositions(b.close, 20, 'rolling_zscore', 0.1, ctxFor(0, 500))
			],
			CAUSALITY_SEED,
			CUT_POINTS
		);
		expect(ruleMoved).toBeGreaterThan(CUT_POINTS / 2);
		const trainEnd = 1000;
		const hmmMoved = checkCausal(
			bars,
			(b) => [regimeMomentumPositions(b.close, 20, 'hidden_markov', 0.1, ctxFor(0, trainEnd))],
			CAUSALITY_SEED,
			CUT_POINTS / 4,
			trainEnd
		);
		expect(hmmMoved).toBeGreaterThan(0);
	});
});

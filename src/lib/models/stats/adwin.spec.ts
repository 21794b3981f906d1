import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { adwinEpsilon, runAdwin } from './adwin';

/**
 * No reference library is installed (river is not), so: the bound of Bifet & Gavaldà (2007) §3 computed by hand,
 * and hand-built streams whose change is known.
 */
describe('ADWIN', () => {
	it('computes ε_cut as the paper’s variance bound with δ′ = δ / ln n (hand-checked)', () => {
		// n₀ = 100, n₁ = 50: m = 1 / (1/100 + 1/50) = 33.3333; ln(2 ln 150 / 0.002) = 8.5193180;
		// ε = √(2/m · 0.25 · 8.5193180) + 2/(3m) · 8.5193180 = 0.3574769 + 0.1703864 = 0.5278633.
		expect(adwinEpsilon(100, 50, 0.25, 0.002)).toBeCloseTo(0.5278633099, 9);
		// Symmetric in the two sizes, shrinking as both grow, growing as δ shrinks.
		expect(adwinEpsilon(50, 100, 0.25, 0.002)).toBe(adwinEpsilon(100, 50, 0.25, 0.002));
		expect(adwinEpsilon(1000, 500, 0.25, 0.002)).toBeLessThan(adwinEpsilon(100, 50, 0.25, 0.002));
		expect(adwinEpsilon(100, 50, 0.25, 0.001)).toBeGreaterThan(adwinEpsilon(100, 50, 0.25, 0.01));
	});

	it('never signals on a constant stream', () => {
		const run = runAdwin(new Float64Array(3000).fill(0.42), 0.01, 10);
		expect(run.changes).toEqual([]);
		expect(run.windowLength[2999]).toBe(3000);
	});

	it('raises no false alarm on stationary Gaussian streams at δ = 0.002 (seeds 1–10, 2,000 values each)', () => {
		for (let seed = 1; seed <= 10; seed++) {
			const rng = createRng(seed);
			const x = Float64Array.from({ length: 2000 }, () => 1 + 0.5 * rng.normal());
			expect(runAdwin(x, 0.002, 10).changes, `seed ${seed}`).toEqual([]);
		}
	});

	it('detects a mean shift of 1 σ within 100 values and places it near the true change (seeds 1–10)', () => {
		for (let seed = 1; seed <= 10; seed++) {
			const rng = createRng(seed);
			const x = Float64Array.from({ length: 2000 }, (_, t) => (t < 1000 ? 0 : 0.5) + 0.5 * rng.normal());
			const { changes, windowMean } = runAdwin(x, 0.002, 10);
			expect(changes.length, `seed ${seed}`).toBeGreaterThanOrEqual(1);
			expect(changes.length, `seed ${seed}: one change`).toBe(1);
			const first = changes[0];
			expect(first.detectedAt, `seed ${seed}`).toBeGreaterThanOrEqual(1000);
			expect(first.detectedAt - 1000, `seed ${seed}`).toBeLessThan(100);
			// The kept window starts near the true change.
			expect(Math.abs(first.windowStart - 1000), `seed ${seed}`).toBeLessThan(100);
			expect(first.meanAfter).toBeGreaterThan(first.meanBefore);
			expect(windowMean[1999]).toBeCloseTo(0.5, 1);
		}
	});

	it('detects a jump on a noiseless stream when the hand-computed bound says, drops exactly the old level, and waits for the grace period', () => {
		const x = Float64Array.from({ length: 200 }, (_, t) => (t < 100 ? 0 : 1));
		const { changes } = runAdwin(x, 0.002, 10);
		expect(changes.length).toBe(1);
		// By hand: after k ones, the split at 100 has m = 1/(1/100 + 1/k), σ̂² = k·100/(100 + k)², and
		// ε(k = 10) = 0.392 + 0.620 = 1.01 > 1 while ε(k = 11) = 0.390 + 0.569 = 0.96 < 1: it fires on value 110.
		expect(changes[0].detectedAt).toBe(110);
		expect(changes[0].windowStart).toBe(100);
		expect(changes[0].meanBefore).toBe(0);
		expect(changes[0].meanAfter).toBe(1);
		// The same jump after 30 zeros fires on value 51 with a grace period of 10, and waits for value 59 with one of 60.
		const shortJump = Float64Array.from({ length: 100 }, (_, t) => (t < 30 ? 0 : 1));
		const early = runAdwin(shortJump, 0.002, 10).changes[0]?.detectedAt ?? -1;
		expect(early).toBeGreaterThanOrEqual(30);
		expect(early).toBeLessThan(59);
		expect(runAdwin(shortJump, 0.002, 60).changes[0]?.detectedAt ?? -1).toBe(59);
	});
});

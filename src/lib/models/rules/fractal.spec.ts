import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import {
	calibrationOffset,
	FRACTAL_WINDOW,
	fractalPositions,
	RANDOM_WALK_DIMENSION,
	sevcikDimension
} from './fractal';
import fixture from './rules.fixture.json';
import { checkCausal, fromJson, list } from './rules.testing';

/** Seed of the causality property test; printed in its name so a failure can be replayed. */
const CAUSALITY_SEED = 20261211;
const CUT_POINTS = 40;
const f = (v: number[]): Float64Array => Float64Array.from(v);

describe('sevcikDimension', () => {
	it('follows Sevcik’s formula, by hand', () => {
		// [0, 1, 0]: unit square, steps (0.5, ±1): L = 2 · √1.25 = 2.236068, D = 1 + ln L / ln 4 = 1.580482.
		expect(sevcikDimension(f([0, 1, 0]), 0, 3)).toBeCloseTo(
			1 + Math.log(2 * Math.sqrt(1.25)) / Math.log(4),
			14
		);
		expect(sevcikDimension(f([0, 1, 0]), 0, 3)).toBeCloseTo(1.580482, 6);
		// A straight line of N points: L = √2 → D = 1 + ln √2 / ln(2 (N − 1)); N = 50 → 1.075588.
		const line = Float64Array.from({ length: 50 }, (_, i) => 3 + 2 * i);
		expect(sevcikDimension(line, 0, 50)).toBeCloseTo(1 + Math.log(Math.SQRT2) / Math.log(98), 14);
		expect(sevcikDimension(f([5, 5, 5]), 0, 3)).toBeNaN();
	});

	it(`equals an independent NumPy implementation over rolling ${FRACTAL_WINDOW}-close windows of real S&P 500 bars (within 1e-12)`, () => {
		const close = sp500Bars().close.slice(0, fixture.rows);
		fromJson(fixture.sevcik_close_50).forEach((v, t) => {
			if (Number.isNaN(v)) expect(t).toBeLessThan(FRACTAL_WINDOW - 1);
			else expect(Math.abs(sevcikDimension(close, t - FRACTAL_WINDOW + 1, t + 1) - v)).toBeLessThan(1e-12);
		});
	});
});

describe('calibrationOffset', () => {
	it('moves the mean random-walk score to 1.5, the same for any seed within Monte Carlo error', () => {
		const a = calibrationOffset(FRACTAL_WINDOW, 10_000, createRng(1));
		const b = calibrationOffset(FRACTAL_WINDOW, 10_000, createRng(2));
		// The per-walk scores spread by about 0.03, so the mean of 10,000 is good to about 3e-4; allow 3e-3.
		expect(Math.abs(a - b)).toBeLessThan(3e-3);
		// Fresh walks (another seed) scored with the offset average 1.5.
		const rng = createRng(3);
		const walk = new Float64Array(FRACTAL_WINDOW);
		let sum = 0;
		for (let k = 0; k < 5000; k++) {
			for (let i = 1; i < FRACTAL_WINDOW; i++) walk[i] = walk[i - 1] + rng.normal();
			sum += sevcikDimension(walk, 0, FRACTAL_WINDOW) + a;
		}
		expect(Math.abs(sum / 5000 - RANDOM_WALK_DIMENSION)).toBeLessThan(3e-3);
	});
});

describe('fractalPositions', () => {
	it('follows a smooth window and fades a rough one, by hand (window 3)', () => {
		// [10, 12, 11.5]: y 0, 1, 0.75: L = √1.25 + √0.3125 = 1.677051, D = 1 + ln L / ln 4 = 1.372942 < 1.5 → follow the
		// window's rise → +1.  [10, 12, 10.5]: L = √1.25 + √0.8125 = 2.019422, D = 1.507001 > 1.5 → fade the rise → −1.
		expect(fractalPositions(f([10, 12, 11.5]), 1.5, 0, 3)[2]).toBe(1);
		expect(fractalPositions(f([10, 12, 10.5]), 1.5, 0, 3)[2]).toBe(-1);
		// With a calibration offset of −0.1 the rough window scores 1.407 < 1.5 → follow → +1.
		expect(fractalPositions(f([10, 12, 10.5]), 1.5, -0.1, 3)[2]).toBe(1);
		expect(list(fractalPositions(f([10, 12, 10.5]), 1.5, 0, 3)).slice(0, 2)).toEqual([NaN, NaN]);
	});

	it('is flat on flat prices and on a window that ends where it began', () => {
		expect(list(fractalPositions(f([5, 5, 5, 5]), 1.5, 0, 3))).toEqual([NaN, NaN, 0, 0]);
		expect(fractalPositions(f([10, 12, 10]), 1.5, 0, 3)[2]).toBe(0);
	});

	it('refuses a dimension outside [1, 2], naming it', () => {
		expect(() => fractalPositions(f([1, 2, 3]), 2.5, 0, 3)).toThrow(/dimension must lie in \[1, 2\]/);
		expect(() => calibrationOffset(FRACTAL_WINDOW, 0, createRng(1))).toThrow(/iterations/);
	});

	it('takes both sides on real S&P 500 closes at its defaults', () => {
		const offset = calibrationOffset(FRACTAL_WINDOW, 1000, createRng(7));
		const pos = fractalPositions(sp500Bars().close, 1.5, offset);
		expect(pos).toContain(1);
		expect(pos).toContain(-1);
	});

	it(`never changes a position at t when bars after t change (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		const offset = calibrationOffset(FRACTAL_WINDOW, 1000, createRng(7));
		const moved = checkCausal(
			sp500Bars(),
			(b) => [fractalPositions(b.close, 1.5, offset)],
			CAUSALITY_SEED,
			CUT_POINTS
		);
		expect(moved).toBeGreaterThan(CUT_POINTS / 2);
	});
});

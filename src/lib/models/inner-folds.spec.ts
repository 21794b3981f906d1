import { describe, expect, it } from 'vitest';
import { createRng } from '../domain/random';
import type { Fold } from '../domain/splits';
import { tinySpec } from '../testing/fixtures';
import { innerFoldCount, innerFolds, nestedPlan } from './inner-folds';

/** Seeded property test: the seed is printed on failure through the assertion message. */
const PROPERTY_SEED = 20261205;
const CASES = 200;

describe('innerFolds', () => {
	it('lays out rolling inner folds ending at the outer training end (worked example)', () => {
		// Outer training rows [100, 400): 300 rows; window 200, embargo 5, step 30 → ⌊(300 − 205) / 30⌋ = 3 folds.
		const outer: Fold = { index: 4, trainStart: 100, trainEnd: 400, testStart: 405, testEnd: 505 };
		expect(innerFolds(outer, { windowSize: 200, stepSize: 30 }, 5)).toEqual([
			{ index: 0, trainStart: 105, trainEnd: 305, testStart: 310, testEnd: 340 },
			{ index: 1, trainStart: 135, trainEnd: 335, testStart: 340, testEnd: 370 },
			{ index: 2, trainStart: 165, trainEnd: 365, testStart: 370, testEnd: 400 }
		]);
	});

	it('never places an inner row, or anything an inner row reads, in the outer test window (property)', () => {
		const rng = createRng(PROPERTY_SEED);
		for (let c = 0; c < CASES; c++) {
			const horizon = 1 + rng.int(20);
			const embargo = horizon + rng.int(10);
			const windowSize = 100 + rng.int(901);
			const stepSize = 1 + rng.int(100);
			const trainStart = 49 + rng.int(500);
			const trainRows = windowSize + embargo + stepSize + rng.int(3000);
			const outer: Fold = {
				index: c,
				trainStart,
				trainEnd: trainStart + trainRows,
				testStart: trainStart + trainRows + embargo,
				testEnd: trainStart + trainRows + embargo + 1 + rng.int(300)
			};
			const label = `seed ${PROPERTY_SEED}, case ${c}`;
			const inner = innerFolds(outer, { windowSize, stepSize }, embargo);
			expect(inner.length, label).toBe(innerFoldCount(trainRows, { windowSize, stepSize }, embargo));
			expect(inner.length, label).toBeGreaterThan(0);
			expect(inner.at(-1)!.testEnd, label).toBe(outer.trainEnd);
			inner.forEach((f, k) => {
				expect(f.trainStart, label).toBeGreaterThanOrEqual(outer.trainStart);
				expect(f.trainEnd - f.trainStart, label).toBe(windowSize);
				expect(f.testStart - f.trainEnd, label).toBe(embargo);
				expect(f.testEnd - f.testStart, label).toBe(stepSize);
				expect(f.testEnd, label).toBeLessThanOrEqual(outer.trainEnd);
				if (k > 0) expect(f.testStart, label).toBe(inner[k - 1].testEnd);
				// The last inner row's target ends h rows later, its next-day return one row later: both before
				// the outer test window.
				const lastRead = f.testEnd - 1 + Math.max(horizon, 1);
				expect(lastRead, label).toBeLessThan(outer.testStart);
				// An inner training row's target also ends before its own inner test window (inner embargo ≥ h).
				expect(f.trainEnd - 1 + horizon, label).toBeLessThan(f.testStart);
			});
		}
	});

	it('refuses a training window too short for one inner fold, naming model.tuneWindow', () => {
		const outer: Fold = { index: 2, trainStart: 0, trainEnd: 226, testStart: 231, testEnd: 300 };
		expect(() => innerFolds(outer, { windowSize: 200, stepSize: 22 }, 5)).toThrow(
			/model\.tuneWindow needs 200 \+ 5 \+ 22 training rows for one inner fold; fold 2 has 226/
		);
		expect(innerFolds({ ...outer, trainEnd: 227 }, { windowSize: 200, stepSize: 22 }, 5)).toHaveLength(1);
		expect(() => innerFolds(outer, { windowSize: 0, stepSize: 22 }, 5)).toThrow(/windowSize/);
		expect(() => innerFolds(outer, { windowSize: 100, stepSize: 1.5 }, 5)).toThrow(/stepSize/);
	});
});

describe('nestedPlan', () => {
	it('counts the inner folds of a fold and carries the grid; null without model.tuneWindow', () => {
		const spec = tinySpec({
			model: {
				id: 'ridge',
				params: { alpha: 1, fit_intercept: true },
				tune: { alpha: [0.1, 1, 10] },
				tuneWindow: { windowSize: 252, stepSize: 22 }
			},
			validation: { mode: 'rolling', trainLength: 1260, testLength: 252, step: 252, embargo: 5 }
		});
		// ⌊(1260 − 252 − 5) / 22⌋ = 45 inner folds.
		expect(nestedPlan(spec, 1260)).toEqual({
			params: { alpha: 1, fit_intercept: true },
			tune: { alpha: [0.1, 1, 10] },
			innerFolds: 45,
			windowSize: 252
		});
		expect(nestedPlan(tinySpec(), 1260)).toBeNull();
	});
});

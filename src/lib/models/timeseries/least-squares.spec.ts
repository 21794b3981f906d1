import { describe, expect, it } from 'vitest';
import { leastSquares } from './least-squares';

describe('least squares by Householder QR', () => {
	it('fits a line through points that lie on it exactly', () => {
		// y = 2 − 3x at x = 0, 1, 2, 3.
		const X = Float64Array.from([1, 0, 1, 1, 1, 2, 1, 3]);
		const beta = leastSquares(X, Float64Array.from([2, -1, -4, -7]), 4, 2)!;
		expect(beta[0]).toBeCloseTo(2, 14);
		expect(beta[1]).toBeCloseTo(-3, 14);
	});

	it('gives the mean for a column of ones, and the normal-equations solution otherwise', () => {
		expect(leastSquares(Float64Array.from([1, 1, 1]), Float64Array.from([1, 2, 6]), 3, 1)![0]).toBeCloseTo(
			3,
			14
		);
		// x = 1, 2, 3; y = 1, 3, 2: slope through the origin Σxy / Σx² = 13 / 14.
		expect(leastSquares(Float64Array.from([1, 2, 3]), Float64Array.from([1, 3, 2]), 3, 1)![0]).toBeCloseTo(
			13 / 14,
			14
		);
	});

	it('returns null for too few rows or a rank-deficient design', () => {
		expect(leastSquares(Float64Array.from([1, 2]), Float64Array.from([1]), 1, 2)).toBeNull();
		expect(
			leastSquares(Float64Array.from([1, 2, 2, 4, 3, 6]), Float64Array.from([1, 2, 3]), 3, 2)
		).toBeNull();
		expect(leastSquares(new Float64Array(3), Float64Array.from([1, 2, 3]), 3, 1)).toBeNull();
	});
});

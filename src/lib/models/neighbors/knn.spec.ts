import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../domain/matrix';
import { forwardLogReturn } from '../../domain/targets';
import { directionMatrix, FIXTURE_ROWS, sliceRows } from '../../testing/direction-matrix';
import { sp500Bars } from '../../testing/sp500';
import { fitKnn, KNN_ALGORITHMS, KNN_SEARCH, type KnnParams } from './knn';
import fixture from './knn.fixture.json';

const params = (n_neighbors: number, weights: KnnParams['weights'] = 'uniform'): KnnParams => ({
	n_neighbors,
	weights,
	algorithm: 'auto'
});

/**
 * One feature x = [0, 1, 3, 6, 10] (mean 4, population std √13.2) with y = [10, 20, 30, 40, 50]. Standardising
 * divides every distance by the same std, so neighbour order is that of raw |x − query|, and inverse-distance
 * weights are unchanged up to that common factor.
 */
const lineX = matrix(Float64Array.from([0, 1, 3, 6, 10]), 5, 1);
const lineY = Float64Array.from([10, 20, 30, 40, 50]);
const queries = (...xs: number[]): Matrix => matrix(Float64Array.from(xs), xs.length, 1);

/** The fixture's rows with the regression target (5-day forward log return) in place of the direction label. */
function fixtureData(): { Xtr: Matrix; ytr: Float64Array; Xte: Matrix } {
	const m = directionMatrix();
	const r = forwardLogReturn(sp500Bars().close, 5);
	const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
	const test = sliceRows(m, FIXTURE_ROWS.testStart, fixture.source.test_rows_kept);
	const ytr = Float64Array.from(m.barIndex.subarray(0, train.X.rows), (t) => r[t]);
	return { Xtr: train.X, ytr, Xte: test.X };
}

describe('fitKnn on hand-computable data', () => {
	it('averages the k nearest targets with uniform weights', () => {
		const m = fitKnn(lineX, lineY, params(2));
		// 2.4: nearest 3 (0.6) and 1 (1.4) → (30 + 20) / 2. 7: nearest 6 (1) and 10 (3) → 45. 12: 10 and 6 → 45.
		expect(Array.from(m.predict(queries(2.4, 7, 12)))).toEqual([25, 45, 45]);
		expect(m.predict(queries(-5))[0]).toBe(15);
	});

	it('weights each neighbour by the inverse of its distance with weights "distance"', () => {
		const m = fitKnn(lineX, lineY, params(2, 'distance'));
		// 2.5: distances 0.5 (x=3, y=30) and 1.5 (x=1, y=20): (30/0.5 + 20/1.5) / (1/0.5 + 1/1.5) = 27.5.
		expect(m.predict(queries(2.5))[0]).toBeCloseTo(27.5, 12);
		// 7: distances 1 (40) and 3 (50): (40 + 50/3) / (1 + 1/3) = 42.5.
		expect(m.predict(queries(7))[0]).toBeCloseTo(42.5, 12);
		const three = fitKnn(lineX, lineY, params(3, 'distance'));
		// 2: distances 1 (x=1), 1 (x=3), 2 (x=0): (20 + 30 + 10/2) / (1 + 1 + 1/2) = 22.
		expect(three.predict(queries(2))[0]).toBeCloseTo(22, 12);
	});

	it('returns the target of a training row the query matches exactly, with weights "distance"', () => {
		const m = fitKnn(lineX, lineY, params(3, 'distance'));
		expect(Array.from(m.predict(queries(6, 0, 10)))).toEqual([40, 10, 50]);
		// Two identical training rows at distance 0: the mean of their targets, as scikit-learn gives.
		const dupX = matrix(Float64Array.from([1, 1, 5, 9]), 4, 1);
		const dup = fitKnn(dupX, Float64Array.from([2, 4, 100, 200]), params(3, 'distance'));
		expect(dup.predict(queries(1))[0]).toBe(3);
	});

	it('measures distance on standardised features, so the units of a column do not matter', () => {
		// Column 3 in units 1,000× larger: raw Euclidean distance would follow it alone; standardised, nothing moves.
		const { Xtr, ytr, Xte } = fixtureData();
		const rescale = (X: Matrix): Matrix => {
			const data = X.data.slice();
			for (let i = 0; i < X.rows; i++) data[i * X.cols + 3] *= 1000;
			return matrix(data, X.rows, X.cols);
		};
		const a = fitKnn(Xtr, ytr, params(5, 'distance'));
		const b = fitKnn(rescale(Xtr), ytr, params(5, 'distance'));
		expect(Array.from(b.neighbours(rescale(Xte)).index)).toEqual(Array.from(a.neighbours(Xte).index));
		const pa = a.predict(Xte);
		const pb = b.predict(rescale(Xte));
		for (let i = 0; i < pa.length; i++) expect(pb[i]).toBeCloseTo(pa[i], 12);
	});

	it('ignores a constant training column, whatever value a query has in it', () => {
		const X = matrix(Float64Array.from([0, 7, 1, 7, 3, 7, 6, 7, 10, 7]), 5, 2);
		const a = fitKnn(X, lineY, params(2, 'distance'));
		const b = fitKnn(lineX, lineY, params(2, 'distance'));
		expect(a.info.distance_columns).toBe(1);
		const q = matrix(Float64Array.from([2.5, 1e6, 7, -3]), 2, 2);
		expect(Array.from(a.predict(q))).toEqual(Array.from(b.predict(queries(2.5, 7))));
	});

	it('keeps the earlier training row when two are equally far at the k-th place', () => {
		const m = fitKnn(lineX, lineY, params(1));
		// 2 is 1 away from both x=1 (row 1) and x=3 (row 2).
		expect(m.predict(queries(2))[0]).toBe(20);
		expect(Array.from(m.neighbours(queries(2)).index)).toEqual([1]);
	});

	it('lists neighbours nearest first, with their Euclidean distances on the standardised scale', () => {
		const m = fitKnn(lineX, lineY, params(5));
		const { index, distance } = m.neighbours(queries(2.4));
		expect(Array.from(index)).toEqual([2, 1, 0, 3, 4]);
		const sd = Math.sqrt(13.2);
		[0.6, 1.4, 2.4, 3.6, 7.6].forEach((d, t) => expect(distance[t]).toBeCloseTo(d / sd, 12));
	});

	it('accepts every algorithm, finds the same neighbours with each and records the search that ran', () => {
		const { Xtr, ytr, Xte } = fixtureData();
		const reference = fitKnn(Xtr, ytr, params(5)).predict(Xte);
		for (const algorithm of KNN_ALGORITHMS) {
			const m = fitKnn(Xtr, ytr, { n_neighbors: 5, weights: 'uniform', algorithm });
			expect(m.info.algorithm_requested).toBe(algorithm);
			expect(m.info.search).toBe(algorithm === 'brute' ? KNN_SEARCH.brute : KNN_SEARCH.kd_tree);
			expect(Array.from(m.predict(Xte))).toEqual(Array.from(reference));
		}
	});

	it('uses every training row when n_neighbors equals the row count', () => {
		const m = fitKnn(lineX, lineY, params(5));
		expect(m.predict(queries(-100, 3, 100))).toEqual(Float64Array.from([30, 30, 30]));
	});

	it('refuses bad input with a RangeError that names the field', () => {
		expect(() => fitKnn(lineX, lineY, params(6))).toThrow(
			new RangeError('n_neighbors (6) cannot exceed the number of training rows (5)')
		);
		expect(() => fitKnn(lineX, lineY, params(0))).toThrow(/n_neighbors must be an integer ≥ 1, got 0/);
		expect(() => fitKnn(lineX, lineY, params(1.5))).toThrow(RangeError);
		expect(() => fitKnn(lineX, lineY, params(2, 'cubic' as never))).toThrow(/weights must be one of/);
		expect(() =>
			fitKnn(lineX, lineY, { n_neighbors: 2, weights: 'uniform', algorithm: 'lsh' as never })
		).toThrow(/algorithm must be one of/);
		expect(() => fitKnn(lineX, lineY.subarray(0, 4), params(2))).toThrow(/X has 5 rows but y has 4/);
		expect(() => fitKnn(queries(1, Number.NaN), Float64Array.from([1, 2]), params(1))).toThrow(
			/X has a non-finite value at row 1, column 0/
		);
		expect(() => fitKnn(queries(1, 2), Float64Array.from([1, Number.NaN]), params(1))).toThrow(
			/y has a non-finite value at row 1/
		);
		const m = fitKnn(lineX, lineY, params(2));
		expect(() => m.predict(matrix(Float64Array.from([1, 2]), 1, 2))).toThrow(
			/model was fitted on 1 columns, got 2/
		);
	});

	it('throws a fit_cancelled error when cancelled, in the fit or between query rows of predict', () => {
		expect(() => fitKnn(lineX, lineY, params(2), { isCancelled: () => true })).toThrow(
			expect.objectContaining({ code: 'fit_cancelled' })
		);
		let cancelled = false;
		const m = fitKnn(lineX, lineY, params(2), { isCancelled: () => cancelled });
		cancelled = true;
		expect(() => m.predict(queries(1))).toThrow(expect.objectContaining({ code: 'fit_cancelled' }));
	});

	it('leaves its inputs untouched', () => {
		const X = lineX.data.slice();
		const y = lineY.slice();
		const q = queries(2.5, 7);
		fitKnn(lineX, lineY, params(3, 'distance')).predict(q);
		expect(lineX.data).toEqual(X);
		expect(lineY).toEqual(y);
		expect(q.data).toEqual(Float64Array.from([2.5, 7]));
	});
});

describe('fitKnn against scikit-learn on the real S&P 500 matrix', () => {
	const { Xtr, ytr, Xte } = fixtureData();

	it('sees the same bytes the fixture was made from', () => {
		expect(Xtr.data.reduce((a, b) => a + b, 0)).toBeCloseTo(fixture.source.xtr_sum, 6);
		expect(ytr.reduce((a, b) => a + b, 0)).toBeCloseTo(fixture.source.ytr_sum, 12);
		expect(Xte.rows).toBe(fixture.source.test_rows_kept);
	});

	it('has no tie in distance at the k-th place on any fixture row (so the neighbour set is unambiguous)', () => {
		// Brute force with a plain sort, independent of the heap: the k-th and (k+1)-th distances must differ by
		// far more than rounding, for every k the fixture uses.
		const m = fitKnn(Xtr, ytr, params(Xtr.rows));
		const { distance } = m.neighbours(Xte);
		const n = Xtr.rows;
		let smallestGap = Infinity;
		for (const c of Object.values(fixture.cases)) {
			const k = c.n_neighbors;
			for (let r = 0; r < Xte.rows; r++) {
				const d = distance.subarray(r * n, (r + 1) * n);
				smallestGap = Math.min(smallestGap, (d[k] - d[k - 1]) / d[k]);
			}
		}
		expect(smallestGap).toBeGreaterThan(1e-9);
	});

	it.each(Object.entries(fixture.cases))(
		'predicts within 1e-10 of make_pipeline(StandardScaler(), KNeighborsRegressor) for %s',
		(_, c) => {
			const m = fitKnn(Xtr, ytr, params(c.n_neighbors, c.weights as KnnParams['weights']));
			const ours = m.predict(Xte);
			expect(ours.length).toBe(c.predictions.length);
			let worst = 0;
			for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - c.predictions[i]));
			expect(worst).toBeLessThan(1e-10);
			const first = m.neighbours(sliceRows(directionMatrix(), FIXTURE_ROWS.testStart, 5).X).index;
			expect(Array.from(first)).toEqual(c.first_neighbours.flat());
		}
	);

	it('predicts 1,000 rows against 4,000 training rows well under a second', () => {
		// Speed note: brute force with early exit measured ~40–80 ms here (k = 5 and 50); the bound is loose so a
		// busy CI machine does not flake, and still catches an accidental O(n log n) sort per query.
		const m = directionMatrix();
		const train = sliceRows(m, 0, 4000);
		const test = sliceRows(m, 4005, 1000);
		expect(test.X.rows).toBe(1000);
		for (const k of [5, 50]) {
			const model = fitKnn(train.X, train.y, params(k, 'distance'));
			const start = performance.now();
			model.predict(test.X);
			expect(performance.now() - start).toBeLessThan(1000);
		}
	});
});

import { describe, expect, it } from 'vitest';
import { matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { directionMatrix, sliceRows } from '../../testing/direction-matrix';
import { REGIME_FIXTURE } from '../../testing/regime-returns';
import { assignKMeans, fitKMeans, type KMeansParams } from './kmeans';
import fixture from './regimes.fixture.json';

const ctx = (seed = 0) => ({ rng: createRng(seed) });
const params = (over: Partial<KMeansParams> = {}): KMeansParams => ({
	n_clusters: 3,
	init: 'k-means++',
	max_iter: 300,
	...over
});

/** True when a and b are the same partition, whatever the label numbers. */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
	const ab = new Map<number, number>();
	const ba = new Map<number, number>();
	for (let i = 0; i < a.length; i++) {
		if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false;
		ab.set(a[i], b[i]);
		ba.set(b[i], a[i]);
	}
	return true;
}

describe('k-means clustering', () => {
	it('splits two obvious groups on one feature and puts each centre at its group mean', () => {
		const X = matrix(Float64Array.from([0, 1, 2, 10, 11, 12]), 6, 1);
		const model = fitKMeans(X, params({ n_clusters: 2 }), ctx());
		const labels = assignKMeans(model, X);
		expect(samePartition(labels, [0, 0, 0, 1, 1, 1])).toBe(true);
		// Standardised: mean 6, population sd √(170/6 − 0) … centres back in raw units are 1 and 11.
		const raw = [...model.centres].map((c) => c * model.scale[0] + model.mean[0]).sort((a, b) => a - b);
		expect(raw[0]).toBeCloseTo(1, 12);
		expect(raw[1]).toBeCloseTo(11, 12);
		// Inertia in standardised units: 4 rows at distance 1 from their centre.
		expect(model.inertia).toBeCloseTo(4 / model.scale[0] ** 2, 12);
	});

	it.each(fixture.kmeans.real)(
		'reaches scikit-learn’s inertia within 1 % on the real standardised feature matrix (k = $n_clusters, $init)',
		(ref) => {
			const X = sliceRows(directionMatrix(), 0, REGIME_FIXTURE.kmeansRows).X;
			const model = fitKMeans(
				X,
				params({ n_clusters: ref.n_clusters, init: ref.init as KMeansParams['init'] }),
				ctx(0)
			);
			expect(Math.abs(model.inertia / ref.inertia - 1)).toBeLessThan(0.01);
		}
	);

	it('finds the same partition as scikit-learn on well-separated synthetic clusters', () => {
		const { X, cols, labels, inertia } = fixture.kmeans.synthetic;
		const m = matrix(Float64Array.from(X), X.length / cols, cols);
		const model = fitKMeans(m, params(), ctx(3));
		expect(samePartition(assignKMeans(model, m), labels)).toBe(true);
		expect(model.inertia).toBeCloseTo(inertia, 3);
	});

	it('gives the same clusters for the same seed', () => {
		const X = sliceRows(directionMatrix(), 0, 300).X;
		const a = fitKMeans(X, params({ init: 'random' }), ctx(5));
		const b = fitKMeans(X, params({ init: 'random' }), ctx(5));
		expect([...a.centres]).toEqual([...b.centres]);
	});

	it('labels each row from that row only: changing later rows changes no earlier label', () => {
		const X = sliceRows(directionMatrix(), 0, 400).X;
		const model = fitKMeans(X, params(), ctx());
		const changed = Float64Array.from(X.data);
		for (let i = 200 * X.cols; i < changed.length; i++) changed[i] = -changed[i] * 3;
		const a = assignKMeans(model, X);
		const b = assignKMeans(model, matrix(changed, X.rows, X.cols));
		expect([...b.subarray(0, 200)]).toEqual([...a.subarray(0, 200)]);
	});

	it('refuses bad input with a RangeError naming what is wrong', () => {
		const X = matrix(Float64Array.from([0, 1, 2]), 3, 1);
		expect(() => fitKMeans(X, params({ n_clusters: 4 }), ctx())).toThrow(/n_clusters/);
		expect(() => fitKMeans(X, params({ max_iter: 0 }), ctx())).toThrow(/max_iter/);
		const nan = matrix(Float64Array.from([0, Number.NaN, 2]), 3, 1);
		expect(() => fitKMeans(nan, params({ n_clusters: 2 }), ctx())).toThrow(
			/X has a non-finite value at row 1/
		);
		const model = fitKMeans(X, params({ n_clusters: 2 }), ctx());
		expect(() => assignKMeans(model, matrix(new Float64Array(4), 2, 2))).toThrow(/X has 2 columns/);
	});

	it('stops when cancelled', () => {
		const X = sliceRows(directionMatrix(), 0, 100).X;
		expect(() => fitKMeans(X, params(), { rng: createRng(0), isCancelled: () => true })).toThrow(/cancelled/);
	});
});

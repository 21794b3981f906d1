import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import {
	buildHistogram,
	buildRootHistogram,
	countHistogram,
	histogramLength,
	subtractHistogram,
	type HistogramLayout
} from './histogram';

const SEED = 424242;

/** Seeded random feature-major codes for 5 features, 16 value bins each (missing bin 16), and gradients. */
function setup(n: number) {
	const rng = createRng(SEED);
	const layout: HistogramLayout = {
		features: 5,
		stride: 17,
		missingBin: 16,
		nBins: Int32Array.from([16, 16, 16, 16, 16])
	};
	const codes = Uint8Array.from({ length: 5 * n }, () =>
		rng.next() < 0.05 ? 16 : Math.floor(rng.next() * 16)
	);
	const grad = Float32Array.from({ length: n }, () => rng.normal());
	return { layout, codes, grad, features: Int32Array.from([0, 1, 2, 3, 4]) };
}

function gather(grad: Float32Array, rows: Int32Array, start: number, end: number): Float32Array {
	return Float32Array.from(rows.subarray(start, end), (r) => grad[r]);
}

describe('gradient histograms', () => {
	it(`give the larger child by subtracting the smaller from the parent (seed ${SEED})`, () => {
		const n = 301;
		const { layout, codes, grad, features } = setup(n);
		const all = Int32Array.from({ length: n }, (_, i) => i);
		const parent = new Float64Array(histogramLength(layout));
		buildRootHistogram(parent, layout, codes, n, grad, features, countHistogram(layout, codes, n));
		const viaRows = new Float64Array(histogramLength(layout));
		buildHistogram(viaRows, layout, codes, n, gather(grad, all, 0, n), null, all, 0, n, features);
		expect(Array.from(parent)).toEqual(Array.from(viaRows));

		// Left child: rows whose feature-2 code is ≤ 5, in ascending order; right child: the rest.
		const left = Int32Array.from(all.filter((r) => codes[2 * n + r] <= 5));
		const right = Int32Array.from(all.filter((r) => codes[2 * n + r] > 5));
		const small = new Float64Array(histogramLength(layout));
		buildHistogram(
			small,
			layout,
			codes,
			n,
			gather(grad, left, 0, left.length),
			null,
			left,
			0,
			left.length,
			features
		);
		const big = new Float64Array(histogramLength(layout));
		buildHistogram(
			big,
			layout,
			codes,
			n,
			gather(grad, right, 0, right.length),
			null,
			right,
			0,
			right.length,
			features
		);
		subtractHistogram(parent, small, layout, features);
		for (let k = 0; k < parent.length; k++) {
			// Counts (odd slots) are exact; gradient sums agree to rounding.
			if (k % 2 === 1) expect(parent[k]).toBe(big[k]);
			else expect(parent[k]).toBeCloseTo(big[k], 10);
		}
		let rows = 0;
		for (let b = 0; b < layout.stride; b++) rows += small[2 * (2 * layout.stride + b) + 1];
		expect(rows).toBe(left.length);
	});

	it('accumulate per-row hessians (GOSS weights) in the count channel when given', () => {
		const n = 40;
		const { layout, codes, grad, features } = setup(n);
		const rows = Int32Array.from({ length: n }, (_, i) => i);
		const hess = new Float32Array(n).fill(2.5);
		const hist = new Float64Array(histogramLength(layout));
		buildHistogram(hist, layout, codes, n, gather(grad, rows, 0, n), hess, rows, 0, n, features);
		let h = 0;
		for (let b = 0; b < layout.stride; b++) h += hist[2 * b + 1];
		expect(h).toBe(2.5 * n);
	});
});

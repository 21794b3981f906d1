import { describe, expect, it } from 'vitest';
import { matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { binMatrix, featureThresholds, fitBinMapper } from './binning';

describe('bin thresholds', () => {
	it('are midpoints between distinct values when there are few of them', () => {
		// sklearn's _find_binning_thresholds([3, 1, 1, 2, nan], 4) gives [1.5, 2.5].
		const m = fitBinMapper(matrix(Float64Array.from([3, 1, 1, 2, Number.NaN]), 5, 1), 4);
		expect(Array.from(m.thresholds[0])).toEqual([1.5, 2.5]);
		expect(m.nBins[0]).toBe(3);
	});

	it("are numpy 'midpoint' percentiles when there are more distinct values than bins", () => {
		// np.percentile(arange(10), [25, 50, 75], method='midpoint') = [2.5, 4.5, 6.5]
		expect(
			Array.from(
				featureThresholds(
					Float64Array.from({ length: 10 }, (_, i) => i),
					4
				)
			)
		).toEqual([2.5, 4.5, 6.5]);
		// squares 0..100: virtual indices 2.5, 5 (exact: the value itself), 7.5 → [6.5, 25, 56.5], as sklearn gives.
		const squares = Float64Array.from({ length: 11 }, (_, i) => i * i);
		expect(Array.from(featureThresholds(squares, 4))).toEqual([6.5, 25, 56.5]);
	});

	it('drop duplicate thresholds from heavily tied data', () => {
		const tied = Float64Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6]);
		const t = featureThresholds(tied, 5);
		for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
	});
});

describe('bin codes', () => {
	it('put a value at or below threshold b in a bin ≤ b, so raw and binned splits agree', () => {
		const seed = 20240601;
		const rng = createRng(seed);
		const n = 500;
		const data = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 100) / 10);
		const X = matrix(data, n, 1);
		const mapper = fitBinMapper(X, 16);
		const codes = binMatrix(X, mapper);
		const t = mapper.thresholds[0];
		for (let i = 0; i < n; i++) {
			for (let b = 0; b < t.length; b++)
				expect(codes[i] <= b, `seed ${seed}, row ${i}, bin ${b}`).toBe(data[i] <= t[b]);
		}
	});

	it('give NaN the reserved missing bin and infinities the end bins', () => {
		const train = matrix(Float64Array.from([1, 2, 3, 4]), 4, 1);
		const mapper = fitBinMapper(train, 255);
		const codes = binMatrix(matrix(Float64Array.from([Number.NaN, -Infinity, Infinity]), 3, 1), mapper);
		expect(Array.from(codes)).toEqual([255, 0, mapper.nBins[0] - 1]);
	});

	it('fit the same thresholds with the radix sort used above 8,192 rows as with the built-in sort', () => {
		const seed = 31337;
		const rng = createRng(seed);
		const n = 20_000;
		const special = [0, -0, Infinity, -Infinity, Number.NaN, 1e-300, -1e-300, 5, -5];
		const data = Float64Array.from({ length: n * 2 }, (_, i) =>
			i % 2 === 0
				? rng.next() < 0.01
					? special[Math.floor(rng.next() * special.length)]
					: rng.normal() * 10 ** Math.floor(rng.next() * 6 - 3)
				: Math.round(rng.normal() * 3)
		);
		const mapper = fitBinMapper(matrix(data, n, 2), 255);
		for (let f = 0; f < 2; f++) {
			const column = Float64Array.from({ length: n }, (_, i) => data[i * 2 + f]).filter((v) => v === v);
			const expected = featureThresholds(column.sort(), 255);
			expect(Array.from(mapper.thresholds[f]), `seed ${seed}, feature ${f}`).toEqual(Array.from(expected));
		}
	});
});

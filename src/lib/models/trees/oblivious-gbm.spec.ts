import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { FIXTURE_ROWS, sliceRows } from '../../testing/direction-matrix';
import { returnMatrix } from '../../testing/return-matrix';
import { FitCancelledError } from '../types';
import { fitBinMapper } from './binning';
import { fitObliviousGbm, type ObliviousGbmParams } from './oblivious-gbm';
import fixture from './oblivious-gbm.fixture.json';

const ctx = { rng: createRng(0) };

function column(values: number[]): Matrix {
	return matrix(Float64Array.from(values), values.length, 1);
}

function r2(y: Float64Array, pred: Float64Array): number {
	let mean = 0;
	for (const v of y) mean += v / y.length;
	let ssRes = 0;
	let ssTot = 0;
	for (let i = 0; i < y.length; i++) {
		ssRes += (y[i] - pred[i]) ** 2;
		ssTot += (y[i] - mean) ** 2;
	}
	return 1 - ssRes / ssTot;
}

describe('CatBoost-style boosting on hand-computable data', () => {
	const x = column([1, 2, 3, 4]);
	const y = Float64Array.of(0, 0, 12, 12);

	it('starts from the mean and shrinks each leaf by n + l2_leaf_reg: 6 ∓ 12/(2 + 3) after one plain tree', () => {
		// Residuals −6, −6, 6, 6; each leaf holds two rows: value = 1 · (±12) / (2 + 3) = ±2.4.
		const params: ObliviousGbmParams = { iterations: 1, depth: 1, learning_rate: 1, boosting_type: 'Plain' };
		const model = fitObliviousGbm(x, y, params, ctx);
		expect(model.baseline).toBe(6);
		const p = model.predict(column([2.5, 2.6, -100, 100]));
		[3.6, 8.4, 3.6, 8.4].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 14));
		const noReg = fitObliviousGbm(x, y, { ...params, l2_leaf_reg: 0 }, ctx);
		expect([...noReg.predict(x)]).toEqual([0, 0, 12, 12]);
	});

	it('uses one split per depth for every node: a depth-2 tree has four leaves from two (feature, border) pairs', () => {
		// y = 10·a + b on a 2×2 grid twice over: the first level splits a (the larger effect), the second b in
		// both halves at once; with l2_leaf_reg 0 and rate 1 the tree reproduces y exactly.
		const X = matrix(Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1), 8, 2);
		const target = Float64Array.of(0, 1, 10, 11, 0, 1, 10, 11);
		const params = {
			iterations: 1,
			depth: 2,
			learning_rate: 1,
			l2_leaf_reg: 0,
			boosting_type: 'Plain'
		} as const;
		const model = fitObliviousGbm(X, target, params, ctx);
		const p = model.predict(X);
		target.forEach((v, i) => expect(p[i]).toBeCloseTo(v, 12));
		const imp = model.importance();
		// Gains: splitting a leaves 4·0.25 of 201 squared error, b then the rest: 200 / 2 of 202 in total.
		expect(imp[0]).toBeCloseTo(200 / 202, 12);
		expect(imp[1]).toBeCloseTo(2 / 202, 12);
	});

	it('sends a missing value at predict time to the low side of every split (CatBoost’s nan_mode Min)', () => {
		const params = {
			iterations: 1,
			depth: 1,
			learning_rate: 1,
			l2_leaf_reg: 0,
			boosting_type: 'Plain'
		} as const;
		const model = fitObliviousGbm(x, y, params, ctx);
		expect([...model.predict(column([Number.NaN]))]).toEqual([0]);
	});

	it('stops growing when no feature has two bins: a constant column gives one-leaf trees', () => {
		const params = { iterations: 3, depth: 4, learning_rate: 0.5 };
		const model = fitObliviousGbm(column([5, 5, 5, 5]), y, params, ctx);
		expect([...model.predict(x)]).toEqual([6, 6, 6, 6]);
		expect([...model.importance()]).toEqual([0]);
	});

	it('is deterministic for a seed in ordered mode, and the permutation comes from ctx.rng', () => {
		const m = returnMatrix();
		const train = sliceRows(m, 0, 400);
		const params = { iterations: 30, depth: 4, learning_rate: 0.1 };
		const a = fitObliviousGbm(train.X, train.y, params, { rng: createRng(5) }).predict(train.X);
		const b = fitObliviousGbm(train.X, train.y, params, { rng: createRng(5) }).predict(train.X);
		const c = fitObliviousGbm(train.X, train.y, params, { rng: createRng(6) }).predict(train.X);
		expect([...a]).toEqual([...b]);
		expect([...a]).not.toEqual([...c]);
		// Plain mode never draws: any seed gives the same model.
		const plain = { ...params, boosting_type: 'Plain' } as const;
		expect([...fitObliviousGbm(train.X, train.y, plain, { rng: createRng(5) }).predict(train.X)]).toEqual([
			...fitObliviousGbm(train.X, train.y, plain, { rng: createRng(6) }).predict(train.X)
		]);
	});

	it('refuses bad input with a RangeError naming the field', () => {
		const good: ObliviousGbmParams = { iterations: 2, depth: 2, learning_rate: 0.1 };
		expect(() => fitObliviousGbm(x, y, { ...good, iterations: 0 }, ctx)).toThrow(/iterations/);
		expect(() => fitObliviousGbm(x, y, { ...good, depth: 17 }, ctx)).toThrow(/depth/);
		expect(() => fitObliviousGbm(x, y, { ...good, depth: 1.5 }, ctx)).toThrow(/depth/);
		expect(() => fitObliviousGbm(x, y, { ...good, learning_rate: -1 }, ctx)).toThrow(/learning_rate/);
		expect(() => fitObliviousGbm(x, y, { ...good, l2_leaf_reg: -1 }, ctx)).toThrow(/l2_leaf_reg/);
		expect(() => fitObliviousGbm(x, y, { ...good, border_count: 255 }, ctx)).toThrow(/border_count/);
		const badType = { ...good, boosting_type: 'Fancy' } as unknown as ObliviousGbmParams;
		expect(() => fitObliviousGbm(x, y, badType, ctx)).toThrow(/boosting_type/);
		expect(() => fitObliviousGbm(x, Float64Array.of(1), good, ctx)).toThrow(/y has 1 values/);
		expect(() => fitObliviousGbm(column([1, Number.NaN, 2, 3]), y, good, ctx)).toThrow(/row 1/);
		expect(() => fitObliviousGbm(x, Float64Array.of(1, 2, 3, Infinity), good, ctx)).toThrow(
			/y has a non-finite/
		);
		expect(() => fitObliviousGbm(x, y, good, ctx).predict(matrix(new Float64Array(2), 1, 2))).toThrow(
			/columns/
		);
	});

	it('throws FitCancelledError when cancelled and reports progress after every iteration, ending at 1', () => {
		const params = { iterations: 4, depth: 2, learning_rate: 0.1 };
		expect(() => fitObliviousGbm(x, y, params, { ...ctx, isCancelled: () => true })).toThrow(
			FitCancelledError
		);
		const seen: number[] = [];
		fitObliviousGbm(x, y, params, { ...ctx, onProgress: (f) => seen.push(f) });
		expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
	});
});

describe('CatBoost-style boosting in plain mode against the NumPy reference (bench/oblivious_ref.py)', () => {
	const m = returnMatrix();
	const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
	const names = ['small', 'deep_few_rows', 'defaults'] as const;

	it('starts from the same real rows and the same borders (254 per feature, binning.ts)', () => {
		const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
		expect(train.X.data.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.xtr_sum, 6);
		expect(train.y.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.ytr_sum, 10);
		for (const name of names) {
			const ref = fixture.cases[name];
			const mapper = fitBinMapper(sliceRows(m, FIXTURE_ROWS.trainStart, ref.rows).X, 255);
			ref.borders.forEach((b, f) => {
				const t = mapper.thresholds[f];
				expect(t.length).toBe(b.count);
				expect(t[0]).toBe(b.first);
				expect(t[t.length - 1]).toBe(b.last);
				expect(Math.abs(t.reduce((s, v) => s + v, 0) - b.sum)).toBeLessThan(
					1e-12 * Math.max(1, Math.abs(b.sum))
				);
			});
		}
	});

	it.each(names)(
		'%s: the same first tree and predictions within 1e-12 on train and test rows, R² too',
		(name) => {
			const ref = fixture.cases[name];
			const train = sliceRows(m, FIXTURE_ROWS.trainStart, ref.rows);
			const model = fitObliviousGbm(train.X, train.y, { ...ref.params, boosting_type: 'Plain' }, ctx);
			expect(model.baseline).toBe(ref.baseline);
			expect([...model.trees[0].feature]).toEqual(ref.first_tree.features);
			expect([...model.trees[0].threshold]).toEqual(ref.first_tree.thresholds);
			const ptr = model.predict(train.X);
			const pte = model.predict(test.X);
			ref.train_predictions.forEach((v, i) => expect(Math.abs(ptr[i] - v)).toBeLessThan(1e-12));
			ref.test_predictions.forEach((v, i) => expect(Math.abs(pte[i] - v)).toBeLessThan(1e-12));
			expect(Math.abs(r2(train.y, ptr) - ref.train_r2)).toBeLessThan(1e-10);
			expect(Math.abs(r2(test.y, pte) - ref.test_r2)).toBeLessThan(1e-10);
		}
	);
});

describe('CatBoost-style ordered boosting on the real fixture rows (defaults: 1,000 iterations, depth 6, rate 0.03)', () => {
	const m = returnMatrix();
	const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
	const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
	const params = { ...fixture.cases.defaults.params, boosting_type: 'Ordered' } as const;

	/**
	 * Plain mode's figures are the reference's (checked above to 1e-10): train R² 0.867, test −0.194. Ordered test
	 * R² moves with the permutation (seeds 0–4: −0.164, −0.199, −0.237, −0.155, −0.151 when measured), so the
	 * margin is stated on the mean of seeds 0–2: no more than 0.02 below plain.
	 */
	it('overfits the training rows less than plain mode, and its mean test R² over seeds 0–2 is ≥ plain − 0.02', () => {
		const fits = [0, 1, 2].map((seed) => fitObliviousGbm(train.X, train.y, params, { rng: createRng(seed) }));
		for (const model of fits) {
			const trainR2 = r2(train.y, model.predict(train.X));
			expect(trainR2).toBeLessThan(fixture.cases.defaults.train_r2 - 0.1);
			expect(trainR2).toBeGreaterThan(0.3);
		}
		const meanTest = fits.reduce((s, model) => s + r2(test.y, model.predict(test.X)), 0) / fits.length;
		expect(meanTest).toBeGreaterThan(fixture.cases.defaults.test_r2 - 0.02);
	});
});

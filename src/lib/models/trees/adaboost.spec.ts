import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../domain/matrix';
import { createRng, type Rng } from '../../domain/random';
import { FIXTURE_ROWS, sliceRows } from '../../testing/direction-matrix';
import { returnMatrix } from '../../testing/return-matrix';
import { agreesInDistribution, r2 } from '../../testing/seed-spread';
import { FitCancelledError } from '../types';
import { fitAdaBoost, type AdaBoostParams } from './adaboost';
import fixture from './forest.fixture.json';

const DEFAULTS: AdaBoostParams = { n_estimators: 50, learning_rate: 1 };
/** make-forest-fixture.py's GoldenSequence: the k-th uniform draw is frac(k · GOLDEN), k = 1, 2, … */
const GOLDEN = 0.6180339887498949;

function goldenRng(): Rng {
	let k = 0;
	const unused = (): never => {
		throw new Error('AdaBoost draws only uniforms');
	};
	return {
		seed: 0,
		next: () => (++k * GOLDEN) % 1,
		int: unused,
		normal: unused,
		uint32: unused,
		fork: unused
	};
}

function column(values: number[]): Matrix {
	return matrix(Float64Array.from(values), values.length, 1);
}

describe('AdaBoost.R2 on hand-computable data', () => {
	it('stops after one tree with weight 1 when that tree fits every row exactly', () => {
		// Four distinct rows and a depth-3 tree: every drawn row is fitted exactly, and with these draws all four are
		// drawn, so every error is 0.
		const x = column([1, 2, 3, 4]);
		const y = Float64Array.of(5, -1, 7, 2);
		const model = fitAdaBoost(x, y, DEFAULTS, { rng: goldenRng() });
		expect(model.info).toEqual({ trees: 1, stopped: 'perfect fit at round 1' });
		expect([...model.treeWeights]).toEqual([1]);
		expect([...model.predict(x)]).toEqual([5, -1, 7, 2]);
	});

	it('keeps only the first tree, with weight 0, when its average loss is ≥ 0.5, and stops', () => {
		// A constant feature cannot be split: the tree predicts the mean of the draw, which holds each row once (0),
		// so every row's normalised error is 1 and the average loss is 1.
		const x = column([0, 0, 0, 0, 0, 0]);
		const model = fitAdaBoost(x, Float64Array.of(1, -1, 1, -1, 1, -1), DEFAULTS, { rng: goldenRng() });
		expect(model.info).toEqual({ trees: 1, stopped: 'average loss 1.000 ≥ 0.5 at round 1' });
		expect([...model.treeWeights]).toEqual([0]);
		expect([...model.predict(x)]).toEqual(new Array(6).fill(0));
		expect([...model.importance()]).toEqual([0]);
	});

	it('weights a tree by learning_rate · ln(1/β) with β = L / (1 − L) and predicts the weighted median', () => {
		const x = column(Array.from({ length: 40 }, (_, i) => i));
		const y = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i * 1.3) + (i % 7) / 3);
		const model = fitAdaBoost(x, y, { n_estimators: 5, learning_rate: 0.5 }, { rng: createRng(1) });
		model.treeErrors.forEach((L, t) => {
			expect(L).toBeGreaterThan(0);
			expect(L).toBeLessThan(0.5);
			expect(model.treeWeights[t]).toBeCloseTo(0.5 * Math.log((1 - L) / L), 14);
		});
		// The weighted median of each row's tree predictions, computed directly.
		const X = column([0.5, 13, 27.2, 39]);
		const got = model.predict(X);
		for (let r = 0; r < X.rows; r++) {
			const preds = model.trees.map((t) => {
				let node = 0;
				while (t.feature[node] >= 0) node = X.data[r] <= t.threshold[node] ? t.left[node] : t.right[node];
				return t.value[node];
			});
			const idx = preds.map((_, i) => i).sort((a, b) => preds[a] - preds[b]);
			const half = 0.5 * model.treeWeights.reduce((s, v) => s + v, 0);
			let cum = 0;
			const median = idx.find((i) => (cum += model.treeWeights[i]) >= half)!;
			expect(got[r]).toBe(preds[median]);
		}
	});

	it('grows depth-3 trees (at most 8 leaves) on the weighted draw', () => {
		const x = column(Array.from({ length: 64 }, (_, i) => i));
		const y = Float64Array.from({ length: 64 }, (_, i) => i * i);
		const model = fitAdaBoost(x, y, { n_estimators: 3, learning_rate: 1 }, { rng: createRng(2) });
		for (const t of model.trees) {
			expect(t.depth).toBe(3);
			expect((t.nodeCount + 1) / 2).toBe(8);
			expect(t.weight[0]).toBe(64);
		}
	});

	it('refuses bad input with a RangeError naming the field', () => {
		const x = column([1, 2]);
		const y = Float64Array.of(1, 2);
		const fit =
			(p: Partial<AdaBoostParams>, X = x, Y = y) =>
			() =>
				fitAdaBoost(X, Y, { ...DEFAULTS, ...p }, { rng: createRng(0) });
		expect(fit({ n_estimators: 0 })).toThrow(/n_estimators/);
		expect(fit({ n_estimators: 1.5 })).toThrow(RangeError);
		expect(fit({ learning_rate: 0 })).toThrow(/learning_rate/);
		expect(fit({ learning_rate: Number.NaN })).toThrow(/learning_rate/);
		expect(fit({}, x, Float64Array.of(1))).toThrow(/y has 1 values/);
		expect(fit({}, column([Infinity, 1]))).toThrow(/X has a non-finite value at row 0/);
		expect(() => fit({})().predict(matrix(new Float64Array(2), 1, 2))).toThrow(/columns/);
	});

	it('throws FitCancelledError when cancelled and reports progress up to 1', () => {
		const x = column(Array.from({ length: 30 }, (_, i) => (i * 11) % 30));
		const y = Float64Array.from({ length: 30 }, (_, i) => Math.cos(i));
		expect(() => fitAdaBoost(x, y, DEFAULTS, { rng: createRng(0), isCancelled: () => true })).toThrow(
			FitCancelledError
		);
		const seen: number[] = [];
		fitAdaBoost(
			x,
			y,
			{ n_estimators: 10, learning_rate: 1 },
			{ rng: createRng(0), onProgress: (f) => seen.push(f) }
		);
		expect(seen.at(-1)).toBe(1);
		expect(seen.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
	});
});

describe('AdaBoost.R2 against scikit-learn 1.2 AdaBoostRegressor(loss="linear") on the real S&P rows', () => {
	const m = returnMatrix();
	const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
	const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
	const round = (X: Matrix): Matrix => matrix(Float64Array.from(X.data, Math.fround), X.rows, X.cols);
	const Xtr = round(train.X);
	const Xte = round(test.X);

	it.each(['default', 'rate0.5_trees30'] as const)(
		'%s, fed the same uniform draws as sklearn (over the rounds its tree seed does not change): tree weights, losses and predictions within 1e-12',
		(name) => {
			const ref = fixture.adaboost_driven[name];
			const model = fitAdaBoost(Xtr, train.y, ref.params, { rng: goldenRng() });
			expect(model.info.trees).toBe(ref.estimators);
			model.treeWeights.forEach((v, t) => expect(Math.abs(v - ref.estimator_weights[t])).toBeLessThan(1e-12));
			model.treeErrors.forEach((v, t) => expect(Math.abs(v - ref.estimator_errors[t])).toBeLessThan(1e-12));
			const worst = (pred: Float64Array, want: number[]): number =>
				want.reduce((w, v, i) => Math.max(w, Math.abs(pred[i] - v)), 0);
			expect(worst(model.predict(Xtr), ref.train_predictions)).toBeLessThan(1e-12);
			expect(worst(model.predict(Xte), ref.test_predictions)).toBeLessThan(1e-12);
		}
	);

	/**
	 * With random draws, AdaBoost's R² moves a lot with the seed (sklearn's own test R² spreads by ±0.08 at the
	 * defaults), so means over 12 seeds on each side are compared: within 0.01, or within 3 standard errors of
	 * their difference when the spread makes a gap that size noise.
	 */
	it.each(['default', 'rate0.5_trees30'] as const)(
		'%s: mean train and test R² over 12 of our seeds agree with sklearn’s 12 seeds',
		(name) => {
			const ref = fixture.adaboost[name];
			const ours = { train: [] as number[], test: [] as number[] };
			for (let s = 0; s < 12; s++) {
				const model = fitAdaBoost(Xtr, train.y, ref.params, { rng: createRng(s) });
				ours.train.push(r2(train.y, model.predict(Xtr)));
				ours.test.push(r2(test.y, model.predict(Xte)));
			}
			expect(agreesInDistribution(ours.train, ref.train_r2, 0.01)).toEqual({ agrees: true });
			expect(agreesInDistribution(ours.test, ref.test_r2, 0.01)).toEqual({ agrees: true });
		},
		120_000
	);
});

/**
 * Stacking regressor, like scikit-learn's
 * `StackingRegressor(estimators, final_estimator=RidgeCV(alphas=(0.1, 1, 10)), cv=KFold(cv), passthrough=False)`.
 *
 * Base regressors (fixed; the catalog exposes only cv and n_jobs):
 * - our ridge (linear/ridge.ts) with α = 1 and an intercept, on standardised features
 *   (= make_pipeline(StandardScaler(), Ridge(alpha=1)));
 * - our k-nearest neighbours (neighbors/knn.ts) with the catalog defaults: k = 5, uniform weights, standardised
 *   features (= make_pipeline(StandardScaler(), KNeighborsRegressor()));
 * - our exact CART tree (trees/exact-tree.ts) with max_depth 5, min_samples_split 2, raw features
 *   (= DecisionTreeRegressor(max_depth=5)).
 *
 * Out-of-fold predictions are made inside the training window only: its rows are cut into `cv` contiguous,
 * time-ordered blocks (KFold without shuffle: the first n mod cv blocks hold one row more), each block is
 * predicted by base models fitted on the other blocks — earlier AND later rows of the window, as scikit-learn
 * does; no row outside the window is ever seen. The final estimator is ridge on those n × 3 predictions with α
 * chosen from (0.1, 1, 10) by exact leave-one-out error (ridge-loo.ts). Test predictions then come from base
 * models refitted on the whole window, fed to the final ridge.
 *
 * n_jobs: a worker has one thread, so the base models always run one after another; the value is accepted for
 * scikit-learn parity and recorded in the fit info next to `execution: sequential`.
 *
 * Cost: the k-NN base model searches with a k-d tree (neighbors/kd-tree.ts, chosen by scikit-learn's 'auto' rule,
 * the same neighbours as brute force), so the fit grows about like n log n. bench/ensembles.ts (interleaved,
 * single thread, medians): 1.10× scikit-learn's time on the 4,035-row bench matrix (300 vs 272 ms), 0.77× at 4×
 * the rows (tiled) and 1.16× at 16× (1.75 vs 1.51 s); with brute-force k-NN it was 1.4×, 3.9× and 14×.
 */
import type { Matrix } from '../../domain/matrix';
import { fitRidge, type RidgeParams } from '../linear/ridge';
import { fitKnn, type KnnParams } from '../neighbors/knn';
import { fitExactTree, type ExactTreeParams } from '../trees/exact-tree';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';
import { fitRidgeLoo } from './ridge-loo';

export interface StackingParams {
	/** Contiguous blocks the training window is cut into for the out-of-fold predictions (≥ 2). */
	readonly cv: number;
	/** Accepted for scikit-learn parity; base models run sequentially here (one thread per worker). */
	readonly n_jobs: number;
}

export const STACKING_RIDGE: RidgeParams = { alpha: 1, fit_intercept: true };
export const STACKING_KNN: KnnParams = { n_neighbors: 5, weights: 'uniform', algorithm: 'auto' };
export const STACKING_TREE: ExactTreeParams = { max_depth: 5, min_samples_split: 2 };
/** RidgeCV's candidate penalties for the final estimator, as in the reference. */
export const FINAL_ALPHAS: readonly number[] = [0.1, 1, 10];
/** Names of the base models, in the order of the final estimator's columns. */
export const STACKING_BASE_NAMES = ['ridge', 'knn', 'tree'] as const;

type Predictor = (X: Matrix) => Float64Array;
type BaseFit = (X: Matrix, y: Float64Array, ctx: StackingFitContext) => Predictor;
type StackingFitContext = Pick<FitContext, 'onProgress' | 'isCancelled'>;

const BASE_FITS: readonly BaseFit[] = [
	(X, y) => {
		const m = fitRidge(X, y, STACKING_RIDGE);
		return (Xp) => m.predict(Xp);
	},
	(X, y, ctx) => {
		const m = fitKnn(X, y, STACKING_KNN, { isCancelled: ctx.isCancelled });
		return (Xp) => m.predict(Xp);
	},
	(X, y, ctx) => {
		const m = fitExactTree(X, y, STACKING_TREE, { isCancelled: ctx.isCancelled });
		return (Xp) => m.predict(Xp);
	}
];

export interface StackingModel extends FittedModel {
	/** Final ridge: intercept + Σ weight·base prediction, in STACKING_BASE_NAMES order. */
	readonly weights: Float64Array;
	readonly intercept: number;
	readonly alpha: number;
	/** Out-of-fold predictions of the training rows, row-major n × 3 (what the final ridge was fitted on). */
	readonly outOfFold: Matrix;
	readonly info: Readonly<Record<string, string | number>>;
	predict(X: Matrix): Float64Array;
}

/** scikit-learn KFold(cv) without shuffle: [start, end) of each block; the first n mod cv blocks get one more row. */
export function contiguousBlocks(n: number, cv: number): Array<[number, number]> {
	if (!Number.isInteger(cv) || cv < 2) throw new RangeError(`cv must be an integer ≥ 2, got ${cv}`);
	if (n < cv) throw new RangeError(`cv (${cv}) cannot exceed the number of training rows (${n})`);
	const blocks: Array<[number, number]> = [];
	const size = Math.floor(n / cv);
	const extra = n % cv;
	let start = 0;
	for (let b = 0; b < cv; b++) {
		const end = start + size + (b < extra ? 1 : 0);
		blocks.push([start, end]);
		start = end;
	}
	return blocks;
}

export function fitStacking(
	X: Matrix,
	y: Float64Array,
	params: StackingParams,
	ctx: StackingFitContext = {}
): StackingModel {
	const { rows: n, cols: p, data } = X;
	const { cv, n_jobs: nJobs } = params;
	if (!Number.isInteger(nJobs)) throw new RangeError(`n_jobs must be an integer, got ${nJobs}`);
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
	const blocks = contiguousBlocks(n, cv);
	// Every out-of-fold fit must leave the k-NN base model at least k training rows.
	const smallestTrain = n - (blocks[0][1] - blocks[0][0]);
	if (smallestTrain < STACKING_KNN.n_neighbors) {
		throw new RangeError(
			`stacking_ensemble needs more training rows: with cv ${cv} the smallest out-of-fold training set has ` +
				`${smallestTrain} rows, fewer than the ${STACKING_KNN.n_neighbors} neighbours k-NN uses`
		);
	}

	const models = BASE_FITS.length;
	const steps = models * (cv + 1);
	let done = 0;
	const fitBase = (m: number, Xt: Matrix, yt: Float64Array): Predictor => {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		const predictor = BASE_FITS[m](Xt, yt, ctx);
		ctx.onProgress?.(++done / steps);
		return predictor;
	};

	const oof = new Float64Array(n * models);
	for (const [start, end] of blocks) {
		const trainRows = n - (end - start);
		const Xt = new Float64Array(trainRows * p);
		Xt.set(data.subarray(0, start * p), 0);
		Xt.set(data.subarray(end * p), start * p);
		const yt = new Float64Array(trainRows);
		yt.set(y.subarray(0, start), 0);
		yt.set(y.subarray(end), start);
		const held: Matrix = { data: data.subarray(start * p, end * p), rows: end - start, cols: p };
		for (let m = 0; m < models; m++) {
			const predicted = fitBase(m, { data: Xt, rows: trainRows, cols: p }, yt)(held);
			for (let i = 0; i < predicted.length; i++) oof[(start + i) * models + m] = predicted[i];
		}
	}
	const outOfFold: Matrix = { data: oof, rows: n, cols: models };
	const final = fitRidgeLoo(outOfFold, y, FINAL_ALPHAS);
	const bases = Array.from({ length: models }, (_, m) => fitBase(m, X, y));

	const info: Record<string, string | number> = {
		base_models: 'ridge (alpha 1), k_nearest_neighbors (k 5, uniform), decision_tree (max_depth 5)',
		cv,
		cv_split: 'contiguous time-ordered blocks of the training window (KFold, no shuffle)',
		n_jobs_requested: nJobs,
		execution: 'sequential (one thread per worker)',
		final_alpha: final.alpha,
		final_intercept: final.intercept
	};
	STACKING_BASE_NAMES.forEach((name, m) => (info[`weight_${name}`] = final.coefficients[m]));

	return {
		weights: final.coefficients,
		intercept: final.intercept,
		alpha: final.alpha,
		outOfFold,
		info,
		predict(Xp: Matrix): Float64Array {
			if (Xp.cols !== p) throw new RangeError(`model was fitted on ${p} columns, got ${Xp.cols}`);
			const stacked = new Float64Array(Xp.rows * models);
			bases.forEach((predict, m) => {
				const predicted = predict(Xp);
				for (let i = 0; i < Xp.rows; i++) stacked[i * models + m] = predicted[i];
			});
			return final.predict({ data: stacked, rows: Xp.rows, cols: models });
		}
	};
}

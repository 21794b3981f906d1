/**
 * Voting classifier of the up move, like scikit-learn's `VotingClassifier(estimators, voting, weights)` with three
 * fixed base classifiers (the catalog exposes only voting and weights):
 * - our logistic regression (linear/logistic.ts) with the catalog defaults — C 1, l2, max_iter 100 — on
 *   standardised features (= make_pipeline(StandardScaler(), LogisticRegression()));
 * - k-nearest neighbours with k = 5 and uniform weights on standardised features (neighbors/knn.ts fitted on the
 *   0/1 labels: the mean label of the neighbours is the share of them that went up, KNeighborsClassifier's
 *   predict_proba; = make_pipeline(StandardScaler(), KNeighborsClassifier(5)));
 * - a Gini classification tree with max_depth 5 on raw features (gini-tree.ts; = DecisionTreeClassifier(max_depth=5)).
 *
 * voting 'soft': the output is the weighted mean of the three probabilities of an up move (scikit-learn's
 * predict_proba). voting 'hard': each base model votes for its label (up when its probability is > 0.5, which is
 * scikit-learn's predict for all three: a tie goes to down, like argmax), and the output is the weighted share of
 * up votes, in [0, 1]. scikit-learn's hard voting has no predict_proba; this share is what lets the fold runner
 * score a hard-voting model like any classifier, and it is > 0.5 exactly when scikit-learn's weighted majority
 * says up (a tied vote, share 0.5, is down in both).
 *
 * weights: empty means equal weights; otherwise exactly one non-negative weight per base model, in the order
 * logistic, k-NN, tree, not all zero.
 */
import type { Matrix } from '../../domain/matrix';
import { fitLogistic, type LogisticParams } from '../linear/logistic';
import { fitKnn, type KnnParams } from '../neighbors/knn';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';
import { fitGiniTree, type GiniTreeParams } from './gini-tree';

export const VOTING_KINDS = ['soft', 'hard'] as const;

export interface VotingParams {
	readonly voting: (typeof VOTING_KINDS)[number];
	/** One weight per base model (logistic, k-NN, tree), or empty for equal weights. */
	readonly weights: readonly number[];
}

export const VOTING_LOGISTIC: LogisticParams = { C: 1, penalty: 'l2', max_iter: 100 };
export const VOTING_KNN: KnnParams = { n_neighbors: 5, weights: 'uniform', algorithm: 'auto' };
export const VOTING_TREE: GiniTreeParams = { max_depth: 5, min_samples_split: 2 };
/** The base models, in the order `weights` refers to. */
export const VOTING_BASE_NAMES = ['logistic', 'knn', 'tree'] as const;

type Probability = (X: Matrix) => Float64Array;
type VotingFitContext = Pick<FitContext, 'onProgress' | 'isCancelled'>;

export interface VotingModel extends FittedModel {
	/** The weights used (equal when none were given), in VOTING_BASE_NAMES order. */
	readonly weights: readonly number[];
	readonly info: Readonly<Record<string, string | number>>;
	/** Soft: weighted mean probability of an up move. Hard: weighted share of up votes. */
	predict(X: Matrix): Float64Array;
	/** Each base model's probability of an up move, in VOTING_BASE_NAMES order. */
	baseProbabilities(X: Matrix): Float64Array[];
}

export function checkVotingParams(params: VotingParams): number[] {
	const { voting, weights } = params;
	if (!(VOTING_KINDS as readonly string[]).includes(voting)) {
		throw new RangeError(`voting must be one of ${VOTING_KINDS.join(', ')}, got ${String(voting)}`);
	}
	const models = VOTING_BASE_NAMES.length;
	if (weights.length === 0) return Array(models).fill(1);
	if (weights.length !== models) {
		throw new RangeError(
			`weights must be empty (equal weights) or hold exactly ${models} values, one per base model ` +
				`(${VOTING_BASE_NAMES.join(', ')}), got ${weights.length}`
		);
	}
	let total = 0;
	for (const w of weights) {
		if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights must be finite and ≥ 0, got ${w}`);
		total += w;
	}
	if (!(total > 0)) throw new RangeError('weights must not all be 0');
	return [...weights];
}

export function fitVoting(
	X: Matrix,
	y: Float64Array,
	params: VotingParams,
	ctx: VotingFitContext = {}
): VotingModel {
	const weights = checkVotingParams(params);
	const { voting } = params;
	const { rows: n, cols: p } = X;
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} labels`);
	for (let i = 0; i < n; i++) {
		if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`y must hold labels 0 or 1, got ${y[i]} at row ${i}`);
	}

	const inner = { isCancelled: ctx.isCancelled };
	const fits: Array<() => { probability: Probability; info: Record<string, string | number> }> = [
		() => {
			const m = fitLogistic(X, y, VOTING_LOGISTIC, inner);
			return {
				probability: (Xp) => m.predict(Xp),
				info: { logistic_solver: m.info.solver, logistic_iterations: m.info.iterations }
			};
		},
		() => {
			const m = fitKnn(X, y, VOTING_KNN, inner);
			return { probability: (Xp) => m.predict(Xp), info: { knn_search: m.info.search } };
		},
		() => {
			const m = fitGiniTree(X, y, VOTING_TREE, inner);
			return { probability: (Xp) => m.predict(Xp), info: { tree_leaves: m.info.leaves } };
		}
	];
	const bases: Probability[] = [];
	const info: Record<string, string | number> = {
		voting,
		weights: weights.join(', '),
		base_models: 'logistic_regression (C 1, l2), k-NN classifier (k 5, uniform), gini tree (max_depth 5)',
		output:
			voting === 'soft'
				? 'weighted mean probability of an up move'
				: 'weighted share of up votes (a base model votes up when its probability is > 0.5)'
	};
	fits.forEach((fit, m) => {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		const fitted = fit();
		bases.push(fitted.probability);
		Object.assign(info, fitted.info);
		ctx.onProgress?.((m + 1) / fits.length);
	});
	const total = weights.reduce((a, b) => a + b, 0);

	const baseProbabilities = (Xp: Matrix): Float64Array[] => {
		if (Xp.cols !== p) throw new RangeError(`model was fitted on ${p} columns, got ${Xp.cols}`);
		return bases.map((probability) => probability(Xp));
	};
	return {
		weights,
		info,
		baseProbabilities,
		predict(Xp: Matrix): Float64Array {
			const probabilities = baseProbabilities(Xp);
			const out = new Float64Array(Xp.rows);
			for (let i = 0; i < Xp.rows; i++) {
				let s = 0;
				for (let m = 0; m < probabilities.length; m++) {
					const pr = probabilities[m][i];
					s += weights[m] * (voting === 'soft' ? pr : pr > 0.5 ? 1 : 0);
				}
				out[i] = s / total;
			}
			return out;
		}
	};
}

/**
 * Binary logistic regression with the semantics of scikit-learn's
 * `make_pipeline(StandardScaler(), LogisticRegression(C, penalty, max_iter))`: features are standardised with the
 * training mean and population std, the objective is C · Σ logloss + penalty on the standardised coefficients,
 * and the intercept is never penalised. Written by hand on Float64Arrays (like ridge.ts) because p is small
 * (~13): a Newton step is one (p + 1)² Cholesky solve, so l2 and unpenalised fits converge in a handful of
 * iterations to machine precision; l1 and elastic net use glmnet-style coordinate descent.
 */
import type { Matrix } from '../../domain/matrix';
import { sigmoid, type SolverInput } from './logistic-kernels';
import { coordinateDescentSolve, newtonSolve, type SolverResult } from './logistic-solvers';

export type LogisticPenalty = 'l2' | 'l1' | 'elasticnet' | 'none';

export interface LogisticParams {
	/** Inverse regularisation strength (sklearn's C); ignored by penalty 'none'. */
	C: number;
	penalty: LogisticPenalty;
	/** Cap on outer (Newton / IRLS) iterations. */
	max_iter: number;
}

/**
 * The elastic-net mix r in r‖w‖₁ + (1 − r)/2‖w‖². scikit-learn requires `l1_ratio` for penalty='elasticnet';
 * the catalog entry has no such parameter, so the even mix is fixed here and recorded in the fit info.
 */
export const ELASTICNET_L1_RATIO = 0.5;

/**
 * Predicted probabilities are kept inside [ε, 1 − ε] (the clip sklearn's log_loss applies), so a model fitted on
 * separated data still returns a probability strictly inside (0, 1) and every downstream log loss is finite.
 */
export const PROBABILITY_EPSILON = 1e-15;

export interface LogisticInfo {
	/** 'newton-cholesky' (l2, none), 'coordinate-descent' (l1, elasticnet); '+jitter' when a system was singular. */
	readonly solver: string;
	readonly iterations: number;
	/** 1 when the last step met the tolerance; 0 when max_iter ran out or the classes are separated (penalty none). */
	readonly converged: 1 | 0;
}

export interface LogisticModel {
	/** Coefficients on the raw feature scale: P(y = 1) = σ(intercept + x · coefficients). */
	readonly coefficients: Float64Array;
	readonly intercept: number;
	readonly info: LogisticInfo;
	/** P(y = 1) per row, in (0, 1); NaN for a row with a non-finite feature. */
	predict(X: Matrix): Float64Array;
	/** |standardised coefficient| per column. */
	importance(): Float64Array;
}

export interface LogisticFitContext {
	readonly onProgress?: (fraction: number) => void;
	readonly isCancelled?: () => boolean;
}

const PENALTIES: readonly LogisticPenalty[] = ['l2', 'l1', 'elasticnet', 'none'];

export function fitLogistic(
	X: Matrix,
	y: Float64Array,
	params: LogisticParams,
	ctx: LogisticFitContext = {}
): LogisticModel {
	const { rows: n, cols: p, data } = X;
	checkParams(params);
	if (y.length !== n) throw new RangeError(`y has ${y.length} labels but X has ${n} rows`);
	if (n < 2) throw new RangeError(`X needs at least 2 rows, got ${n}`);
	let positives = 0;
	for (let i = 0; i < n; i++) {
		const v = y[i];
		if (v !== 0 && v !== 1) throw new RangeError(`y must hold labels 0 or 1, got ${v} at row ${i}`);
		positives += v;
	}
	if (positives === 0 || positives === n) {
		throw new RangeError(`y must contain both classes, got only ${positives === 0 ? 0 : 1}`);
	}

	const { mean, scale, constant, z } = standardise(data, n, p);

	const input: SolverInput = {
		z,
		n,
		p,
		y,
		constant,
		C: params.penalty === 'none' ? 1 : params.C,
		maxIter: params.max_iter,
		onProgress: ctx.onProgress,
		isCancelled: ctx.isCancelled
	};
	let result: SolverResult;
	let solver: string;
	if (params.penalty === 'l2' || params.penalty === 'none') {
		result = newtonSolve(input, params.penalty === 'l2');
		solver = 'newton-cholesky';
	} else {
		result = coordinateDescentSolve(input, params.penalty === 'l1' ? 1 : ELASTICNET_L1_RATIO);
		solver = 'coordinate-descent';
	}
	if (result.jittered) solver += '+jitter';
	ctx.onProgress?.(1);

	const coefficients = new Float64Array(p);
	let intercept = result.b;
	for (let j = 0; j < p; j++) {
		coefficients[j] = result.w[j] / scale[j];
		intercept -= coefficients[j] * mean[j];
	}
	const standardised = result.w.map(Math.abs);
	const info: LogisticInfo = { solver, iterations: result.iterations, converged: result.converged };

	return {
		coefficients,
		intercept,
		info,
		predict(Xp: Matrix): Float64Array {
			if (Xp.cols !== p) throw new RangeError(`X has ${Xp.cols} columns but the model was fitted on ${p}`);
			const out = new Float64Array(Xp.rows);
			for (let i = 0; i < Xp.rows; i++) {
				// Standardised form, as sklearn's pipeline computes it: centring first keeps large raw offsets exact.
				let eta = result.b;
				const base = i * p;
				for (let j = 0; j < p; j++) eta += (result.w[j] * (Xp.data[base + j] - mean[j])) / scale[j];
				const prob = sigmoid(eta);
				out[i] = Number.isNaN(prob)
					? prob
					: Math.min(1 - PROBABILITY_EPSILON, Math.max(PROBABILITY_EPSILON, prob));
			}
			return out;
		},
		importance(): Float64Array {
			return standardised.slice();
		}
	};
}

function checkParams(params: LogisticParams): void {
	const { C, penalty, max_iter: maxIter } = params;
	if (!PENALTIES.includes(penalty)) {
		throw new RangeError(`penalty must be one of ${PENALTIES.join(', ')}, got ${String(penalty)}`);
	}
	if (!(C > 0) || !Number.isFinite(C)) throw new RangeError(`C must be a finite number > 0, got ${C}`);
	if (!Number.isInteger(maxIter) || maxIter < 1) {
		throw new RangeError(`max_iter must be a whole number ≥ 1, got ${maxIter}`);
	}
}

/**
 * StandardScaler on a copy: training mean and population std per column, in row-major passes (the strided
 * column-by-column version cost more than a Newton iteration). A column that never varies is constant: it stays
 * all zeros with scale 1, so its coefficient is 0 (sklearn's scale 1 and centring give the same).
 */
function standardise(
	data: Float64Array,
	n: number,
	p: number
): { mean: Float64Array; scale: Float64Array; constant: Uint8Array; z: Float64Array } {
	const mean = new Float64Array(p);
	const scale = new Float64Array(p);
	const constant = new Uint8Array(p).fill(1);
	const z = new Float64Array(n * p);
	// v − v is 0 for a finite v and NaN otherwise, so one sum checks every value without a branch in the loop.
	let nonFinite = 0;
	for (let i = 0; i < n; i++) {
		const base = i * p;
		for (let j = 0; j < p; j++) {
			const v = data[base + j];
			nonFinite += v - v;
			mean[j] += v;
		}
	}
	if (nonFinite !== 0) {
		const at = data.findIndex((v) => !Number.isFinite(v));
		throw new RangeError(`X has a non-finite value at row ${Math.floor(at / p)}, column ${at % p}`);
	}
	for (let j = 0; j < p; j++) mean[j] /= n;
	const ss = new Float64Array(p);
	for (let i = 0; i < n; i++) {
		const base = i * p;
		for (let j = 0; j < p; j++) {
			const v = data[base + j];
			const d = v - mean[j];
			ss[j] += d * d;
			if (v !== data[j]) constant[j] = 0;
		}
	}
	for (let j = 0; j < p; j++) {
		const sd = Math.sqrt(ss[j] / n);
		if (!(sd > 0)) constant[j] = 1;
		scale[j] = constant[j] ? 1 : sd;
	}
	for (let i = 0; i < n; i++) {
		const base = i * p;
		for (let j = 0; j < p; j++) z[base + j] = constant[j] ? 0 : (data[base + j] - mean[j]) / scale[j];
	}
	return { mean, scale, constant, z };
}

/**
 * The Parzen estimators of TPE on the unit interval, as Optuna 3.x builds them in univariate mode
 * (optuna/samplers/_tpe/parzen_estimator.py, `_calculate_numerical_distributions` and
 * `_calculate_categorical_distributions`), re-derived here on our unit cube:
 *
 * - numeric: a mixture of normals truncated to [0, 1], one per observation plus a prior N(0.5, 1) of weight
 *   `priorWeight`; each observation's σ is the larger gap to its neighbours among the sorted observations, the
 *   prior's centre and the ends 0 and 1 (the outermost use their inner gap unless `considerEndpoints`), clipped
 *   to [1 / min(100, n + 2), 1] ("magic clip"). Integers that are not on a log scale are discrete: a value's
 *   probability is the mixture's mass over its cell (Optuna's `_BatchedDiscreteTruncNormDistributions`).
 * - categorical: each observation a row `priorWeight / (n + 1)` on every choice plus 1 on its own, normalised,
 *   and a uniform prior row; the mixture of the rows is one probability vector.
 */
import type { Rng } from '../../../domain/random';
import { normCdf } from '../../../models/finance/math';
import { normalQuantile } from '../../../models/risk/stats';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Optuna's magic clip: σ is never below the range over min(100, observations + prior + 1). */
const MAGIC_CLIP_MAX_DIVISOR = 100;
/** The prior component: centred on the interval with σ equal to its width (Bergstra et al. 2011, §4). */
const PRIOR_MU = 0.5;
const PRIOR_SIGMA = 1;

export interface ParzenOptions {
	/** Weight of the prior component before normalisation (Optuna's prior_weight, default 1). */
	readonly priorWeight: number;
	/** Use the gap to 0 or 1 for the outermost observations too (Optuna default false). */
	readonly considerEndpoints: boolean;
	/** Clip each σ from below (Optuna default true). */
	readonly considerMagicClip: boolean;
}

export const DEFAULT_PARZEN_OPTIONS: ParzenOptions = {
	priorWeight: 1,
	considerEndpoints: false,
	considerMagicClip: true
};

/** A truncated-normal mixture on [0, 1]; `cells` > 0 makes it discrete over that many equal cells. */
export interface NumericParzen {
	readonly weights: Float64Array;
	readonly mus: Float64Array;
	readonly sigmas: Float64Array;
	/** log of each component's mass inside [0, 1]. */
	readonly logMass: Float64Array;
	readonly cells: number;
	/** log(weight) − log(σ) − log √(2π) of each component, in that order (the density's constant part). */
	readonly logCoef: Float64Array;
	/** log(weight) of each component. */
	readonly logWeights: Float64Array;
}

/** log Σ exp(terms[k]) over the first n terms. */
function logSumExp(terms: Float64Array, n: number): number {
	let max = -Infinity;
	for (let k = 0; k < n; k++) if (terms[k] > max) max = terms[k];
	if (max === -Infinity) return -Infinity;
	let s = 0;
	for (let k = 0; k < n; k++) s += Math.exp(terms[k] - max);
	return max + Math.log(s);
}

/** The terms of one evaluation, reused (TPE scores dozens of candidates against each estimator). */
let scratch = new Float64Array(64);
function termsFor(n: number): Float64Array {
	if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
	return scratch;
}

/**
 * Φ(x) remembered by its argument. Φ is the sampler's main cost (a series or continued fraction of tens of
 * terms, at least two per component of every estimator), and TPE asks for the same arguments again and again:
 * an observation's component keeps its centre and mostly its σ from one trial to the next. The values are
 * normCdf's own, so results are bitwise the same; the memo is emptied when it reaches CDF_MEMO_MAX entries.
 */
const cdfMemo = new Map<number, number>();
export const CDF_MEMO_MAX = 1 << 14;
export function memoNormCdf(x: number): number {
	let v = cdfMemo.get(x);
	if (v === undefined) {
		if (cdfMemo.size >= CDF_MEMO_MAX) cdfMemo.clear();
		v = normCdf(x);
		cdfMemo.set(x, v);
	}
	return v;
}

/** How many arguments the memo holds (for tests). */
export function cdfMemoSize(): number {
	return cdfMemo.size;
}

/** log(Φ(b) − Φ(a)) for a < b, working in the tail the interval lies in so that far tails keep their digits. */
export function logNormalMass(a: number, b: number): number {
	let mass: number;
	if (a >= 0) mass = memoNormCdf(-a) - memoNormCdf(-b);
	else if (b <= 0) mass = memoNormCdf(b) - memoNormCdf(a);
	else mass = 1 - memoNormCdf(a) - memoNormCdf(-b);
	return mass > 0 ? Math.log(mass) : -Infinity;
}

/** Mixture weights: the observations' weights then the prior's, normalised. */
function normalisedWeights(observationWeights: ArrayLike<number>, priorWeight: number): Float64Array {
	const w = new Float64Array(observationWeights.length + 1);
	let total = 0;
	for (let i = 0; i < observationWeights.length; i++) total += w[i] = observationWeights[i];
	w[observationWeights.length] = priorWeight;
	total += priorWeight;
	for (let i = 0; i < w.length; i++) w[i] /= total;
	return w;
}

/** Each observation's σ by the neighbour rule and the magic clip (Optuna's `compute_sigmas`, univariate). */
export function parzenSigmas(mus: ArrayLike<number>, options: ParzenOptions): Float64Array {
	const n = mus.length;
	// Sorted observations with the prior's centre (appended last, so a tie keeps observations first).
	const all = Array.from({ length: n + 1 }, (_, i) => (i < n ? mus[i] : PRIOR_MU));
	const order = all.map((_, i) => i).sort((i, j) => all[i] - all[j] || i - j);
	const ends = [0, ...order.map((i) => all[i]), 1];
	const sorted = new Float64Array(n + 1);
	for (let k = 0; k < n + 1; k++) sorted[k] = Math.max(ends[k + 1] - ends[k], ends[k + 2] - ends[k + 1]);
	if (!options.considerEndpoints && ends.length >= 4) {
		sorted[0] = ends[2] - ends[1];
		sorted[n] = ends[n + 1] - ends[n];
	}
	const minSigma = options.considerMagicClip ? 1 / Math.min(MAGIC_CLIP_MAX_DIVISOR, n + 2) : 1e-12;
	const sigmas = new Float64Array(n);
	order.forEach((i, k) => {
		if (i < n) sigmas[i] = Math.min(1, Math.max(minSigma, sorted[k]));
	});
	return sigmas;
}

/**
 * The numeric estimator of observations `mus` in [0, 1] with their weights (before the prior joins).
 * `cells` = the number of integer values when the dimension is a linear integer range, else 0.
 */
export function numericParzen(
	mus: ArrayLike<number>,
	observationWeights: ArrayLike<number>,
	options: ParzenOptions = DEFAULT_PARZEN_OPTIONS,
	cells = 0
): NumericParzen {
	if (mus.length !== observationWeights.length)
		throw new RangeError(
			`numericParzen: ${mus.length} observations but ${observationWeights.length} weights`
		);
	const n = mus.length;
	const sigmas = new Float64Array(n + 1);
	sigmas.set(parzenSigmas(mus, options));
	sigmas[n] = PRIOR_SIGMA;
	const allMus = new Float64Array(n + 1);
	allMus.set(Array.from(mus));
	allMus[n] = PRIOR_MU;
	// With no observation the prior is the whole estimator, whatever its weight (Optuna: weights = [1.0]).
	const weights = normalisedWeights(observationWeights, n === 0 ? 1 : options.priorWeight);
	const logMass = allMus.map((mu, k) => logNormalMass(-mu / sigmas[k], (1 - mu) / sigmas[k]));
	const logWeights = weights.map((w) => Math.log(w));
	const logCoef = logWeights.map((lw, k) => lw - Math.log(sigmas[k]) - LOG_SQRT_2PI);
	return { weights, mus: allMus, sigmas, logMass, cells, logCoef, logWeights };
}

/** log density at u in [0, 1] (continuous estimator). */
export function parzenLogPdf(p: NumericParzen, u: number): number {
	const n = p.mus.length;
	const terms = termsFor(n);
	for (let k = 0; k < n; k++) {
		const z = (u - p.mus[k]) / p.sigmas[k];
		terms[k] = p.logCoef[k] - 0.5 * z * z - p.logMass[k];
	}
	return logSumExp(terms, n);
}

/** log probability of cell `[a, b]` of [0, 1] (discrete estimator). */
export function parzenLogCellMass(p: NumericParzen, a: number, b: number): number {
	const n = p.mus.length;
	const terms = termsFor(n);
	for (let k = 0; k < n; k++) {
		const s = p.sigmas[k];
		terms[k] = p.logWeights[k] + logNormalMass((a - p.mus[k]) / s, (b - p.mus[k]) / s) - p.logMass[k];
	}
	return logSumExp(terms, n);
}

/** The score TPE compares for a point: log density, or log mass of the point's cell when discrete. */
export function parzenLogScore(p: NumericParzen, u: number): number {
	if (p.cells === 0) return parzenLogPdf(p, u);
	const i = Math.min(p.cells - 1, Math.floor(u * p.cells));
	return parzenLogCellMass(p, i / p.cells, (i + 1) / p.cells);
}

/** Index of a draw from normalised weights. */
function pick(weights: ArrayLike<number>, rng: Rng): number {
	const r = rng.next();
	let acc = 0;
	for (let k = 0; k < weights.length; k++) {
		acc += weights[k];
		if (r < acc) return k;
	}
	return weights.length - 1;
}

/** One draw: a component by weight, then its normal truncated to [0, 1] by inverting the cdf. */
export function parzenSample(p: NumericParzen, rng: Rng): number {
	const k = pick(p.weights, rng);
	const mu = p.mus[k];
	const s = p.sigmas[k];
	// The centre lies in [0, 1], so Φ(a) ≤ ½ ≤ Φ(b) and the inversion never works in a vanishing tail.
	const lo = memoNormCdf(-mu / s);
	const hi = memoNormCdf((1 - mu) / s);
	const u = mu + s * normalQuantile(lo + rng.next() * (hi - lo));
	return Math.min(1, Math.max(0, Number.isNaN(u) ? mu : u));
}

/** The categorical estimator's probability of each choice (the mixture of the rows collapsed). */
export function categoricalParzen(
	indices: ArrayLike<number>,
	observationWeights: ArrayLike<number>,
	choices: number,
	priorWeight = DEFAULT_PARZEN_OPTIONS.priorWeight
): Float64Array {
	const n = indices.length;
	const weights = normalisedWeights(observationWeights, n === 0 ? 1 : priorWeight);
	const fill = priorWeight / (n + 1);
	const rowTotal = fill * choices + 1;
	const probs = new Float64Array(choices).fill(weights[n] / choices);
	for (let i = 0; i < n; i++) {
		for (let c = 0; c < choices; c++) probs[c] += (weights[i] * fill) / rowTotal;
		probs[indices[i]] += weights[i] / rowTotal;
	}
	return probs;
}

export function categoricalSample(probs: ArrayLike<number>, rng: Rng): number {
	return pick(probs, rng);
}

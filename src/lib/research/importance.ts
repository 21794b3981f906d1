/**
 * Parameter importance by PED-ANOVA (Watanabe, Bansal & Hutter, "PED-ANOVA: Efficiently Quantifying
 * Hyperparameter Importance in Arbitrary Subspaces", IJCAI 2023, arXiv 2304.10255). For each parameter, the
 * importance of reaching the top-γ' trials is the Pearson divergence between the parameter's marginal density
 * among those top trials and among a baseline set (paper eq. 10: ∫ p_γ(x) (p_γ'(x)/p_γ(x) − 1)² dx), and the
 * divergences are normalised to sum to 1.
 *
 * Written from the paper and from reading Optuna's `PedAnovaImportanceEvaluator` (optuna ≥ 3.6,
 * optuna/importance/_ped_anova/evaluator.py and scott_parzen_estimator.py), whose choices we follow: each
 * numeric parameter is binned on a 50-point grid, the densities are 1-D Parzen estimators of discrete truncated
 * normals with Scott's-rule bandwidth plus a wide prior kernel of weight 1, categoricals use Optuna's
 * categorical kernel, and 1e-12 is added to every density. Two deliberate differences: parameters are mapped to
 * the grid through the search space's unit interval (space.ts `toUnit`), and too few trials give an
 * "insufficient trials" result instead of Optuna's equal importances, which would be a made-up number.
 */
import { normalCdf } from '../models/stats/distributions';
import { toUnit, type Dimension, type Params, type SearchSpace } from './study/space';

/** Optuna's grid size for a numeric parameter (`_n_steps`). */
export const PED_ANOVA_GRID_STEPS = 50;
/** The top set must hold at least this many trials by quantile alone (Optuna's `_min_n_top_trials`). */
export const PED_ANOVA_MIN_TOP_TRIALS = 2;
/** Weight of the prior kernel in each Parzen estimator (Optuna's `_prior_weight`). */
const PRIOR_WEIGHT = 1;
/** Added to each density so a ratio never divides by 0 (Optuna adds the same). */
const PDF_FLOOR = 1e-12;
/** Scott's bandwidth never falls below this many grid steps: 1.64 σ (90 %) spans half a step (Optuna's clip). */
const MIN_SIGMA_STEPS = 0.5 / 1.64;

export interface ImportanceObservation {
	readonly params: Params;
	/** The objective as a score to MAXIMISE (as the sampler contract's Observation); null or NaN when none. */
	readonly value: number | null;
}

export interface PedAnovaOptions {
	/** γ': the share of best trials whose parameters are examined (default 0.1, the top 10 %). */
	readonly quantile?: number;
	/** γ: the share of best trials forming the baseline the top set is compared with (default 1, all trials). */
	readonly baselineQuantile?: number;
	/** true: compare with the baseline trials' density (importance during the study); false: with the uniform
	 * density over the search space (importance in the whole space). */
	readonly evaluateOnLocal?: boolean;
}

export interface ParamImportance {
	readonly name: string;
	/** Share of the summed divergence, in [0, 1]; 0 for a dimension with a single value. */
	readonly importance: number;
	/** The Pearson divergence itself (not normalised). */
	readonly divergence: number;
}

export type PedAnovaResult =
	| {
			readonly status: 'ok';
			/** Most important first; ties by name. */
			readonly importances: readonly ParamImportance[];
			/** Observations with a finite value and params inside the space. */
			readonly trials: number;
			readonly topTrials: number;
			readonly baselineTrials: number;
			/** Observations left out: no finite value, or a param missing or outside the space. */
			readonly skipped: number;
	  }
	| {
			readonly status: 'insufficient_trials';
			readonly have: number;
			readonly needed: number;
			readonly message: string;
	  }
	| { readonly status: 'no_contrast' | 'no_dimensions'; readonly message: string };

/** A dimension binned on a grid: each observed value becomes a grid index in [0, steps). */
interface Binned {
	readonly dim: Dimension;
	readonly steps: number;
	readonly categorical: boolean;
}

function binned(dim: Dimension): Binned {
	if (dim.kind === 'categorical') return { dim, steps: dim.choices.length, categorical: true };
	const values = dim.high - dim.low + 1;
	// Optuna bins a narrow integer range one grid point per value, everything else on 50 points.
	if (dim.kind === 'int' && !dim.log && values <= PED_ANOVA_GRID_STEPS)
		return { dim, steps: values, categorical: false };
	return { dim, steps: PED_ANOVA_GRID_STEPS, categorical: false };
}

function isSingle(dim: Dimension): boolean {
	return dim.kind === 'categorical' ? dim.choices.length < 2 : !(dim.high > dim.low);
}

/** The grid index of a value, or -1 when it is missing or outside the space. */
function gridIndex(b: Binned, value: Params[string] | undefined): number {
	if (value === undefined) return -1;
	const d = b.dim;
	if (d.kind === 'categorical') return d.choices.indexOf(value);
	if (typeof value !== 'number' || !Number.isFinite(value) || value < d.low || value > d.high) return -1;
	const u = toUnit(d, value);
	if (d.kind === 'int' && b.steps === d.high - d.low + 1)
		return Math.min(b.steps - 1, Math.floor(u * b.steps));
	return Math.round(Math.min(1, Math.max(0, u)) * (b.steps - 1));
}

/**
 * Optuna's Scott-rule Parzen estimator on grid 0…steps−1 (scott_parzen_estimator.py): a discrete truncated
 * normal per occupied grid point weighted by its count, plus a prior kernel at the centre with σ = steps.
 */
function numericPdf(counts: Float64Array): Float64Array {
	const steps = counts.length;
	const mus: number[] = [];
	const weights: number[] = [];
	let n = 0;
	for (let i = 0; i < steps; i++)
		if (counts[i] > 0) {
			mus.push(i);
			weights.push(counts[i]);
			n += counts[i];
		}
	let mean = 0;
	for (let k = 0; k < mus.length; k++) mean += (mus[k] * weights[k]) / n;
	let ss = 0;
	for (let k = 0; k < mus.length; k++) ss += weights[k] * (mus[k] - mean) ** 2;
	const sd = Math.sqrt(ss / Math.max(1, n - 1));
	// The quartiles by cumulative count, as numpy searchsorted left (q25) and right (q75).
	let cum = 0;
	let q25 = -1;
	let q75 = -1;
	for (let k = 0; k < mus.length; k++) {
		cum += weights[k];
		if (q25 < 0 && cum >= Math.floor(n / 4)) q25 = k;
		if (q75 < 0 && cum > Math.floor((n * 3) / 4)) q75 = k;
	}
	if (q75 < 0) q75 = mus.length - 1;
	const iqr = mus[q75] - mus[q25];
	const scott = 1.059 * Math.min(iqr / 1.34, sd) * n ** -0.2;
	const sigma = Math.max(scott, MIN_SIGMA_STEPS);
	const kernels = mus.map((mu, k) => ({ mu, sigma, w: weights[k] }));
	kernels.push({ mu: 0.5 * (steps - 1), sigma: steps, w: PRIOR_WEIGHT });
	const total = n + PRIOR_WEIGHT;
	const pdf = new Float64Array(steps);
	for (const { mu, sigma: s, w } of kernels) {
		const mass = normalCdf((steps - 0.5 - mu) / s) - normalCdf((-0.5 - mu) / s);
		let below = normalCdf((-0.5 - mu) / s);
		for (let x = 0; x < steps; x++) {
			const above = normalCdf((x + 0.5 - mu) / s);
			pdf[x] += ((w / total) * (above - below)) / mass;
			below = above;
		}
	}
	return pdf;
}

/**
 * Optuna's categorical Parzen estimator (parzen_estimator.py): one kernel per observed choice (weight = its
 * count) that puts prior_weight / kernels on every choice and 1 more on its own, plus a uniform prior kernel.
 */
function categoricalPdf(counts: Float64Array): Float64Array {
	const m = counts.length;
	const observed: number[] = [];
	let n = 0;
	for (let i = 0; i < m; i++)
		if (counts[i] > 0) {
			observed.push(i);
			n += counts[i];
		}
	const kernels = observed.length + 1;
	const fill = PRIOR_WEIGHT / kernels;
	const total = n + PRIOR_WEIGHT;
	const pdf = new Float64Array(m).fill(PRIOR_WEIGHT / total / m);
	const rowSum = m * fill + 1;
	for (const c of observed) {
		const w = counts[c] / total;
		for (let x = 0; x < m; x++) pdf[x] += (w * (fill + (x === c ? 1 : 0))) / rowSum;
	}
	return pdf;
}

function densityOf(b: Binned, indices: readonly number[]): Float64Array {
	const counts = new Float64Array(b.steps);
	for (const i of indices) counts[i]++;
	const pdf = b.categorical ? categoricalPdf(counts) : numericPdf(counts);
	for (let i = 0; i < pdf.length; i++) pdf[i] += PDF_FLOOR;
	return pdf;
}

/** Pearson divergence Σ_g p_base(g) (p_top(g) / p_base(g) − 1)² over the grid (paper eq. 10, discretised). */
export function pearsonDivergence(top: ArrayLike<number>, base: ArrayLike<number>): number {
	if (top.length !== base.length) throw new RangeError('pearsonDivergence: top and base differ in length');
	let d = 0;
	for (let i = 0; i < top.length; i++) d += base[i] * (top[i] / base[i] - 1) ** 2;
	return d;
}

/** Optuna's quantile filter: the trials whose value is at least the ⌈q·n⌉-th best and the 2nd best. */
function topIndices(values: readonly number[], q: number): number[] {
	const sorted = [...values].sort((a, b) => b - a);
	const cut = Math.max(0, Math.ceil(q * values.length - 1e-9) - 1);
	const cutoff = Math.min(sorted[PED_ANOVA_MIN_TOP_TRIALS - 1], sorted[cut]);
	const out: number[] = [];
	values.forEach((v, i) => v >= cutoff && out.push(i));
	return out;
}

/** Trials needed so that ⌈γ'·n⌉ ≥ 2 and the baseline set holds more trials than the top set. */
export function pedAnovaTrialsNeeded(quantile: number, baselineQuantile: number): number {
	for (let n = PED_ANOVA_MIN_TOP_TRIALS + 1; ; n++) {
		const top = Math.ceil(quantile * n - 1e-9);
		if (top >= PED_ANOVA_MIN_TOP_TRIALS && Math.ceil(baselineQuantile * n - 1e-9) > top) return n;
	}
}

/**
 * The importance of each dimension of `space` for reaching the top `quantile` of `observations`. Throws a
 * RangeError for an option out of range; returns a status other than 'ok' when it cannot be computed honestly.
 */
export function pedAnova(
	space: SearchSpace,
	observations: readonly ImportanceObservation[],
	options: PedAnovaOptions = {}
): PedAnovaResult {
	const { quantile = 0.1, baselineQuantile = 1, evaluateOnLocal = true } = options;
	if (!(quantile > 0 && quantile < 1)) throw new RangeError(`quantile must be in (0, 1), got ${quantile}`);
	if (!(baselineQuantile > quantile && baselineQuantile <= 1))
		throw new RangeError(`baselineQuantile must be in (quantile, 1], got ${baselineQuantile}`);
	const dims = space.filter((d) => !isSingle(d)).map(binned);
	if (dims.length === 0)
		return { status: 'no_dimensions', message: 'The search space has no parameter with two or more values.' };
	const rows: { value: number; idx: number[] }[] = [];
	for (const o of observations) {
		if (o.value === null || !Number.isFinite(o.value)) continue;
		const idx = dims.map((b) => gridIndex(b, o.params[b.dim.name]));
		if (idx.every((i) => i >= 0)) rows.push({ value: o.value, idx });
	}
	const needed = pedAnovaTrialsNeeded(quantile, baselineQuantile);
	if (rows.length < needed)
		return {
			status: 'insufficient_trials',
			have: rows.length,
			needed,
			message: `PED-ANOVA needs at least ${needed} trials with a value (so the top ${quantile * 100} % holds ${PED_ANOVA_MIN_TOP_TRIALS}); there are ${rows.length}.`
		};
	const values = rows.map((r) => r.value);
	const top = topIndices(values, quantile);
	const base = baselineQuantile >= 1 ? rows.map((_, i) => i) : topIndices(values, baselineQuantile);
	if (top.length >= base.length)
		return {
			status: 'no_contrast',
			message: `Ties put all ${base.length} baseline trials in the top set, so no parameter can be told apart.`
		};
	const divergences = dims.map((b, j) => {
		const pTop = densityOf(
			b,
			top.map((i) => rows[i].idx[j])
		);
		const pBase = evaluateOnLocal
			? densityOf(
					b,
					base.map((i) => rows[i].idx[j])
				)
			: new Float64Array(b.steps).fill(1 / b.steps);
		return pearsonDivergence(pTop, pBase);
	});
	const sum = divergences.reduce((a, b) => a + b, 0);
	if (!(sum > 0))
		return {
			status: 'no_contrast',
			message: 'The top trials’ parameters are spread like the baseline’s for every parameter.'
		};
	const importances: ParamImportance[] = dims.map((b, j) => ({
		name: b.dim.name,
		importance: divergences[j] / sum,
		divergence: divergences[j]
	}));
	for (const d of space) if (isSingle(d)) importances.push({ name: d.name, importance: 0, divergence: 0 });
	importances.sort((a, b) => b.importance - a.importance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return {
		status: 'ok',
		importances,
		trials: rows.length,
		topTrials: top.length,
		baselineTrials: base.length,
		skipped: observations.length - rows.length
	};
}

/**
 * A Gaussian Markov-switching model of daily log returns (a 1-D Gaussian hidden Markov model):
 * r_t | s_t = i ~ N(μ_i, σ²_i), with s_t a Markov chain, P[i][j] = Pr(s_t = j | s_{t−1} = i), started from its
 * steady-state distribution (statsmodels' default `'steady-state'` initialisation). The mean and the variance each
 * switch with the regime or are shared by all regimes, so one core serves three catalog entries:
 * hidden_markov_model (switching mean; variance switching or shared), markov_switching (statsmodels'
 * `MarkovRegression(r, k, trend='c', switching_variance)`) and regime_switching_volatility (shared mean, switching
 * variance).
 *
 * - The filter is Hamilton's (the scaled forward recursion): each step predicts with P, weighs by the Gaussian
 *   densities and normalises; the normalisers' logs sum to the log-likelihood. Filtered probabilities at t use
 *   r_0 … r_t only; `filterStates` returns their argmax (never smoothed ones).
 * - Fitting is Baum–Welch (EM with the scaled forward–backward pass). Its M-step is closed-form: transition
 *   probabilities from the smoothed joint probabilities (as statsmodels' EM; the steady-state start is then
 *   recomputed from P), means and variances as weighted moments; with a shared mean and switching variances the
 *   mean is the precision-weighted average under the current variances (an ECM step). Variances are floored at
 *   VARIANCE_FLOOR × the training variance so no regime collapses onto a single return.
 * - Returns are multiplied by RETURN_SCALE internally (daily log returns are ~1e-2, their variances ~1e-4; the
 *   scaling keeps the densities and the optimiser well conditioned). Reported parameters and the log-likelihood
 *   are in the returns' own units (log-likelihood + n ln RETURN_SCALE).
 * - With `polish`, EM's answer then goes to BFGS (optim/minimize.ts, numerical gradient) over unconstrained
 *   parameters: per row of P the logs of P[i][j] / P[i][i] (j ≠ i), the means, the log variances; kept only if
 *   it raises the likelihood.
 * - Starts are deterministic: EM from three splits of the training returns — 1-D k-means of r (regimes by mean),
 *   1-D k-means of |r| (regimes by volatility), and `tails` (small outer regimes holding the largest and smallest
 *   returns) — each cluster's mean and variance start its regime, P starts at 0.9 on the diagonal; the start with
 *   the highest likelihood wins.
 */
import { minimize } from '../optim/minimize';
import { FitCancelledError, type FitContext } from '../types';

export interface SwitchingSpec {
	readonly k: number;
	readonly switchingMean: boolean;
	readonly switchingVariance: boolean;
	/**
	 * After EM, maximise the exact likelihood (steady-state start included) by BFGS over unconstrained parameters,
	 * as statsmodels' `fit()` does after its EM iterations.
	 */
	readonly polish?: boolean;
}

export interface SwitchingParams {
	/** Per regime, in return units (equal across regimes when not switching). */
	readonly mean: Float64Array;
	readonly variance: Float64Array;
	/** Row-major k × k: transition[i * k + j] = Pr(s_t = j | s_{t−1} = i). */
	readonly transition: Float64Array;
}

export interface SwitchingFit extends SwitchingParams {
	readonly k: number;
	readonly logLikelihood: number;
	readonly iterations: number;
	readonly converged: boolean;
}

export const RETURN_SCALE = 100;
/**
 * EM stops when one iteration changes the log-likelihood (of the ×100 returns) by less than this times the number
 * of observations (1.3e-6 on 1,260 days), or after EM_MAX_ITERATIONS (a start that crawls towards a poorer
 * optimum stops there; the better start wins anyway).
 */
export const EM_TOLERANCE_PER_OBS = 1e-9;
export const EM_MAX_ITERATIONS = 500;
export const VARIANCE_FLOOR = 1e-3;
const START_STAY_PROBABILITY = 0.9;

/** The stationary distribution of a row-stochastic k × k matrix (power iteration; P is positive in practice). */
export function steadyState(P: Float64Array, k: number): Float64Array {
	// Solve π(P − I) = 0, Σπ = 1 by Gaussian elimination on the transposed system with one row replaced.
	const A = new Float64Array(k * k);
	const b = new Float64Array(k);
	for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) A[i * k + j] = P[j * k + i] - (i === j ? 1 : 0);
	for (let j = 0; j < k; j++) A[(k - 1) * k + j] = 1;
	b[k - 1] = 1;
	for (let c = 0; c < k; c++) {
		let p = c;
		for (let r = c + 1; r < k; r++) if (Math.abs(A[r * k + c]) > Math.abs(A[p * k + c])) p = r;
		if (p !== c) {
			for (let j = 0; j < k; j++) [A[c * k + j], A[p * k + j]] = [A[p * k + j], A[c * k + j]];
			[b[c], b[p]] = [b[p], b[c]];
		}
		const piv = A[c * k + c];
		if (Math.abs(piv) < 1e-300) continue;
		for (let r = 0; r < k; r++) {
			if (r === c) continue;
			const f = A[r * k + c] / piv;
			if (f === 0) continue;
			for (let j = c; j < k; j++) A[r * k + j] -= f * A[c * k + j];
			b[r] -= f * b[c];
		}
	}
	const pi = new Float64Array(k);
	let sum = 0;
	for (let i = 0; i < k; i++) {
		pi[i] = Math.max(0, A[i * k + i] !== 0 ? b[i] / A[i * k + i] : 0);
		sum += pi[i];
	}
	for (let i = 0; i < k; i++) pi[i] = sum > 0 ? pi[i] / sum : 1 / k;
	return pi;
}

/** Gaussian densities of every observation under every regime, n × k (row-major). */
function densities(y: Float64Array, mean: Float64Array, variance: Float64Array, k: number): Float64Array {
	const out = new Float64Array(y.length * k);
	const norm = new Float64Array(k);
	for (let i = 0; i < k; i++) norm[i] = 1 / Math.sqrt(2 * Math.PI * variance[i]);
	for (let t = 0; t < y.length; t++)
		for (let i = 0; i < k; i++) {
			const e = y[t] - mean[i];
			out[t * k + i] = norm[i] * Math.exp((-0.5 * e * e) / variance[i]);
		}
	return out;
}

/**
 * Hamilton's filter on scaled observations y. Writes the filtered probabilities into `filtered` (n × k) and
 * returns the log-likelihood. A non-finite observation carries the prediction forward without updating.
 */
function forward(
	y: Float64Array,
	dens: Float64Array,
	P: Float64Array,
	k: number,
	filtered: Float64Array,
	scale: Float64Array
): number {
	const pi = steadyState(P, k);
	const pred = new Float64Array(k);
	let ll = 0;
	for (let t = 0, o = 0; t < y.length; t++, o += k) {
		if (t === 0) pred.set(pi);
		else
			for (let j = 0; j < k; j++) {
				let s = 0;
				for (let i = 0; i < k; i++) s += filtered[o - k + i] * P[i * k + j];
				pred[j] = s;
			}
		if (!Number.isFinite(y[t])) {
			for (let j = 0; j < k; j++) filtered[o + j] = pred[j];
			scale[t] = 1;
			continue;
		}
		let c = 0;
		for (let j = 0; j < k; j++) c += filtered[o + j] = pred[j] * dens[o + j];
		if (!(c > 0)) {
			// Every density underflowed (an extreme outlier): keep the prediction rather than divide by zero.
			for (let j = 0; j < k; j++) filtered[o + j] = pred[j];
			c = Number.MIN_VALUE;
		} else for (let j = 0; j < k; j++) filtered[o + j] /= c;
		scale[t] = c;
		ll += Math.log(c);
	}
	return ll;
}

function scaled(returns: Float64Array): Float64Array {
	return Float64Array.from(returns, (r) => r * RETURN_SCALE);
}

function toScaled(params: SwitchingParams): SwitchingParams {
	return {
		mean: params.mean.map((m) => m * RETURN_SCALE),
		variance: params.variance.map((v) => v * RETURN_SCALE ** 2),
		transition: params.transition
	};
}

/** Log-likelihood of the returns under fixed parameters (return units). */
export function logLikelihood(returns: Float64Array, params: SwitchingParams): number {
	const k = params.mean.length;
	const y = scaled(returns);
	const p = toScaled(params);
	const dens = densities(y, p.mean, p.variance, k);
	const ll = forward(y, dens, p.transition, k, new Float64Array(y.length * k), new Float64Array(y.length));
	let finite = 0;
	for (const v of y) if (Number.isFinite(v)) finite++;
	return ll + finite * Math.log(RETURN_SCALE);
}

/** Filtered regime probabilities (n × k, row-major): row t from returns 0 … t only. */
export function filterProbabilities(returns: Float64Array, params: SwitchingParams): Float64Array {
	const k = params.mean.length;
	const y = scaled(returns);
	const p = toScaled(params);
	const filtered = new Float64Array(y.length * k);
	forward(y, densities(y, p.mean, p.variance, k), p.transition, k, filtered, new Float64Array(y.length));
	return filtered;
}

/** The most probable regime at each t under the filtered (forward-only) probabilities. */
export function filterStates(returns: Float64Array, params: SwitchingParams): Int32Array {
	const k = params.mean.length;
	const f = filterProbabilities(returns, params);
	const out = new Int32Array(returns.length);
	for (let t = 0; t < returns.length; t++) {
		let at = 0;
		for (let j = 1; j < k; j++) if (f[t * k + j] > f[t * k + at]) at = j;
		out[t] = at;
	}
	return out;
}

/** 1-D k-means (Lloyd from quantile starts) of `values`: the cluster of each value. Deterministic. */
function kmeans1d(values: Float64Array, k: number): Int32Array {
	const sorted = Float64Array.from(values).sort();
	const centres = Float64Array.from(
		{ length: k },
		(_, i) => sorted[Math.floor(((i + 0.5) / k) * sorted.length)]
	);
	const label = new Int32Array(values.length);
	for (let it = 0; it < 100; it++) {
		let changed = false;
		for (let t = 0; t < values.length; t++) {
			let at = 0;
			for (let c = 1; c < k; c++)
				if (Math.abs(values[t] - centres[c]) < Math.abs(values[t] - centres[at])) at = c;
			if (label[t] !== at || it === 0) changed ||= label[t] !== at;
			label[t] = at;
		}
		const sum = new Float64Array(k);
		const n = new Float64Array(k);
		for (let t = 0; t < values.length; t++) {
			sum[label[t]] += values[t];
			n[label[t]]++;
		}
		for (let c = 0; c < k; c++) if (n[c] > 0) centres[c] = sum[c] / n[c];
		if (!changed && it > 0) break;
	}
	return label;
}

/** Share of the returns in each outer regime of the `tails` start. */
const TAIL_SHARE = 0.05;

/**
 * A start with small outer regimes: the largest TAIL_SHARE of returns in the top regime, for k ≥ 3 the smallest
 * TAIL_SHARE in regime 0, the rest split evenly by rank between the middle regimes. It reaches the optima where a
 * rare regime holds the big days, which the k-means starts miss when the variance is shared.
 */
function tails(values: Float64Array, k: number): Int32Array {
	const order = Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
	const n = values.length;
	const tail = Math.max(1, Math.floor(TAIL_SHARE * n));
	const lowEnd = k >= 3 ? tail : 0;
	const highStart = n - tail;
	const middle = k >= 3 ? k - 2 : 1;
	const label = new Int32Array(n);
	order.forEach((t, rank) => {
		if (rank >= highStart) label[t] = k - 1;
		else if (rank < lowEnd) label[t] = 0;
		else
			label[t] =
				(k >= 3 ? 1 : 0) +
				Math.min(middle - 1, Math.floor(((rank - lowEnd) / (highStart - lowEnd)) * middle));
	});
	return label;
}

function startFrom(y: Float64Array, label: Int32Array, spec: SwitchingSpec, floor: number): SwitchingParams {
	const { k } = spec;
	const n = new Float64Array(k);
	const s = new Float64Array(k);
	const ss = new Float64Array(k);
	for (let t = 0; t < y.length; t++) {
		n[label[t]]++;
		s[label[t]] += y[t];
		ss[label[t]] += y[t] * y[t];
	}
	const mean = new Float64Array(k);
	const variance = new Float64Array(k);
	let total = 0;
	let totalSq = 0;
	for (let t = 0; t < y.length; t++) {
		total += y[t];
		totalSq += y[t] * y[t];
	}
	const grand = total / y.length;
	const grandVar = Math.max(floor, totalSq / y.length - grand * grand);
	for (let c = 0; c < k; c++) {
		mean[c] = n[c] > 0 ? s[c] / n[c] : grand;
		variance[c] = n[c] > 1 ? Math.max(floor, ss[c] / n[c] - mean[c] ** 2) : grandVar;
	}
	const transition = new Float64Array(k * k);
	for (let i = 0; i < k; i++)
		for (let j = 0; j < k; j++)
			transition[i * k + j] = i === j ? START_STAY_PROBABILITY : (1 - START_STAY_PROBABILITY) / (k - 1);
	return constrain({ mean, variance, transition }, spec, n);
}

/** Applies the shared-mean / shared-variance restrictions (weights: regime occupancy). */
function constrain(p: SwitchingParams, spec: SwitchingSpec, weight: Float64Array): SwitchingParams {
	const total = weight.reduce((a, b) => a + b, 0) || 1;
	const mean = Float64Array.from(p.mean);
	const variance = Float64Array.from(p.variance);
	if (!spec.switchingMean) mean.fill(mean.reduce((a, m, i) => a + (m * weight[i]) / total, 0));
	if (!spec.switchingVariance) variance.fill(variance.reduce((a, v, i) => a + (v * weight[i]) / total, 0));
	return { mean, variance, transition: p.transition };
}

interface EmResult {
	params: SwitchingParams;
	ll: number;
	iterations: number;
	converged: boolean;
}

function em(
	y: Float64Array,
	start: SwitchingParams,
	spec: SwitchingSpec,
	floor: number,
	ctx: FitContext,
	progress: (fraction: number) => void
): EmResult {
	const { k } = spec;
	const n = y.length;
	let { mean, variance, transition: P } = start;
	const filtered = new Float64Array(n * k);
	const scale = new Float64Array(n);
	const beta = new Float64Array(n * k);
	const gamma = new Float64Array(n * k);
	let ll = -Infinity;
	let iterations = 0;
	let converged = false;
	for (let it = 0; it < EM_MAX_ITERATIONS; it++) {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		const dens = densities(y, mean, variance, k);
		const next = forward(y, dens, P, k, filtered, scale);
		iterations = it + 1;
		// |change|: with the steady-state start the M-step of P is not exact, so the likelihood may dip by a hair
		// near the fixed point instead of rising.
		if (it > 0 && Math.abs(next - ll) < EM_TOLERANCE_PER_OBS * n) {
			converged = true;
			ll = next;
			break;
		}
		ll = next;
		// Scaled backward pass and the expected transition counts.
		beta.fill(1, (n - 1) * k, n * k);
		const counts = new Float64Array(k * k);
		const w = new Float64Array(k);
		for (let t = n - 1; t >= 1; t--) {
			const bt = t * k;
			const inv = 1 / scale[t];
			for (let j = 0; j < k; j++) w[j] = dens[bt + j] * beta[bt + j] * inv;
			for (let i = 0; i < k; i++) {
				const a = filtered[bt - k + i];
				let s = 0;
				for (let j = 0; j < k; j++) {
					const v = P[i * k + j] * w[j];
					s += v;
					counts[i * k + j] += a * v;
				}
				beta[bt - k + i] = s;
			}
		}
		const occupancy = new Float64Array(k);
		for (let t = 0; t < n; t++) {
			let z = 0;
			for (let i = 0; i < k; i++) z += gamma[t * k + i] = filtered[t * k + i] * beta[t * k + i];
			for (let i = 0; i < k; i++) {
				gamma[t * k + i] /= z;
				occupancy[i] += gamma[t * k + i];
			}
		}
		// M-step.
		const nextP = new Float64Array(k * k);
		for (let i = 0; i < k; i++) {
			let row = 0;
			for (let j = 0; j < k; j++) row += counts[i * k + j];
			for (let j = 0; j < k; j++) nextP[i * k + j] = row > 0 ? counts[i * k + j] / row : i === j ? 1 : 0;
		}
		const nextMean = new Float64Array(k);
		if (spec.switchingMean) {
			for (let i = 0; i < k; i++) {
				let s = 0;
				for (let t = 0; t < n; t++) s += gamma[t * k + i] * y[t];
				nextMean[i] = occupancy[i] > 0 ? s / occupancy[i] : mean[i];
			}
		} else {
			// Shared mean: precision-weighted under the current variances.
			let num = 0;
			let den = 0;
			for (let t = 0; t < n; t++)
				for (let i = 0; i < k; i++) {
					num += (gamma[t * k + i] * y[t]) / variance[i];
					den += gamma[t * k + i] / variance[i];
				}
			nextMean.fill(num / den);
		}
		const nextVar = new Float64Array(k);
		let pooled = 0;
		for (let i = 0; i < k; i++) {
			let s = 0;
			const m = nextMean[i];
			for (let t = 0; t < n; t++) {
				const e = y[t] - m;
				s += gamma[t * k + i] * e * e;
			}
			pooled += s;
			nextVar[i] = occupancy[i] > 0 ? Math.max(floor, s / occupancy[i]) : variance[i];
		}
		if (!spec.switchingVariance) nextVar.fill(Math.max(floor, pooled / n));
		mean = nextMean;
		variance = nextVar;
		P = nextP;
		progress(iterations / EM_MAX_ITERATIONS);
	}
	return { params: { mean, variance, transition: P }, ll, iterations, converged };
}

function validate(returns: Float64Array, spec: SwitchingSpec): void {
	if (!Number.isInteger(spec.k) || spec.k < 2)
		throw new RangeError(`k must be an integer ≥ 2, got ${spec.k}`);
	for (let t = 0; t < returns.length; t++)
		if (!Number.isFinite(returns[t])) throw new RangeError(`returns[${t}] is not finite (${returns[t]})`);
	const needed = 5 * spec.k;
	if (returns.length < needed)
		throw new RangeError(`returns has ${returns.length} values; ${spec.k} regimes need at least ${needed}`);
	let s = 0;
	let ss = 0;
	for (const r of returns) {
		s += r;
		ss += r * r;
	}
	if (!(ss / returns.length - (s / returns.length) ** 2 > 0)) throw new RangeError('returns are constant');
}

/** Smallest transition probability the BFGS parametrisation represents (its log is finite). */
const MIN_PROBABILITY = 1e-12;
const POLISH_MAX_ITERATIONS = 200;

function pack(p: SwitchingParams, spec: SwitchingSpec): Float64Array {
	const { k } = spec;
	const x: number[] = [];
	for (let i = 0; i < k; i++)
		for (let j = 0; j < k; j++)
			if (j !== i)
				x.push(
					Math.log(
						Math.max(MIN_PROBABILITY, p.transition[i * k + j]) /
							Math.max(MIN_PROBABILITY, p.transition[i * k + i])
					)
				);
	if (spec.switchingMean) x.push(...p.mean);
	else x.push(p.mean[0]);
	if (spec.switchingVariance) x.push(...Array.from(p.variance, Math.log));
	else x.push(Math.log(p.variance[0]));
	return Float64Array.from(x);
}

function unpack(x: Float64Array, spec: SwitchingSpec, floor: number): SwitchingParams {
	const { k } = spec;
	const transition = new Float64Array(k * k);
	let at = 0;
	for (let i = 0; i < k; i++) {
		let z = 1;
		const e = new Float64Array(k);
		for (let j = 0; j < k; j++) if (j !== i) z += e[j] = Math.exp(x[at++]);
		for (let j = 0; j < k; j++) transition[i * k + j] = j === i ? 1 / z : e[j] / z;
	}
	const mean = new Float64Array(k);
	const variance = new Float64Array(k);
	for (let i = 0; i < k; i++) mean[i] = spec.switchingMean ? x[at + i] : x[at];
	at += spec.switchingMean ? k : 1;
	for (let i = 0; i < k; i++)
		variance[i] = Math.max(floor, Math.exp(spec.switchingVariance ? x[at + i] : x[at]));
	return { mean, variance, transition };
}

function polish(
	y: Float64Array,
	start: EmResult,
	spec: SwitchingSpec,
	floor: number,
	ctx: FitContext
): EmResult {
	const { k } = spec;
	const n = y.length;
	const filtered = new Float64Array(n * k);
	const scale = new Float64Array(n);
	const negLl = (x: Float64Array): number => {
		const p = unpack(x, spec, floor);
		const ll = forward(y, densities(y, p.mean, p.variance, k), p.transition, k, filtered, scale);
		return Number.isFinite(ll) ? -ll / n : Infinity;
	};
	const result = minimize(negLl, pack(start.params, spec), {
		maxIterations: POLISH_MAX_ITERATIONS,
		isCancelled: ctx.isCancelled
	});
	const ll = -result.value * n;
	if (!(ll > start.ll)) return start;
	return {
		params: unpack(result.x, spec, floor),
		ll,
		iterations: start.iterations + result.iterations,
		converged: result.converged
	};
}

/** Fits the model by EM from the deterministic starts; the best start's parameters, in return units. */
export function fitSwitching(returns: Float64Array, spec: SwitchingSpec, ctx: FitContext): SwitchingFit {
	validate(returns, spec);
	const y = scaled(returns);
	let s = 0;
	let ss = 0;
	for (const v of y) {
		s += v;
		ss += v * v;
	}
	const floor = VARIANCE_FLOOR * (ss / y.length - (s / y.length) ** 2);
	const starts = [kmeans1d(y, spec.k), kmeans1d(y.map(Math.abs), spec.k), tails(y, spec.k)];
	let best: EmResult | null = null;
	starts.forEach((label, i) => {
		const result = em(y, startFrom(y, label, spec, floor), spec, floor, ctx, (f) =>
			ctx.onProgress?.((i + f) / starts.length)
		);
		if (best === null || result.ll > best.ll) best = result;
	});
	let b = best as unknown as EmResult;
	if (spec.polish) b = polish(y, b, spec, floor, ctx);
	ctx.onProgress?.(1);
	return {
		k: spec.k,
		mean: b.params.mean.map((m) => m / RETURN_SCALE),
		variance: b.params.variance.map((v) => v / RETURN_SCALE ** 2),
		transition: b.params.transition,
		logLikelihood: b.ll + y.length * Math.log(RETURN_SCALE),
		iterations: b.iterations,
		converged: b.converged
	};
}

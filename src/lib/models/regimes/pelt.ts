/**
 * PELT change-point detection (Killick, Fearnhead & Eckley 2012) run online over daily log returns, for the catalog
 * entry `bayesian_change_point_detection` (its original pointed at `ruptures.Pelt`, whose parameters it has).
 *
 * - Costs as ruptures defines them, on the series standardised with the training window's mean and population
 *   standard deviation: `l2` Σ(y − ȳ)²; `l1` Σ|y − median|; `normal` n·log(σ̂² + 1e-6) (CostNormal with its
 *   default small diagonal); `rbf` n − (1/n)·Σᵢⱼ exp(−γ(yᵢ − yⱼ)²) with γ = 1 / median of the training window's
 *   pairwise squared distances (ruptures' median heuristic, fixed at fit time); `linear` the residual sum of
 *   squares of a least-squares line in time within the segment (ruptures' CostLinear regresses on given
 *   covariates; a single return series has none, so the covariates here are an intercept and the time index).
 * - The optimal partition minimises Σ cost + penalty per segment, segments at least max(min_size, the cost's own
 *   minimum: l2 and rbf 1, the others 2) long. Every index is a candidate (ruptures' default `jump=5` subsamples
 *   them for speed; exact PELT does not).
 * - Online: F(t), the optimal cost of the first t values, is PELT's recursion over the candidates that pruning
 *   keeps, so it is computed value by value. The state at row t is read from the optimal partition of rows ≤ t:
 *   1 when the mean raw return of its last segment (since the last change point) is positive, else 0 — what the
 *   regime rule trades. A candidate that fails the pruning test at t is dropped only from t + min_size on (before
 *   that, the segment after t would be too short to replace it), which keeps the pruning exact with a minimum size.
 * - No reference library is installed (ruptures is absent); bench/make-regimes-fixture.py holds a brute-force exact
 *   optimal partitioning in NumPy (the O(n²) dynamic programme) that the spec matches change point for change point.
 */
import type { FitContext } from '../types';
import { FitCancelledError } from '../types';

export const PELT_MODELS = ['rbf', 'l1', 'l2', 'normal', 'linear'] as const;
export type PeltModel = (typeof PELT_MODELS)[number];

export interface PeltParams {
	readonly model: PeltModel;
	readonly min_size: number;
	readonly penalty: number;
}

/** The smallest segment each cost accepts (ruptures' `min_size` of the cost classes). */
const COST_MIN_SIZE: Record<PeltModel, number> = { l2: 1, rbf: 1, l1: 2, normal: 2, linear: 2 };
/** CostNormal's `add_small_diag`: keeps the log finite on a constant segment. */
export const NORMAL_SMALL_DIAG = 1e-6;

export interface PeltFit {
	readonly params: PeltParams;
	readonly mean: number;
	readonly scale: number;
	/** rbf bandwidth from the training window (NaN for the other costs). */
	readonly gamma: number;
	/** Effective minimum segment length. */
	readonly minSize: number;
}

/** One candidate last segment [start, t): its running statistics. */
interface Segment {
	readonly start: number;
	readonly F: number;
	/** Pruned from this prefix length on (Infinity while it survives). */
	removeAt: number;
	add(y: number): void;
	cost(): number;
}

class MomentSegment implements Segment {
	removeAt = Infinity;
	private n = 0;
	private mean = 0;
	private m2 = 0;
	constructor(
		readonly start: number,
		readonly F: number,
		private readonly normal: boolean
	) {}
	add(y: number): void {
		// Welford: stable for long segments.
		this.n++;
		const d = y - this.mean;
		this.mean += d / this.n;
		this.m2 += d * (y - this.mean);
	}
	cost(): number {
		const m2 = Math.max(0, this.m2);
		return this.normal ? this.n * Math.log(m2 / this.n + NORMAL_SMALL_DIAG) : m2;
	}
}

class LinearSegment implements Segment {
	removeAt = Infinity;
	private n = 0;
	private st = 0;
	private stt = 0;
	private sy = 0;
	private sty = 0;
	private syy = 0;
	constructor(
		readonly start: number,
		readonly F: number
	) {}
	add(y: number): void {
		const t = this.n; // time within the segment
		this.n++;
		this.st += t;
		this.stt += t * t;
		this.sy += y;
		this.sty += t * y;
		this.syy += y * y;
	}
	cost(): number {
		const { n, st, stt, sy, sty, syy } = this;
		const det = n * stt - st * st;
		if (!(det > 1e-9 * n * stt)) return n > 0 ? Math.max(0, syy - (sy * sy) / n) : 0;
		// RSS = Σy² − bᵀA⁻¹b with A = [[n, Σt], [Σt, Σt²]], b = [Σy, Σty].
		const fit = (stt * sy * sy - 2 * st * sy * sty + n * sty * sty) / det;
		return Math.max(0, syy - fit);
	}
}

/** Σ|y − median| by two heaps (lower half max-heap, upper half min-heap) with their sums. */
class L1Segment implements Segment {
	removeAt = Infinity;
	private lower: number[] = []; // max-heap
	private upper: number[] = []; // min-heap
	private sumL = 0;
	private sumU = 0;
	constructor(
		readonly start: number,
		readonly F: number
	) {}
	add(y: number): void {
		if (this.lower.length === 0 || y <= this.lower[0]) {
			push(this.lower, y, (a, b) => a > b);
			this.sumL += y;
		} else {
			push(this.upper, y, (a, b) => a < b);
			this.sumU += y;
		}
		if (this.lower.length > this.upper.length + 1) {
			const v = pop(this.lower, (a, b) => a > b);
			this.sumL -= v;
			push(this.upper, v, (a, b) => a < b);
			this.sumU += v;
		} else if (this.upper.length > this.lower.length) {
			const v = pop(this.upper, (a, b) => a < b);
			this.sumU -= v;
			push(this.lower, v, (a, b) => a > b);
			this.sumL += v;
		}
	}
	cost(): number {
		const m = this.lower[0];
		return Math.max(0, this.sumU - this.sumL + m * (this.lower.length - this.upper.length));
	}
}

function push(h: number[], v: number, above: (a: number, b: number) => boolean): void {
	h.push(v);
	let i = h.length - 1;
	while (i > 0) {
		const p = (i - 1) >> 1;
		if (!above(h[i], h[p])) break;
		[h[i], h[p]] = [h[p], h[i]];
		i = p;
	}
}

function pop(h: number[], above: (a: number, b: number) => boolean): number {
	const top = h[0];
	const last = h.pop()!;
	if (h.length > 0) {
		h[0] = last;
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let m = i;
			if (l < h.length && above(h[l], h[m])) m = l;
			if (r < h.length && above(h[r], h[m])) m = r;
			if (m === i) break;
			[h[i], h[m]] = [h[m], h[i]];
			i = m;
		}
	}
	return top;
}

/** rbf: n − (1/n)·(block sum of the kernel); the block grows by 2·(new column inside the segment) + 1. */
class RbfSegment implements Segment {
	removeAt = Infinity;
	n = 0;
	block = 0;
	constructor(
		readonly start: number,
		readonly F: number
	) {}
	add(): void {
		throw new Error('rbf segments grow through addColumn');
	}
	addColumn(columnSum: number): void {
		this.n++;
		this.block += 2 * columnSum + 1;
	}
	cost(): number {
		return Math.max(0, this.n - this.block / this.n);
	}
}

function validate(params: PeltParams): void {
	if (!PELT_MODELS.includes(params.model))
		throw new RangeError(`model must be one of ${PELT_MODELS.join(', ')}, got ${String(params.model)}`);
	if (!Number.isInteger(params.min_size) || params.min_size < 1)
		throw new RangeError(`min_size must be a positive integer, got ${params.min_size}`);
	if (!(Number.isFinite(params.penalty) && params.penalty > 0))
		throw new RangeError(`penalty must be a positive number, got ${params.penalty}`);
}

/** The k-th smallest value of a (reordered in place): Hoare's quickselect with a median-of-three pivot. */
function select(a: Float64Array, k: number): number {
	let lo = 0;
	let hi = a.length - 1;
	while (hi > lo) {
		const mid = (lo + hi) >> 1;
		const x = a[lo];
		const y = a[mid];
		const z = a[hi];
		const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
		let i = lo;
		let j = hi;
		while (i <= j) {
			while (a[i] < pivot) i++;
			while (a[j] > pivot) j--;
			if (i <= j) {
				const t = a[i];
				a[i] = a[j];
				a[j] = t;
				i++;
				j--;
			}
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else return a[k];
	}
	return a[k];
}

/** Median of the pairwise squared distances (ruptures' rbf bandwidth: γ = 1 / median, 1 when it is 0). */
export function rbfGamma(z: Float64Array): number {
	const n = z.length;
	if (n < 2) return 1;
	const d = new Float64Array((n * (n - 1)) / 2);
	let at = 0;
	for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) d[at++] = (z[i] - z[j]) ** 2;
	const half = d.length >> 1;
	let m: number;
	if (d.length % 2) m = select(d, half);
	else {
		const upper = select(d, half);
		// After selecting, everything left of `half` is ≤ it: the lower middle is their maximum.
		let lower = -Infinity;
		for (let i = 0; i < half; i++) if (d[i] > lower) lower = d[i];
		m = (lower + upper) / 2;
	}
	return m > 0 ? 1 / m : 1;
}

/** Validates the params and takes the training window's scale (and rbf bandwidth). */
export function fitPelt(returns: Float64Array, params: PeltParams, ctx?: FitContext): PeltFit {
	validate(params);
	const n = returns.length;
	if (n < 2) throw new RangeError(`returns has ${n} values; PELT needs at least 2`);
	for (let t = 0; t < n; t++)
		if (!Number.isFinite(returns[t])) throw new RangeError(`returns[${t}] is not finite (${returns[t]})`);
	if (ctx?.isCancelled?.()) throw new FitCancelledError();
	const mean = returns.reduce((a, b) => a + b, 0) / n;
	const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / n);
	if (returns.every((r) => r === returns[0]) || !(sd > 0)) throw new RangeError('returns are constant');
	const gamma = params.model === 'rbf' ? rbfGamma(returns.map((r) => (r - mean) / sd)) : Number.NaN;
	ctx?.onProgress?.(1);
	return {
		params,
		mean,
		scale: sd,
		gamma,
		minSize: Math.max(params.min_size, COST_MIN_SIZE[params.model])
	};
}

export interface PeltRun {
	/** lastStart[m] = start of the last segment of the optimal partition of the first m values (m = 0 … n). */
	readonly lastStart: Int32Array;
	/** F[m], the optimal penalised cost of the first m values (Infinity while no partition is allowed). */
	readonly F: Float64Array;
	/** The state of each row: 1 when its current segment's mean raw return is positive, else 0. */
	readonly states: Int32Array;
	/** Largest number of candidates kept at once (pruning's effect). */
	readonly maxCandidates: number;
}

/** Runs PELT online through `returns` (raw; standardised with the fit's training statistics). */
export function runPelt(fit: PeltFit, returns: Float64Array): PeltRun {
	const { model, penalty } = fit.params;
	const m = fit.minSize;
	const n = returns.length;
	const z = Float64Array.from(returns, (r) => {
		const v = (r - fit.mean) / fit.scale;
		return Number.isFinite(v) ? v : 0;
	});
	const F = new Float64Array(n + 1).fill(Infinity);
	F[0] = 0;
	const lastStart = new Int32Array(n + 1);
	const states = new Int32Array(n);
	// Prefix sums of the raw returns, for the current segment's mean (a missing return counts as 0).
	const raw = new Float64Array(n + 1);
	for (let t = 0; t < n; t++) raw[t + 1] = raw[t] + (Number.isFinite(returns[t]) ? returns[t] : 0);
	const make = (start: number, f: number): Segment =>
		model === 'l2' || model === 'normal'
			? new MomentSegment(start, f, model === 'normal')
			: model === 'linear'
				? new LinearSegment(start, f)
				: model === 'l1'
					? new L1Segment(start, f)
					: new RbfSegment(start, f);
	let candidates: Segment[] = [make(0, 0)];
	let maxCandidates = 1;
	const column = new Float64Array(n);
	for (let t = 1; t <= n; t++) {
		const y = z[t - 1];
		if (model === 'rbf') {
			// Kernel column of the new value against every earlier value of a live segment, summed from each start.
			const from = candidates[0].start;
			let acc = 0;
			let c = candidates.length - 1;
			// The segment starting at the new value itself has no earlier values.
			while (c >= 0 && candidates[c].start > t - 2) (candidates[c--] as RbfSegment).addColumn(0);
			for (let i = t - 2; i >= from; i--) {
				column[i] = Math.exp(-fit.gamma * (z[i] - y) ** 2);
				acc += column[i];
				while (c >= 0 && candidates[c].start === i) (candidates[c--] as RbfSegment).addColumn(acc);
			}
			while (c >= 0) (candidates[c--] as RbfSegment).addColumn(0);
		} else for (const s of candidates) s.add(y);
		let best = Infinity;
		let at = -1;
		const total = new Float64Array(candidates.length).fill(Infinity);
		candidates.forEach((s, i) => {
			if (t - s.start < m) return;
			total[i] = s.F + s.cost();
			if (total[i] + penalty < best) {
				best = total[i] + penalty;
				at = s.start;
			}
		});
		F[t] = best;
		lastStart[t] = at < 0 ? 0 : at;
		const start = lastStart[t];
		states[t - 1] = (raw[t] - raw[start]) / (t - start) > 0 ? 1 : 0;
		// Prune (exactly, with the minimum size: a failing candidate leaves once t + m is reached).
		candidates.forEach((s, i) => {
			if (s.removeAt === Infinity && total[i] > best && t - s.start >= m) s.removeAt = t + m;
		});
		candidates = candidates.filter((s) => s.removeAt > t);
		if (Number.isFinite(best)) candidates.push(make(t, best));
		maxCandidates = Math.max(maxCandidates, candidates.length);
	}
	return { lastStart, F, states, maxCandidates };
}

/** Change points of the optimal partition of all of `returns` (segment ends, the last being n), as ruptures. */
export function changePoints(run: PeltRun): number[] {
	const out: number[] = [];
	for (let t = run.lastStart.length - 1; t > 0; t = run.lastStart[t]) out.push(t);
	return out.reverse();
}

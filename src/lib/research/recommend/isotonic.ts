/**
 * Isotonic calibration: the increasing step-then-linear map from a model's score to P(outcome = 1), fitted by
 * pool-adjacent-violators (Barlow et al. 1972; Zadrozny & Elkan 2002 for calibration). It reproduces
 * scikit-learn 1.2.1 `IsotonicRegression(increasing=True, out_of_bounds='clip')`, which is what
 * `CalibratedClassifierCV(method='isotonic')` fits for a binary problem:
 * - rows are sorted by score; tied scores become one point with the mean outcome and their count as weight
 *   (`_make_unique`);
 * - weighted PAV on those points (`isotonic_regression`);
 * - a point whose fitted value equals both neighbours' is dropped (`trim_duplicates`), leaving the thresholds
 *   `X_thresholds_` / `y_thresholds_`;
 * - a score is clipped to [first, last] threshold and linearly interpolated (`interp1d`); one threshold → constant.
 *
 * Each threshold also keeps the number of rows pooled into its PAV block (`n`), from which a standard error
 * √(p(1 − p)/n) of the calibrated probability follows (a binomial proportion over the block; between two blocks
 * the smaller count, to stay conservative). scikit-learn has no such number; it is ours.
 */
import { RecommendError, checkScored } from './errors';

/** The JSON-serialisable fitted form: thresholds (x strictly increasing), their values, their block sizes. */
export interface IsotonicFit {
	readonly method: 'isotonic';
	readonly x: readonly number[];
	readonly y: readonly number[];
	readonly n: readonly number[];
}

export function fitIsotonic(scores: ArrayLike<number>, outcomes: ArrayLike<number>): IsotonicFit {
	checkScored(scores, outcomes, 1);
	const order = Array.from({ length: scores.length }, (_, i) => i).sort(
		(i, j) => scores[i] - scores[j] || outcomes[i] - outcomes[j]
	);
	// Unique scores with mean outcome and count.
	const ux: number[] = [];
	const uy: number[] = [];
	const uw: number[] = [];
	for (const i of order) {
		const last = ux.length - 1;
		if (last >= 0 && ux[last] === scores[i]) {
			uy[last] += outcomes[i];
			uw[last] += 1;
		} else {
			ux.push(scores[i]);
			uy.push(outcomes[i]);
			uw.push(1);
		}
	}
	for (let k = 0; k < uy.length; k++) uy[k] /= uw[k];
	// Pool adjacent violators: a stack of blocks (weighted mean, weight, first point).
	const mean: number[] = [];
	const weight: number[] = [];
	const start: number[] = [];
	for (let k = 0; k < ux.length; k++) {
		let m = uy[k];
		let w = uw[k];
		let s = k;
		while (mean.length > 0 && mean[mean.length - 1] >= m) {
			const pm = mean.pop() as number;
			const pw = weight.pop() as number;
			s = start.pop() as number;
			m = (pm * pw + m * w) / (pw + w);
			w += pw;
		}
		mean.push(m);
		weight.push(w);
		start.push(s);
	}
	const fy = new Float64Array(ux.length);
	const fn = new Float64Array(ux.length);
	for (let b = 0; b < mean.length; b++) {
		const end = b + 1 < start.length ? start[b + 1] : ux.length;
		for (let k = start[b]; k < end; k++) {
			fy[k] = mean[b];
			fn[k] = weight[b];
		}
	}
	// Keep the first, the last, and every point whose value differs from a neighbour's.
	const x: number[] = [];
	const y: number[] = [];
	const n: number[] = [];
	for (let k = 0; k < ux.length; k++) {
		const inner = k > 0 && k < ux.length - 1;
		if (inner && fy[k] === fy[k - 1] && fy[k] === fy[k + 1]) continue;
		x.push(ux[k]);
		y.push(fy[k]);
		n.push(fn[k]);
	}
	return { method: 'isotonic', x, y, n };
}

/** Index of the last threshold ≤ s (s already clipped into [x₀, x_last]). */
function segment(x: readonly number[], s: number): number {
	let lo = 0;
	let hi = x.length - 1;
	while (hi - lo > 1) {
		const mid = (lo + hi) >> 1;
		if (x[mid] <= s) lo = mid;
		else hi = mid;
	}
	return lo;
}

/** The calibrated probability at a score: clipped, then linear between thresholds; NaN for NaN. */
export function isotonicProbability(fit: IsotonicFit, score: number): number {
	if (Number.isNaN(score)) return Number.NaN;
	const { x, y } = fit;
	if (x.length === 1) return y[0];
	const s = Math.min(Math.max(score, x[0]), x[x.length - 1]);
	const k = segment(x, s);
	if (s === x[k] || k === x.length - 1) return y[k];
	const t = (s - x[k]) / (x[k + 1] - x[k]);
	return y[k] + t * (y[k + 1] - y[k]);
}

/** Rows behind the calibrated value at a score: the block's size, or the smaller of two neighbouring blocks. */
export function isotonicSupport(fit: IsotonicFit, score: number): number {
	const { x, n } = fit;
	if (x.length === 1) return n[0];
	const s = Math.min(Math.max(score, x[0]), x[x.length - 1]);
	const k = segment(x, s);
	if (s === x[k] || k === x.length - 1) return n[k];
	return Math.min(n[k], n[k + 1]);
}

/** Parses a stored fit back (e.g. from IndexedDB JSON), checking its shape. */
export function checkIsotonicFit(fit: IsotonicFit): IsotonicFit {
	const { x, y, n } = fit;
	if (x.length < 1 || y.length !== x.length || n.length !== x.length)
		throw new RecommendError(
			'invalid',
			'fit',
			'isotonic thresholds x, y and n must be non-empty and of one length'
		);
	for (let k = 0; k < x.length; k++) {
		if (!Number.isFinite(x[k]) || (k > 0 && !(x[k] > x[k - 1])))
			throw new RecommendError('invalid', 'fit.x', `thresholds must increase strictly (index ${k})`);
		if (!(y[k] >= 0 && y[k] <= 1) || (k > 0 && y[k] < y[k - 1]))
			throw new RecommendError('invalid', 'fit.y', `values must be non-decreasing in [0, 1] (index ${k})`);
		if (!(n[k] >= 1)) throw new RecommendError('invalid', 'fit.n', `block sizes must be ≥ 1 (index ${k})`);
	}
	return fit;
}

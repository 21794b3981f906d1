/**
 * Propensity scores and the two estimators that use them, for a binary treatment D and covariates Z:
 * - logistic regression of D on a constant and Z by Newton–Raphson (the maximum-likelihood fit statsmodels' Logit
 *   gives), refusing perfectly separated data;
 * - inverse-probability weighting with normalised (Hájek) weights:
 *   ATE = Σ D·Y/e / Σ D/e − Σ (1−D)·Y/(1−e) / Σ (1−D)/(1−e);
 * - 1:1 nearest-neighbour matching on the score, with replacement: each unit's missing potential outcome is the
 *   outcome of the unit of the other group whose score is nearest (ties to the earlier), ATE = mean of the
 *   unit-level differences (the average of ATT and ATC weighted by group sizes, as DoWhy's matching estimator).
 */

const NEWTON_TOLERANCE = 1e-12;
const NEWTON_MAX_STEPS = 100;

export class PropensityError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PropensityError';
	}
}

/** Solves the small symmetric positive-definite system A x = b by Cholesky; null when A is not positive definite. */
function choleskySolve(A: Float64Array[], b: Float64Array): Float64Array | null {
	const k = b.length;
	const L = A.map(() => new Float64Array(k));
	for (let i = 0; i < k; i++)
		for (let j = 0; j <= i; j++) {
			let s = A[i][j];
			for (let m = 0; m < j; m++) s -= L[i][m] * L[j][m];
			if (i === j) {
				if (!(s > 0)) return null;
				L[i][i] = Math.sqrt(s);
			} else L[i][j] = s / L[j][j];
		}
	const y = new Float64Array(k);
	for (let i = 0; i < k; i++) {
		let s = b[i];
		for (let m = 0; m < i; m++) s -= L[i][m] * y[m];
		y[i] = s / L[i][i];
	}
	const x = new Float64Array(k);
	for (let i = k - 1; i >= 0; i--) {
		let s = y[i];
		for (let m = i + 1; m < k; m++) s -= L[m][i] * x[m];
		x[i] = s / L[i][i];
	}
	return x;
}

/** Logistic regression of d (0/1) on [1, covariates…]: coefficients (constant first) and fitted probabilities. */
export function logisticFit(
	d: Float64Array,
	covariates: readonly Float64Array[]
): { params: Float64Array; probabilities: Float64Array } {
	const n = d.length;
	const cols = [new Float64Array(n).fill(1), ...covariates];
	const k = cols.length;
	let treated = 0;
	for (let i = 0; i < n; i++) treated += d[i];
	if (treated === 0 || treated === n)
		throw new PropensityError('Every row is in the same treatment group: no propensity can be estimated.');
	const beta = new Float64Array(k);
	beta[0] = Math.log(treated / (n - treated));
	const p = new Float64Array(n);
	for (let step = 0; step < NEWTON_MAX_STEPS; step++) {
		const grad = new Float64Array(k);
		const H = Array.from({ length: k }, () => new Float64Array(k));
		for (let i = 0; i < n; i++) {
			let eta = 0;
			for (let j = 0; j < k; j++) eta += beta[j] * cols[j][i];
			p[i] = 1 / (1 + Math.exp(-eta));
			const w = p[i] * (1 - p[i]);
			const r = d[i] - p[i];
			for (let a = 0; a < k; a++) {
				grad[a] += r * cols[a][i];
				for (let b = 0; b <= a; b++) H[a][b] += w * cols[a][i] * cols[b][i];
			}
		}
		for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) H[b][a] = H[a][b];
		const delta = choleskySolve(H, grad);
		if (!delta)
			throw new PropensityError('The propensity model is singular (a covariate is constant or collinear).');
		let size = 0;
		for (let j = 0; j < k; j++) {
			beta[j] += delta[j];
			size = Math.max(size, Math.abs(delta[j]));
		}
		if (!beta.every(Number.isFinite) || size > 1e6)
			throw new PropensityError('The treatment groups are perfectly separated by the covariates.');
		if (size < NEWTON_TOLERANCE * (1 + Math.max(...beta.map(Math.abs)))) break;
	}
	for (let i = 0; i < n; i++) {
		let eta = 0;
		for (let j = 0; j < k; j++) eta += beta[j] * cols[j][i];
		p[i] = 1 / (1 + Math.exp(-eta));
	}
	return { params: beta, probabilities: p };
}

/** Hájek inverse-probability-weighted average treatment effect. */
export function ipwEffect(y: Float64Array, d: Float64Array, e: Float64Array): number {
	let s1 = 0;
	let w1 = 0;
	let s0 = 0;
	let w0 = 0;
	for (let i = 0; i < y.length; i++) {
		if (d[i] === 1) {
			s1 += y[i] / e[i];
			w1 += 1 / e[i];
		} else {
			s0 += y[i] / (1 - e[i]);
			w0 += 1 / (1 - e[i]);
		}
	}
	return s1 / w1 - s0 / w0;
}

/** Index (into `sorted`, scores ascending) of the score nearest to `v`, ties to the lower. */
function nearest(sortedScores: Float64Array, v: number): number {
	let lo = 0;
	let hi = sortedScores.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sortedScores[mid] < v) lo = mid + 1;
		else hi = mid;
	}
	if (lo > 0 && Math.abs(sortedScores[lo - 1] - v) <= Math.abs(sortedScores[lo] - v)) return lo - 1;
	return lo;
}

/** 1:1 nearest-neighbour propensity matching with replacement: the average treatment effect. */
export function matchingEffect(y: Float64Array, d: Float64Array, e: Float64Array): number {
	const groups = [0, 1].map((g) => {
		const idx: number[] = [];
		for (let i = 0; i < y.length; i++) if (d[i] === g) idx.push(i);
		idx.sort((a, b) => e[a] - e[b] || a - b);
		return { idx, scores: Float64Array.from(idx, (i) => e[i]) };
	});
	let total = 0;
	for (let i = 0; i < y.length; i++) {
		const other = groups[d[i] === 1 ? 0 : 1];
		const match = other.idx[nearest(other.scores, e[i])];
		total += d[i] === 1 ? y[i] - y[match] : y[match] - y[i];
	}
	return total / y.length;
}

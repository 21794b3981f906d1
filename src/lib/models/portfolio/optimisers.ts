/**
 * Portfolio weights from expected returns and a covariance, fully invested (Σw = 1) within per-asset bounds
 * lower ≤ w ≤ upper (long-only with the default bounds 0 … 1). Pure functions on Float64Arrays; the portfolio
 * trial kind wires them to data. Covariances are n×n row-major.
 *
 * - meanVariance: maximise μᵀw − ½δ wᵀΣw (PyPortfolioOpt's max_quadratic_utility), an exact active-set QP.
 * - maxSharpe: maximise (μ − r_f)ᵀw / √(wᵀΣw) through its convex reformulation (Cornuéjols & Tütüncü, Optimization
 *   Methods in Finance, 2007, §8.2; as PyPortfolioOpt's max_sharpe): minimise yᵀΣy subject to (μ − r_f)ᵀy = 1,
 *   Σy = κ, lower·κ ≤ y ≤ upper·κ, κ ≥ 0, then w = y / κ.
 * - riskParity: equal risk contributions w_i (Σw)_i (Maillard, Roncalli & Teïletche 2010) by cyclical
 *   coordinate descent on ½yᵀΣy − Σ b_i ln y_i (Griveau-Billion, Richard & Roncalli 2013), polished by Newton.
 */
import { dot, matVec, solve, symmetricEigenvalues } from './dense';
import { solveQp } from './qp';

export interface Bounds {
	readonly lower: Float64Array;
	readonly upper: Float64Array;
}

/** The same bounds for every asset (the catalog's weight_bounds). */
export function uniformBounds(n: number, lower = 0, upper = 1): Bounds {
	return { lower: new Float64Array(n).fill(lower), upper: new Float64Array(n).fill(upper) };
}

/** A negative eigenvalue beyond this share of the largest is not rounding: the matrix is not PSD. */
const PSD_TOL = 1e-12;

function checkCov(cov: Float64Array, n: number): void {
	if (n < 1) throw new RangeError('cov needs at least one asset');
	if (cov.length !== n * n)
		throw new RangeError(`cov must be ${n}×${n} (${n * n} values), got ${cov.length}`);
	let scale = 0;
	for (let i = 0; i < cov.length; i++) {
		if (!Number.isFinite(cov[i])) throw new RangeError(`cov[${Math.floor(i / n)}][${i % n}] is ${cov[i]}`);
		scale = Math.max(scale, Math.abs(cov[i]));
	}
	for (let i = 0; i < n; i++)
		for (let j = i + 1; j < n; j++)
			if (Math.abs(cov[i * n + j] - cov[j * n + i]) > 1e-12 * scale)
				throw new RangeError(`cov is not symmetric: cov[${i}][${j}] ≠ cov[${j}][${i}]`);
	const eig = symmetricEigenvalues(cov, n);
	if (eig[0] < -PSD_TOL * Math.max(Math.abs(eig[n - 1]), Number.MIN_VALUE))
		throw new RangeError(
			`cov is not positive semi-definite: its smallest eigenvalue is ${eig[0].toPrecision(6)}`
		);
}

function checkVector(v: Float64Array, n: number, name: string): void {
	if (v.length !== n) throw new RangeError(`${name} must have ${n} values (one per asset), got ${v.length}`);
	v.forEach((x, i) => {
		if (!Number.isFinite(x)) throw new RangeError(`${name}[${i}] is ${x}`);
	});
}

function checkBounds(b: Bounds, n: number): void {
	checkVector(b.lower, n, 'bounds.lower');
	checkVector(b.upper, n, 'bounds.upper');
	let lo = 0;
	let hi = 0;
	for (let i = 0; i < n; i++) {
		if (b.lower[i] > b.upper[i])
			throw new RangeError(`bounds are infeasible: asset ${i} has lower ${b.lower[i]} > upper ${b.upper[i]}`);
		lo += b.lower[i];
		hi += b.upper[i];
	}
	if (lo > 1 + 1e-12 || hi < 1 - 1e-12)
		throw new RangeError(
			`bounds are infeasible: the lower bounds sum to ${lo} and the upper bounds to ${hi}, so no weights within them sum to 1`
		);
}

/** A feasible start: every asset at its lower bound, the rest of the budget filled in the given order. */
function fill(b: Bounds, order: readonly number[]): Float64Array {
	const w = b.lower.slice();
	let left = 1 - w.reduce((a, v) => a + v, 0);
	for (const i of order) {
		const add = Math.min(left, b.upper[i] - w[i]);
		w[i] += add;
		left -= add;
	}
	return w;
}

const unit = (n: number, i: number, sign = 1): Float64Array => {
	const a = new Float64Array(n);
	a[i] = sign;
	return a;
};

/** Weights maximising μᵀw − ½·riskAversion·wᵀΣw, fully invested within the bounds. */
export function meanVariance(
	mu: Float64Array,
	cov: Float64Array,
	riskAversion: number,
	bounds: Bounds
): Float64Array {
	const n = mu.length;
	checkVector(mu, n, 'mu');
	checkCov(cov, n);
	checkBounds(bounds, n);
	if (!(riskAversion > 0) || !Number.isFinite(riskAversion))
		throw new RangeError(`riskAversion must be a positive number, got ${riskAversion}`);
	const ineq = [];
	for (let i = 0; i < n; i++) {
		ineq.push({ a: unit(n, i), b: bounds.lower[i] });
		ineq.push({ a: unit(n, i, -1), b: -bounds.upper[i] });
	}
	const sol = solveQp(
		{
			n,
			G: cov.map((v) => riskAversion * v),
			c: mu.map((v) => -v),
			eq: [{ a: new Float64Array(n).fill(1), b: 1 }],
			ineq
		},
		fill(
			bounds,
			Array.from({ length: n }, (_, i) => i)
		)
	);
	return sol.x;
}

/** Weights maximising the Sharpe ratio (μ − rf)ᵀw / √(wᵀΣw), fully invested within the bounds. */
export function maxSharpe(mu: Float64Array, cov: Float64Array, rf: number, bounds: Bounds): Float64Array {
	const n = mu.length;
	checkVector(mu, n, 'mu');
	checkCov(cov, n);
	checkBounds(bounds, n);
	if (!Number.isFinite(rf)) throw new RangeError(`rf must be a finite number, got ${rf}`);
	const excess = mu.map((v) => v - rf);
	// Start from the feasible portfolio with the highest excess return (best assets filled first).
	const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => excess[b] - excess[a]);
	const w0 = fill(bounds, order);
	const best = dot(excess, w0);
	if (!(best > 0))
		throw new RangeError(
			`no portfolio within the bounds earns more than rf (${rf}): the highest excess return is ${best}, so the maximum Sharpe ratio is not defined`
		);
	// Variables (y_1 … y_n, κ).
	const m = n + 1;
	const G = new Float64Array(m * m);
	for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) G[i * m + j] = cov[i * n + j];
	const row = (f: (k: number) => number) => Float64Array.from({ length: m }, (_, k) => f(k));
	const ineq = [{ a: row((k) => (k === n ? 1 : 0)), b: 0 }];
	for (let i = 0; i < n; i++) {
		ineq.push({ a: row((k) => (k === i ? 1 : k === n ? -bounds.lower[i] : 0)), b: 0 });
		ineq.push({ a: row((k) => (k === i ? -1 : k === n ? bounds.upper[i] : 0)), b: 0 });
	}
	const kappa0 = 1 / best;
	const x0 = row((k) => (k === n ? kappa0 : kappa0 * w0[k]));
	const sol = solveQp(
		{
			n: m,
			G,
			c: new Float64Array(m),
			eq: [
				{ a: row((k) => (k < n ? excess[k] : 0)), b: 1 },
				{ a: row((k) => (k < n ? 1 : -1)), b: 0 }
			],
			ineq
		},
		x0
	);
	const kappa = sol.x[n];
	return Float64Array.from({ length: n }, (_, i) => sol.x[i] / kappa);
}

/** Coordinate descent stops when no coordinate moves more than this (relative). */
const CCD_TOL = 1e-12;
const CCD_MAX_SWEEPS = 10_000;

/** Equal-risk-contribution weights: w_i (Σw)_i the same for every asset, w > 0, Σw = 1. */
export function riskParity(cov: Float64Array): Float64Array {
	const n = Math.round(Math.sqrt(cov.length));
	checkCov(cov, n);
	for (let i = 0; i < n; i++)
		if (!(cov[i * n + i] > 0))
			throw new RangeError(`cov[${i}][${i}] is ${cov[i * n + i]}: every asset needs a positive variance`);
	const b = 1 / n;
	const y = Float64Array.from({ length: n }, (_, i) => 1 / Math.sqrt(cov[i * n + i]));
	let converged = false;
	for (let sweep = 0; sweep < CCD_MAX_SWEEPS && !converged; sweep++) {
		converged = true;
		for (let i = 0; i < n; i++) {
			let rest = 0;
			for (let j = 0; j < n; j++) if (j !== i) rest += cov[i * n + j] * y[j];
			const s = cov[i * n + i];
			const next = (-rest + Math.sqrt(rest * rest + 4 * s * b)) / (2 * s);
			if (Math.abs(next - y[i]) > CCD_TOL * y[i]) converged = false;
			y[i] = next;
		}
	}
	// Newton on F(y) = Σy − b/y = 0 (Jacobian Σ + diag(b/y²), positive definite): a few steps to rounding.
	for (let step = 0; step < 5; step++) {
		const sy = matVec(cov, y, n);
		const F = Float64Array.from({ length: n }, (_, i) => sy[i] - b / y[i]);
		const J = cov.slice();
		for (let i = 0; i < n; i++) J[i * n + i] += b / (y[i] * y[i]);
		const d = solve(J, F, n);
		if (!d) break;
		for (let i = 0; i < n; i++) y[i] = Math.max(y[i] - d[i], y[i] / 10);
	}
	const total = y.reduce((a, v) => a + v, 0);
	return y.map((v) => v / total);
}

/** Each asset's share of the portfolio variance: w_i (Σw)_i / wᵀΣw. */
export function riskContributions(w: Float64Array, cov: Float64Array): Float64Array {
	const sw = matVec(cov, w, w.length);
	const v = dot(w, sw);
	return w.map((wi, i) => (wi * sw[i]) / v);
}

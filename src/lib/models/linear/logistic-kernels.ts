/**
 * The arithmetic shared by the logistic solvers (logistic-solvers.ts): numerically safe link functions, the linear
 * predictor, the objective's parts and the weighted Gram pass that dominates each iteration's cost.
 */

export interface SolverInput {
	/** Standardised features, row-major n×p. */
	readonly z: Float64Array;
	readonly n: number;
	readonly p: number;
	/** Labels 0/1. */
	readonly y: Float64Array;
	/** True for the columns that do not vary: they keep a zero coefficient. */
	readonly constant: Uint8Array;
	readonly C: number;
	readonly maxIter: number;
	readonly onProgress?: (fraction: number) => void;
	readonly isCancelled?: () => boolean;
}

/** log(1 + e^η), without overflow for large η. */
export function softplus(eta: number): number {
	return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

export function sigmoid(eta: number): number {
	if (eta >= 0) return 1 / (1 + Math.exp(-eta));
	const e = Math.exp(eta);
	return e / (1 + e);
}

export function linearPredictor(s: SolverInput, w: Float64Array, b: number, eta: Float64Array): void {
	const { z, n, p } = s;
	for (let i = 0; i < n; i++) {
		const base = i * p;
		let e = b;
		for (let j = 0; j < p; j++) e += w[j] * z[base + j];
		eta[i] = e;
	}
}

/**
 * The weighted Gram matrix of [Z, 1] and the vector [Z, 1]ᵀr, both (p + 1)-sized with the intercept at index p:
 * G[j·m + k] = Σᵢ vᵢ zᵢⱼ zᵢₖ (full symmetric) and c[j] = Σᵢ zᵢⱼ rᵢ. One pass over row-major Z four rows at a time,
 * so each G entry is loaded and stored once per four rows (the ridge cross-products found the same pattern
 * fastest); this is the whole cost of a Newton or IRLS iteration.
 */
export function weightedGram(
	s: SolverInput,
	v: Float64Array,
	r: Float64Array,
	G: Float64Array,
	c: Float64Array
): void {
	const { z, n, p } = s;
	const m = p + 1;
	G.fill(0);
	c.fill(0);
	let vSum = 0;
	let rSum = 0;
	let i = 0;
	for (; i + 3 < n; i += 4) {
		const b0 = i * p;
		const b1 = b0 + p;
		const b2 = b1 + p;
		const b3 = b2 + p;
		const v0 = v[i];
		const v1 = v[i + 1];
		const v2 = v[i + 2];
		const v3 = v[i + 3];
		const r0 = r[i];
		const r1 = r[i + 1];
		const r2 = r[i + 2];
		const r3 = r[i + 3];
		vSum += v0 + v1 + v2 + v3;
		rSum += r0 + r1 + r2 + r3;
		for (let j = 0; j < p; j++) {
			const z0 = z[b0 + j];
			const z1 = z[b1 + j];
			const z2 = z[b2 + j];
			const z3 = z[b3 + j];
			const a0 = z0 * v0;
			const a1 = z1 * v1;
			const a2 = z2 * v2;
			const a3 = z3 * v3;
			c[j] += z0 * r0 + z1 * r1 + z2 * r2 + z3 * r3;
			const row = j * m;
			for (let k = 0; k <= j; k++) {
				G[row + k] += a0 * z[b0 + k] + a1 * z[b1 + k] + a2 * z[b2 + k] + a3 * z[b3 + k];
			}
			G[p * m + j] += a0 + a1 + a2 + a3;
		}
	}
	for (; i < n; i++) {
		const b0 = i * p;
		vSum += v[i];
		rSum += r[i];
		for (let j = 0; j < p; j++) {
			const a0 = z[b0 + j] * v[i];
			c[j] += z[b0 + j] * r[i];
			const row = j * m;
			for (let k = 0; k <= j; k++) G[row + k] += a0 * z[b0 + k];
			G[p * m + j] += a0;
		}
	}
	G[p * m + p] = vSum;
	c[p] = rSum;
	for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) G[k * m + j] = G[j * m + k];
}

/**
 * Σ logloss(yᵢ, ηᵢ) = Σ softplus(ηᵢ) − yᵢηᵢ, writing σ(ηᵢ) into `mu` on the way: both come from one exp(−|η|),
 * and the next iteration needs exactly these probabilities, so accepting a step costs no further exp.
 */
export function logLossSum(y: Float64Array, eta: Float64Array, mu: Float64Array): number {
	let f = 0;
	for (let i = 0; i < eta.length; i++) {
		const h = eta[i];
		const e = Math.exp(-Math.abs(h));
		if (h > 0) {
			f += h + Math.log1p(e) - y[i] * h;
			mu[i] = 1 / (1 + e);
		} else {
			f += Math.log1p(e) - y[i] * h;
			mu[i] = h === 0 ? 0.5 : e / (1 + e);
		}
	}
	return f;
}

export function penaltyValue(w: Float64Array, l1: number, l2: number): number {
	let a = 0;
	let q = 0;
	for (let j = 0; j < w.length; j++) {
		a += Math.abs(w[j]);
		q += w[j] * w[j];
	}
	return l1 * a + 0.5 * l2 * q;
}

export function maxRelativeStep(dw: Float64Array, db: number, w: Float64Array, b: number): number {
	let step = Math.abs(db);
	let size = Math.abs(b);
	for (let j = 0; j < w.length; j++) {
		step = Math.max(step, Math.abs(dw[j]));
		size = Math.max(size, Math.abs(w[j]));
	}
	return step / (1 + size);
}

/**
 * Parameter algebra of (seasonal) ARMA models, with statsmodels' conventions: AR polynomial 1 − φ₁L − … − φₚLᵖ,
 * MA polynomial 1 + θ₁L + … + θ_qL^q, seasonal polynomials in Lˢ multiplied in.
 *
 * Stationarity and invertibility are enforced as statsmodels' SARIMAX does (`constrain_stationary_univariate`):
 * each unconstrained vector maps through partial autocorrelations r = x / √(1 + x²) ∈ (−1, 1) and the
 * Durbin–Levinson recursion to the coefficients of a stationary polynomial (Jones 1980, Monahan 1984). MA
 * coefficients use the same map with the sign flipped (θ = −constrain(x)), as statsmodels does.
 */

/** Unconstrained reals → coefficients φ of a stationary 1 − φ₁L − … − φₙLⁿ. */
export function constrainStationary(x: ArrayLike<number>): Float64Array {
	const n = x.length;
	// y[k][i]: the order-(k + 1) Durbin–Levinson coefficients (negated at the end, as statsmodels does).
	let prev = new Float64Array(n);
	let cur = new Float64Array(n);
	for (let k = 0; k < n; k++) {
		const r = x[k] / Math.sqrt(1 + x[k] * x[k]);
		for (let i = 0; i < k; i++) cur[i] = prev[i] + r * prev[k - i - 1];
		cur[k] = r;
		[prev, cur] = [cur, prev];
	}
	return Float64Array.from(prev, (v) => -v);
}

/**
 * The inverse of constrainStationary: coefficients of a stationary polynomial → unconstrained reals. Returns
 * null when the polynomial is not stationary (a partial autocorrelation outside (−1, 1)).
 */
export function unconstrainStationary(phi: ArrayLike<number>): Float64Array | null {
	const n = phi.length;
	let cur = Float64Array.from(phi, (v) => -v);
	const r = new Float64Array(n);
	for (let k = n - 1; k >= 0; k--) {
		const rk = cur[k];
		if (!(Math.abs(rk) < 1)) return null;
		r[k] = rk;
		const next = new Float64Array(n);
		for (let i = 0; i < k; i++) next[i] = (cur[i] - rk * cur[k - i - 1]) / (1 - rk * rk);
		cur = next;
	}
	return Float64Array.from(r, (v) => v / Math.sqrt(1 - v * v));
}

/** Whether 1 − φ₁L − … − φₙLⁿ has every root outside the unit circle (its partial autocorrelations in (−1, 1)). */
export function isStationary(phi: ArrayLike<number>): boolean {
	return unconstrainStationary(phi) !== null;
}

/**
 * Lag coefficients of the product of a non-seasonal and a seasonal lag polynomial, in the "sum" convention:
 * (1 + Σ aᵢLⁱ)(1 + Σ bⱼLʲˢ) = 1 + Σ cₖLᵏ; returns c₁ … c_{p + Ps}.
 */
export function multiplyLagPolynomials(
	a: ArrayLike<number>,
	b: ArrayLike<number>,
	season: number
): Float64Array {
	const p = a.length;
	const full = new Float64Array(p + b.length * season + 1);
	const ax = [1, ...Array.from(a)];
	const bx = [1, ...Array.from(b)];
	for (let i = 0; i < ax.length; i++)
		for (let j = 0; j < bx.length; j++) full[i + j * season] += ax[i] * bx[j];
	return full.subarray(1);
}

/** Full AR coefficients φ of φ(L)Φ(Lˢ) = 1 − Σ φₖLᵏ from the non-seasonal φ and seasonal Φ. */
export function expandAr(ar: ArrayLike<number>, seasonalAr: ArrayLike<number>, season: number): Float64Array {
	const neg = (v: ArrayLike<number>) => Array.from(v, (x) => -x);
	return Float64Array.from(multiplyLagPolynomials(neg(ar), neg(seasonalAr), season), (v) => -v);
}

/** Full MA coefficients θ of θ(L)Θ(Lˢ) = 1 + Σ θₖLᵏ. */
export function expandMa(ma: ArrayLike<number>, seasonalMa: ArrayLike<number>, season: number): Float64Array {
	return multiplyLagPolynomials(ma, seasonalMa, season);
}

/**
 * Coefficients c₁ … c_n of the differencing operator (1 − L)ᵈ(1 − Lˢ)ᴰ = 1 + Σ cⱼLʲ, so the differenced value is
 * wₜ = yₜ + Σ cⱼ yₜ₋ⱼ and n = d + sD values are consumed before the first one.
 */
export function differencingOperator(d: number, D: number, season: number): Float64Array {
	let poly = [1];
	const times = (factor: number[]) => {
		const out = new Array(poly.length + factor.length - 1).fill(0);
		for (let i = 0; i < poly.length; i++)
			for (let j = 0; j < factor.length; j++) out[i + j] += poly[i] * factor[j];
		poly = out;
	};
	for (let i = 0; i < d; i++) times([1, -1]);
	const seasonal = new Array(season + 1).fill(0);
	seasonal[0] = 1;
	seasonal[season] = -1;
	for (let i = 0; i < D; i++) times(seasonal);
	return Float64Array.from(poly.slice(1));
}

/** The differenced series w (length n − nd) of y under the operator from differencingOperator. */
export function difference(y: ArrayLike<number>, op: Float64Array): Float64Array {
	const nd = op.length;
	const out = new Float64Array(Math.max(0, y.length - nd));
	for (let t = nd; t < y.length; t++) {
		let w = y[t];
		for (let j = 1; j <= nd; j++) w += op[j - 1] * y[t - j];
		out[t - nd] = w;
	}
	return out;
}

/**
 * MacKinnon's response-surface approximations for the Dickey–Fuller τ statistic with one I(1) series (N = 1),
 * and for the Engle–Granger τ of two (N = 2, constant only) at the end of the file:
 * - p-values: MacKinnon (1994), "Approximate asymptotic distribution functions for unit-root and cointegration
 *   tests", JBES 12(2) 167–176: p = Φ(γ₀ + γ₁τ + γ₂τ² [+ γ₃τ³]), the small-p polynomial left of τ*, the large-p one
 *   right of it, 0 below τ_min and 1 above τ_max;
 * - critical values: MacKinnon (2010), "Critical values for cointegration tests", Queen's Economics Dept WP 1227,
 *   Table 2: c(T) = β∞ + β₁/T + β₂/T² + β₃/T³ at 1 %, 5 %, 10 %.
 * The coefficients are the published ones as statsmodels 0.13.5 tabulates them (statsmodels/tsa/adfvalues.py,
 * first row of each table: N = 1; second row: N = 2); the code around them is ours.
 */
import { normalCdf } from './distributions';

export const ADF_REGRESSIONS = ['c', 'ct', 'ctt', 'n'] as const;
export type AdfRegression = (typeof ADF_REGRESSIONS)[number];

interface PValueSurface {
	readonly tauMin: number;
	readonly tauStar: number;
	readonly tauMax: number;
	/** γ₀, γ₁, γ₂ for τ ≤ τ*. */
	readonly small: readonly number[];
	/** γ₀ … γ₃ for τ > τ*. */
	readonly large: readonly number[];
}

// statsmodels stores the small-p γ₂ scaled by 100 and the large-p γ₁…γ₃ by 10, 10, 100; here they are unscaled.
const P_VALUE_SURFACES: Readonly<Record<AdfRegression, PValueSurface>> = {
	n: {
		tauMin: -19.04,
		tauStar: -1.04,
		tauMax: Infinity,
		small: [0.6344, 1.2378, 3.2496e-2],
		large: [0.4797, 0.93557, -0.06999, 0.033066]
	},
	c: {
		tauMin: -18.83,
		tauStar: -1.61,
		tauMax: 2.74,
		small: [2.1659, 1.4412, 3.8269e-2],
		large: [1.7339, 0.93202, -0.12745, -0.010368]
	},
	ct: {
		tauMin: -16.18,
		tauStar: -2.89,
		tauMax: 0.7,
		small: [3.2512, 1.6047, 4.9588e-2],
		large: [2.5261, 0.61654, -0.37956, -0.060285]
	},
	ctt: {
		tauMin: -17.17,
		tauStar: -3.21,
		tauMax: 0.54,
		small: [4.0003, 1.658, 4.8288e-2],
		large: [3.0778, 0.49529, -0.41477, -0.059359]
	}
};

/** [β∞, β₁, β₂, β₃] at 1 %, 5 %, 10 %. 'n' is MacKinnon (1996)'s, not updated in 2010. */
const CRITICAL_SURFACES: Readonly<Record<AdfRegression, readonly (readonly number[])[]>> = {
	n: [
		[-2.56574, -2.2358, -3.627, 0],
		[-1.941, -0.2686, -3.365, 31.223],
		[-1.61682, 0.2656, -2.714, 25.364]
	],
	c: [
		[-3.43035, -6.5393, -16.786, -79.433],
		[-2.86154, -2.8903, -4.234, -40.04],
		[-2.56677, -1.5384, -2.809, 0]
	],
	ct: [
		[-3.95877, -9.0531, -28.428, -134.155],
		[-3.41049, -4.3904, -9.036, -45.374],
		[-3.12705, -2.5856, -3.925, -22.38]
	],
	ctt: [
		[-4.37113, -11.5882, -35.819, -334.047],
		[-3.83239, -5.9057, -12.49, -118.284],
		[-3.55326, -3.6596, -5.293, -63.559]
	]
};

export const CRITICAL_LEVELS = ['1%', '5%', '10%'] as const;

function polynomial(coefficients: readonly number[], x: number): number {
	let value = 0;
	for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i];
	return value;
}

/** MacKinnon (1994) approximate p-value of an ADF τ statistic. */
export function mackinnonP(tau: number, regression: AdfRegression): number {
	const s = P_VALUE_SURFACES[regression];
	if (tau > s.tauMax) return 1;
	if (tau < s.tauMin) return 0;
	return normalCdf(polynomial(tau <= s.tauStar ? s.small : s.large, tau));
}

/** MacKinnon (2010) finite-sample critical values at 1 %, 5 %, 10 % for `nobs` observations in the regression. */
export function mackinnonCritical(regression: AdfRegression, nobs: number): [number, number, number] {
	const [a, b, c] = CRITICAL_SURFACES[regression].map((beta) => polynomial(beta, 1 / nobs));
	return [a, b, c];
}

/**
 * The Engle–Granger cointegration test of two series with a constant (N = 2, regression 'c'): the same
 * surfaces' second rows (statsmodels tau_*_c[1], tau_c_2010[1]).
 */
const COINT_P_SURFACE: PValueSurface = {
	tauMin: -18.86,
	tauStar: -2.62,
	tauMax: 0.92,
	small: [2.92, 1.5012, 3.9796e-2],
	large: [2.1945, 0.64695, -0.29198, -0.042377]
};

const COINT_CRITICAL: readonly (readonly number[])[] = [
	[-3.89644, -10.9519, -33.527, 0],
	[-3.33613, -6.1101, -6.823, 0],
	[-3.04445, -4.2412, -2.72, 0]
];

/** MacKinnon (1994) p-value of the Engle–Granger τ for two series with a constant. */
export function mackinnonCointP(tau: number): number {
	const s = COINT_P_SURFACE;
	if (tau > s.tauMax) return 1;
	if (tau < s.tauMin) return 0;
	return normalCdf(polynomial(tau <= s.tauStar ? s.small : s.large, tau));
}

/** MacKinnon (2010) critical values at 1 %, 5 %, 10 % of the two-series Engle–Granger τ with a constant. */
export function mackinnonCointCritical(nobs: number): [number, number, number] {
	const [a, b, c] = COINT_CRITICAL.map((beta) => polynomial(beta, 1 / nobs));
	return [a, b, c];
}

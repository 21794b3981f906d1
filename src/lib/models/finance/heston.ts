/**
 * European option prices under Heston's stochastic-volatility model (S. L. Heston, "A closed-form solution for
 * options with stochastic volatility…", Rev. Financial Studies 6(2), 1993):
 *   dS = (r − q)S dt + √v S dW₁,  dv = κ(θ − v) dt + σ√v dW₂,  dW₁dW₂ = ρ dt.
 * The characteristic function of ln S_T is taken in the form of Albrecher, Mayer, Schoutens & Tistaert, "The
 * little Heston trap" (Wilmott, 2007), which stays on the principal branch of the logarithm for long expiries.
 * The call is one Fourier integral, C = ½(S·e^(−qT) − K·e^(−rT)) + (1/π)∫₀^∞ Re[e^(−iuk)(F·e^(−rT)φ(u − i) −
 * K·e^(−rT)φ(u))/(iu)] du with φ the characteristic function of ln(S_T/F), F the forward and k = ln(K/F)
 * (Heston's P₁, P₂ combined), integrated over u = x/(1 − x), x ∈ (0, 1), by adaptive
 * Gauss–Kronrod; the put follows from put–call parity.
 */
import { integrate } from './math';

export interface HestonParams {
	readonly v0: number;
	readonly kappa: number;
	readonly theta: number;
	/** Volatility of variance. */
	readonly sigma: number;
	readonly rho: number;
}

export interface HestonMarket {
	readonly spot: number;
	readonly strike: number;
	readonly expiry: number;
	readonly rate: number;
	readonly dividendYield: number;
}

/** Complex numbers as [re, im]. */
type C = readonly [number, number];
const add = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
const sub = (a: C, b: C): C => [a[0] - b[0], a[1] - b[1]];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const scale = (a: C, s: number): C => [a[0] * s, a[1] * s];
function div(a: C, b: C): C {
	const d = b[0] * b[0] + b[1] * b[1];
	return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
}
function exp(a: C): C {
	const m = Math.exp(a[0]);
	return [m * Math.cos(a[1]), m * Math.sin(a[1])];
}
const log = (a: C): C => [Math.log(Math.hypot(a[0], a[1])), Math.atan2(a[1], a[0])];
/** Principal square root; the small component from a quotient, so neither loses digits to cancellation. */
function sqrt(a: C): C {
	const r = Math.hypot(a[0], a[1]);
	if (r === 0) return [0, 0];
	if (a[0] >= 0) {
		const re = Math.sqrt((r + a[0]) / 2);
		return [re, a[1] / (2 * re)];
	}
	const im = Math.sqrt((r - a[0]) / 2);
	const signed = a[1] < 0 ? -im : im;
	return [a[1] / (2 * signed), signed];
}

export function checkHeston(p: HestonParams, m: HestonMarket): void {
	const positive: [string, number][] = [
		['v0', p.v0],
		['kappa', p.kappa],
		['theta', p.theta],
		['sigma', p.sigma],
		['spot', m.spot],
		['strike', m.strike],
		['expiry', m.expiry]
	];
	for (const [name, v] of positive)
		if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number, got ${v}`);
	if (!(p.rho >= -1 && p.rho <= 1)) throw new RangeError(`rho must lie in [−1, 1], got ${p.rho}`);
}

/** E[e^(iu ln(S_T/F))] for complex u, F the forward S·e^((r−q)T) (Albrecher et al. 2007, φ₂ without the drift). */
export function hestonCharacteristic(u: C, p: HestonParams, m: HestonMarket): C {
	const { kappa, theta, sigma, rho, v0 } = p;
	const T = m.expiry;
	const iu: C = [-u[1], u[0]];
	const beta = sub([kappa, 0], scale(iu, rho * sigma));
	// d = √(β² + σ²(iu + u²))
	const d = sqrt(add(mul(beta, beta), scale(add(iu, mul(u, u)), sigma * sigma)));
	const bMinusD = sub(beta, d);
	const g = div(bMinusD, add(beta, d));
	const e = exp(scale(d, -T));
	const one: C = [1, 0];
	const oneMinusGe = sub(one, mul(g, e));
	const Cpart = scale(
		sub(scale(bMinusD, T), scale(log(div(oneMinusGe, sub(one, g))), 2)),
		(kappa * theta) / (sigma * sigma)
	);
	const Dpart = mul(scale(bMinusD, 1 / (sigma * sigma)), div(sub(one, e), oneMinusGe));
	return exp(add(Cpart, scale(Dpart, v0)));
}

export interface HestonPrice {
	readonly call: number;
	readonly put: number;
	/** Estimated absolute error of the integral, in price units. */
	readonly integrationError: number;
}

export function hestonPrice(p: HestonParams, m: HestonMarket): HestonPrice {
	checkHeston(p, m);
	const dr = Math.exp(-m.rate * m.expiry);
	const dq = Math.exp(-m.dividendYield * m.expiry);
	const forward = (m.spot * dq) / dr;
	// Log-moneyness: with the CF of ln(S_T/F) an at-the-money integrand does not oscillate.
	const k = Math.log(m.strike / forward);
	const integrand = (u: number): number => {
		const phiShift = hestonCharacteristic([u, -1], p, m);
		const phi = hestonCharacteristic([u, 0], p, m);
		const num = sub(scale(phiShift, dr * forward), scale(phi, m.strike * dr));
		const rot: C = [Math.cos(-u * k), Math.sin(-u * k)];
		return div(mul(rot, num), [0, u])[0];
	};
	// u = x/(1 − x) maps (0, 1) onto (0, ∞); du = dx/(1 − x)².
	const mapped = (x: number): number => {
		const u = x / (1 - x);
		const v = integrand(u);
		return Number.isFinite(v) ? v / ((1 - x) * (1 - x)) : 0;
	};
	const result = integrate(mapped, 0, 1, { absTolerance: 1e-12, relTolerance: 1e-12, maxPanels: 4000 });
	const call = 0.5 * (m.spot * dq - m.strike * dr) + result.value / Math.PI;
	const put = call - m.spot * dq + m.strike * dr;
	return { call, put, integrationError: result.error / Math.PI };
}

/** Expected average variance over the life of the option: θ + (v₀ − θ)(1 − e^(−κT))/(κT). */
export function meanVariance(p: HestonParams, expiry: number): number {
	return p.theta + ((p.v0 - p.theta) * (1 - Math.exp(-p.kappa * expiry))) / (p.kappa * expiry);
}

/**
 * Value at risk and expected shortfall of a return sample, as positive fractions of the position's value lost
 * (Jorion, Value at Risk, 3rd ed., ch. 5; Hull, Risk Management and Financial Institutions, 4th ed., ch. 12):
 *   VaR_c = −q_{1−c}(R)           the loss not exceeded with confidence c
 *   ES_c  = −E[R | R ≤ q_{1−c}]    the mean loss in the worst 1 − c of outcomes
 * for R the simple return over the holding period of h bars. Four estimators:
 * - historical: the empirical quantile of the h-bar returns (NumPy's linear interpolation), ES the mean of the
 *   returns at or below it. With h > 1 the h-bar returns overlap (close[t + h] / close[t] − 1 for every t), which
 *   uses all the data but makes neighbouring outcomes dependent.
 * - parametric (Gaussian): R_h ~ N(hμ, hσ²) from the daily mean μ and standard deviation σ (the √h rule, which
 *   assumes independent days): VaR = −(hμ + z σ√h), ES = −(hμ − σ√h φ(z) / (1 − c)), z = Φ⁻¹(1 − c).
 * - cornish_fisher: the Gaussian quantile corrected for skewness S and excess kurtosis K (Cornish & Fisher 1938;
 *   Zangari 1996), z_cf = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36, with the h-bar shape of independent
 *   days (S/√h, K/h). ES is the exact tail mean of that quantile function: (1/(1 − c))∫₀^{1−c} q(p) dp, in closed
 *   form through the truncated normal moments (φ(z)[−1 − zS/6 + (1 − z²)K/24 − (1 − 2z²)S²/36]).
 * - monte_carlo: geometric Brownian motion fitted to the daily log returns (drift m, volatility s): `draws` seeded
 *   outcomes R = exp(hm + s√h Z) − 1, then the historical estimator on them.
 */
import type { Rng } from '../../domain/random';
import {
	mean,
	normalCdf,
	normalPdf,
	normalQuantile,
	quantileSorted,
	sampleStd,
	shapeMoments,
	sorted
} from './stats';

export const TAIL_METHODS = ['historical', 'parametric', 'cornish_fisher', 'monte_carlo'] as const;
export type TailMethod = (typeof TAIL_METHODS)[number];

export interface Tail {
	/** Value at risk: a positive number is a loss, as a fraction of the position. */
	readonly valueAtRisk: number;
	/** Expected shortfall (conditional VaR), same units. */
	readonly expectedShortfall: number;
}

/** Outcomes simulated by the Monte Carlo estimator: its standard error on a 95 % VaR is then ≈ 0.5 % of σ√h. */
export const MONTE_CARLO_DRAWS = 100_000;

/** Empirical VaR and ES of a sample of (holding-period) returns. */
export function historicalTail(returns: ArrayLike<number>, confidence: number): Tail {
	const s = sorted(returns);
	const q = quantileSorted(s, 1 - confidence);
	let sum = 0;
	let n = 0;
	for (let i = 0; i < s.length && s[i] <= q; i++) {
		sum += s[i];
		n++;
	}
	return { valueAtRisk: -q, expectedShortfall: -sum / n };
}

/** Gaussian VaR and ES over h bars from the daily mean and standard deviation (√h scaling). */
export function gaussianTail(mu: number, sigma: number, confidence: number, h = 1): Tail {
	const z = normalQuantile(1 - confidence);
	const scale = sigma * Math.sqrt(h);
	return {
		valueAtRisk: -(h * mu + z * scale),
		expectedShortfall: -(h * mu - (scale * normalPdf(z)) / (1 - confidence))
	};
}

/** The Cornish–Fisher corrected normal quantile for skewness S and excess kurtosis K. */
export function cornishFisherZ(z: number, skew: number, excessKurtosis: number): number {
	return (
		z +
		((z * z - 1) * skew) / 6 +
		((z ** 3 - 3 * z) * excessKurtosis) / 24 -
		((2 * z ** 3 - 5 * z) * skew * skew) / 36
	);
}

/** Cornish–Fisher VaR and ES over h bars from the daily moments (h-bar shape S/√h, K/h of independent days). */
export function cornishFisherTail(
	mu: number,
	sigma: number,
	skew: number,
	excessKurtosis: number,
	confidence: number,
	h = 1
): Tail {
	const s = skew / Math.sqrt(h);
	const k = excessKurtosis / h;
	const z = normalQuantile(1 - confidence);
	const scale = sigma * Math.sqrt(h);
	const zcf = cornishFisherZ(z, s, k);
	const tailIntegral =
		normalPdf(z) * (-1 - (z * s) / 6 + ((1 - z * z) * k) / 24 - ((1 - 2 * z * z) * s * s) / 36);
	return {
		valueAtRisk: -(h * mu + zcf * scale),
		expectedShortfall: -(h * mu + (scale * tailIntegral) / (1 - confidence))
	};
}

/** VaR of geometric Brownian motion in closed form (what the Monte Carlo estimator converges to). */
export function lognormalVar(m: number, s: number, confidence: number, h = 1): number {
	return lognormalTail(m, s, confidence, h).valueAtRisk;
}

/**
 * VaR and ES of R = exp(X) − 1, X ~ N(hm, hs²), in closed form: ES = 1 − exp(hm + hs²/2) Φ(z − s√h) / (1 − c)
 * (the partial expectation of a lognormal), z = Φ⁻¹(1 − c).
 */
export function lognormalTail(m: number, s: number, confidence: number, h = 1): Tail {
	const z = normalQuantile(1 - confidence);
	const sh = s * Math.sqrt(h);
	return {
		valueAtRisk: -(Math.exp(h * m + sh * z) - 1),
		expectedShortfall: 1 - (Math.exp(h * m + (sh * sh) / 2) * normalCdf(z - sh)) / (1 - confidence)
	};
}

/** Monte Carlo VaR and ES of geometric Brownian motion with daily log drift m and volatility s, over h bars. */
export function monteCarloTail(
	m: number,
	s: number,
	confidence: number,
	h: number,
	rng: Rng,
	draws = MONTE_CARLO_DRAWS
): Tail {
	const out = new Float64Array(draws);
	const drift = h * m;
	const scale = s * Math.sqrt(h);
	for (let i = 0; i < draws; i++) out[i] = Math.exp(drift + scale * rng.normal()) - 1;
	return historicalTail(out, confidence);
}

/** Inputs of every estimator, from the closes: daily simple and log returns and their moments. */
export interface DailyMoments {
	readonly mu: number;
	readonly sigma: number;
	readonly skew: number;
	readonly excessKurtosis: number;
	/** Mean and standard deviation of the daily log returns (for the Monte Carlo estimator). */
	readonly logMu: number;
	readonly logSigma: number;
}

export function dailyMoments(simple: ArrayLike<number>): DailyMoments {
	const logs = Float64Array.from(simple, (r) => Math.log1p(r));
	const { skew, excessKurtosis } = shapeMoments(simple);
	return {
		mu: mean(simple),
		sigma: sampleStd(simple),
		skew,
		excessKurtosis,
		logMu: mean(logs),
		logSigma: sampleStd(logs)
	};
}

/**
 * VaR and ES by `method` over h bars, from the daily simple returns (in time order). Historical with h > 1 uses
 * the overlapping h-bar compounded returns of the same days.
 */
export function tailRisk(
	method: TailMethod,
	daily: Float64Array,
	confidence: number,
	h: number,
	rng: Rng
): Tail {
	if (method === 'historical') return historicalTail(compounded(daily, h), confidence);
	const m = dailyMoments(daily);
	if (method === 'parametric') return gaussianTail(m.mu, m.sigma, confidence, h);
	if (method === 'cornish_fisher')
		return cornishFisherTail(m.mu, m.sigma, m.skew, m.excessKurtosis, confidence, h);
	return monteCarloTail(m.logMu, m.logSigma, confidence, h, rng);
}

/** Overlapping h-bar compounded returns of daily simple returns: ∏(1 + r) − 1 over each run of h days. */
export function compounded(daily: Float64Array, h: number): Float64Array {
	if (h === 1) return daily;
	const out = new Float64Array(Math.max(0, daily.length - h + 1));
	for (let i = 0; i < out.length; i++) {
		let g = 1;
		for (let k = 0; k < h; k++) g *= 1 + daily[i + k];
		out[i] = g - 1;
	}
	return out;
}

/**
 * One-bar-ahead VaR and ES through time: the values at t from the `window` daily returns before t, to compare with
 * return t (a backtest: breaches should be about 1 − c of the days). NaN before a full window. Monte Carlo uses
 * its closed-form limit here (simulating every day would take minutes).
 */
export function rollingTail(
	method: TailMethod,
	daily: Float64Array,
	confidence: number,
	window: number
): { valueAtRisk: Float64Array; expectedShortfall: Float64Array } {
	const v = new Float64Array(daily.length).fill(Number.NaN);
	const es = new Float64Array(daily.length).fill(Number.NaN);
	for (let t = window; t < daily.length; t++) {
		const w = daily.subarray(t - window, t);
		let tail: Tail;
		if (method === 'historical') tail = historicalTail(w, confidence);
		else {
			const m = dailyMoments(w);
			tail =
				method === 'parametric'
					? gaussianTail(m.mu, m.sigma, confidence)
					: method === 'cornish_fisher'
						? cornishFisherTail(m.mu, m.sigma, m.skew, m.excessKurtosis, confidence)
						: lognormalTail(m.logMu, m.logSigma, confidence);
		}
		v[t] = tail.valueAtRisk;
		es[t] = tail.expectedShortfall;
	}
	return { valueAtRisk: v, expectedShortfall: es };
}

/**
 * Black–Scholes–Merton price and greeks of a European option on an underlying paying a continuous dividend
 * yield q (Hull, Options, Futures, and Other Derivatives, 9th ed., §15.8 and §17.13; greeks ch. 19, Table 19.6).
 * Units: time in years, rates and volatility annual and continuously compounded; theta per year, vega per unit
 * of volatility (1.00 = 100 points), rho per unit of rate.
 */
import { normCdf, normPdf } from './math';

export type OptionType = 'call' | 'put';

export interface OptionInputs {
	/** Price of the underlying now. */
	readonly spot: number;
	readonly strike: number;
	/** Years to expiry. */
	readonly expiry: number;
	/** Annual continuously compounded risk-free rate. */
	readonly rate: number;
	/** Annual continuous dividend yield. */
	readonly dividendYield: number;
	/** Annualised volatility. */
	readonly volatility: number;
}

export interface Greeks {
	readonly price: number;
	readonly delta: number;
	readonly gamma: number;
	readonly vega: number;
	/** ∂V/∂t (calendar time passing), per year: negative for a long call without dividends. */
	readonly theta: number;
	readonly rho: number;
}

export interface BlackScholes {
	readonly d1: number;
	readonly d2: number;
	readonly call: Greeks;
	readonly put: Greeks;
}

/** Refuses inputs outside the formula's domain, naming the field. */
export function checkOptionInputs(o: OptionInputs): void {
	const positive: [keyof OptionInputs, number][] = [
		['spot', o.spot],
		['strike', o.strike],
		['expiry', o.expiry],
		['volatility', o.volatility]
	];
	for (const [name, v] of positive)
		if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number, got ${v}`);
	if (!Number.isFinite(o.rate)) throw new RangeError(`rate must be finite, got ${o.rate}`);
	if (!Number.isFinite(o.dividendYield))
		throw new RangeError(`dividendYield must be finite, got ${o.dividendYield}`);
}

export function blackScholes(o: OptionInputs): BlackScholes {
	checkOptionInputs(o);
	const { spot: S, strike: K, expiry: T, rate: r, dividendYield: q, volatility: v } = o;
	const sqrtT = Math.sqrt(T);
	const d1 = (Math.log(S / K) + (r - q + 0.5 * v * v) * T) / (v * sqrtT);
	const d2 = d1 - v * sqrtT;
	const dq = Math.exp(-q * T);
	const dr = Math.exp(-r * T);
	const pdf = normPdf(d1);
	const gamma = (dq * pdf) / (S * v * sqrtT);
	const vega = S * dq * pdf * sqrtT;
	const decay = -(S * dq * pdf * v) / (2 * sqrtT);
	const [Nd1, Nd2, Nmd1, Nmd2] = [normCdf(d1), normCdf(d2), normCdf(-d1), normCdf(-d2)];
	return {
		d1,
		d2,
		call: {
			price: S * dq * Nd1 - K * dr * Nd2,
			delta: dq * Nd1,
			gamma,
			vega,
			theta: decay - r * K * dr * Nd2 + q * S * dq * Nd1,
			rho: K * T * dr * Nd2
		},
		put: {
			price: K * dr * Nmd2 - S * dq * Nmd1,
			delta: -dq * Nmd1,
			gamma,
			vega,
			theta: decay + r * K * dr * Nmd2 - q * S * dq * Nmd1,
			rho: -K * T * dr * Nmd2
		}
	};
}

/** Payoff at expiry of one option. */
export function payoff(type: OptionType, spot: number, strike: number): number {
	return type === 'call' ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
}

/**
 * The greeks by central finite differences of the price (an independent check of the closed forms): steps are
 * relative (1e-4 of spot, volatility, rate scale) and theta differences the expiry (θ = −∂V/∂T).
 */
export function finiteDifferenceGreeks(o: OptionInputs, type: OptionType): Greeks {
	const price = (p: Partial<OptionInputs>): number => blackScholes({ ...o, ...p })[type].price;
	const hS = 1e-4 * o.spot;
	const hV = 1e-4 * o.volatility;
	const hR = 1e-5;
	const hT = Math.min(1e-5, o.expiry / 4);
	const up = price({ spot: o.spot + hS });
	const down = price({ spot: o.spot - hS });
	const mid = price({});
	return {
		price: mid,
		delta: (up - down) / (2 * hS),
		gamma: (up - 2 * mid + down) / (hS * hS),
		vega: (price({ volatility: o.volatility + hV }) - price({ volatility: o.volatility - hV })) / (2 * hV),
		theta: -(price({ expiry: o.expiry + hT }) - price({ expiry: o.expiry - hT })) / (2 * hT),
		rho: (price({ rate: o.rate + hR }) - price({ rate: o.rate - hR })) / (2 * hR)
	};
}

/**
 * The result records of the option-pricing entries: named numbers, the price-against-spot chart and the greeks
 * table, shared by black_scholes and black_scholes_greeks_model (and the trees and Heston for their charts).
 */
import type { AnalysisChart, NamedNumber } from '../analysis';
import { blackScholes, payoff, type Greeks, type OptionInputs, type OptionType } from './black-scholes';

/** Points on the price-against-spot chart. */
export const CURVE_POINTS = 101;
/** The chart spans the strike ± this fraction of it (and always includes the spot). */
const CURVE_HALF_WIDTH = 0.6;

export interface OptionParams {
	readonly underlying_price: number;
	readonly strike: number;
	readonly time_to_expiry: number;
	readonly risk_free_rate: number;
	readonly volatility: number;
	readonly dividend_yield: number;
	readonly option_type: OptionType;
}

export function optionInputs(p: OptionParams): OptionInputs {
	return {
		spot: p.underlying_price,
		strike: p.strike,
		expiry: p.time_to_expiry,
		rate: p.risk_free_rate,
		dividendYield: p.dividend_yield,
		volatility: p.volatility
	};
}

/** Spots from (strike·0.4) to (strike·1.6), widened to include the current spot. */
export function spotGrid(spot: number, strike: number, points = CURVE_POINTS): Float64Array {
	const lo = Math.min(spot, strike * (1 - CURVE_HALF_WIDTH));
	const hi = Math.max(spot, strike * (1 + CURVE_HALF_WIDTH));
	return Float64Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
}

/** The price of a call and a put against the spot now, with the chosen option's payoff at expiry. */
export function priceAgainstSpotChart(
	o: OptionInputs,
	type: OptionType,
	title: string,
	price: (o: OptionInputs, type: OptionType) => number = (x, t) => blackScholes(x)[t].price,
	points = CURVE_POINTS
): AnalysisChart {
	const x = spotGrid(o.spot, o.strike, points);
	return {
		title,
		xKind: 'number',
		x,
		xLabel: 'spot price of the underlying',
		yLabel: 'option value',
		lines: [
			{ name: 'call price now', values: x.map((s) => price({ ...o, spot: s }, 'call')) },
			{ name: 'put price now', values: x.map((s) => price({ ...o, spot: s }, 'put')) },
			{ name: `${type} payoff at expiry`, values: x.map((s) => payoff(type, s, o.strike)) }
		]
	};
}

const DAYS_PER_YEAR = 365;

/** Named numbers of one option's greeks, keyed `<prefix>_delta` … (theta also per calendar day). */
export function greekNumbers(prefix: string, label: string, g: Greeks): NamedNumber[] {
	return [
		{ key: `${prefix}_delta`, label: `${label} delta ∂V/∂S`, value: g.delta },
		{ key: `${prefix}_gamma`, label: `${label} gamma ∂²V/∂S²`, value: g.gamma, unit: 'per unit of spot' },
		{
			key: `${prefix}_vega`,
			label: `${label} vega ∂V/∂σ`,
			value: g.vega,
			unit: 'per 1.00 of volatility',
			note: 'Divide by 100 for the change per volatility point.'
		},
		{ key: `${prefix}_theta`, label: `${label} theta ∂V/∂t`, value: g.theta, unit: 'per year' },
		{
			key: `${prefix}_theta_per_day`,
			label: `${label} theta per calendar day`,
			value: g.theta / DAYS_PER_YEAR,
			unit: 'per day'
		},
		{ key: `${prefix}_rho`, label: `${label} rho ∂V/∂r`, value: g.rho, unit: 'per 1.00 of rate' }
	];
}

export function inputNotes(o: OptionInputs): string {
	return (
		`Inputs: spot ${o.spot}, strike ${o.strike}, ${o.expiry} years to expiry, volatility ${o.volatility}, ` +
		`risk-free rate ${o.rate} and dividend yield ${o.dividendYield} (annual, continuously compounded).`
	);
}

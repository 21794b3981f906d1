/** Catalog entry `heston_model`: European prices under Heston's stochastic volatility from entered parameters. */
import { analysisResult } from '../analysis';
import { defineAnalysis } from '../seam';
import { blackScholes, type OptionInputs } from './black-scholes';
import { hestonPrice, meanVariance, type HestonMarket, type HestonParams } from './heston';
import { brentRoot } from './math';
import { priceAgainstSpotChart } from './option-report';

/** Strikes on the smile chart, from 60 % to 140 % of the strike entered. */
const SMILE_POINTS = 41;
const SMILE_HALF_WIDTH = 0.4;
/** Implied volatilities are searched in this bracket (annualised). */
const IV_BRACKET: readonly [number, number] = [1e-4, 5];

/** The Black–Scholes volatility that reproduces a call price, or NaN when none in the bracket does. */
export function impliedVolatility(call: number, m: HestonMarket): number {
	const f = (v: number) => blackScholes({ ...m, volatility: v }).call.price - call;
	const [lo, hi] = IV_BRACKET;
	if (!(f(lo) < 0 && f(hi) > 0)) return Number.NaN;
	return brentRoot(f, lo, hi, 1e-12);
}

export const implementation = defineAnalysis({
	id: 'heston_model',
	task: 'pricing',
	input: 'none',
	// ~140 Fourier integrals (price, spot curve, smile) of ~1 ms each, measured.
	costs: { expectedFitMs: () => 200, minDeadlineMs: 60_000 },
	evaluate: (_data, p) => {
		const params: HestonParams = { v0: p.v0, kappa: p.kappa, theta: p.theta, sigma: p.sigma, rho: p.rho };
		const m: HestonMarket = {
			spot: p.underlying_price,
			strike: p.strike,
			expiry: p.time_to_expiry,
			rate: p.risk_free_rate,
			dividendYield: p.dividend_yield
		};
		const price = hestonPrice(params, m);
		const w = meanVariance(params, m.expiry);
		const matched: OptionInputs = { ...m, volatility: Math.sqrt(w) };
		const bs = blackScholes(matched);
		const iv = impliedVolatility(price.call, m);
		const feller = 2 * p.kappa * p.theta - p.sigma * p.sigma;
		const strikes = Float64Array.from(
			{ length: SMILE_POINTS },
			(_, i) => m.strike * (1 - SMILE_HALF_WIDTH + (2 * SMILE_HALF_WIDTH * i) / (SMILE_POINTS - 1))
		);
		const smile = strikes.map((k) =>
			impliedVolatility(hestonPrice(params, { ...m, strike: k }).call, { ...m, strike: k })
		);
		return analysisResult({
			numbers: [
				{ key: 'price', label: `${p.option_type} price`, value: price[p.option_type] },
				{ key: 'call_price', label: 'call price', value: price.call },
				{ key: 'put_price', label: 'put price (put–call parity)', value: price.put },
				{
					key: 'implied_volatility',
					label: 'Black–Scholes implied volatility of the Heston price',
					value: iv,
					...(Number.isFinite(iv) ? {} : { note: 'No volatility up to 500 % reproduces this price.' })
				},
				{
					key: 'black_scholes_matched_call',
					label: 'Black–Scholes call at the expected average variance',
					value: bs.call.price,
					note: 'Volatility √(θ + (v₀ − θ)(1 − e^(−κT))/(κT)): the limit of the Heston price as σ → 0.'
				},
				{
					key: 'matched_volatility',
					label: 'volatility of the expected average variance',
					value: Math.sqrt(w)
				},
				{
					key: 'feller_margin',
					label: 'Feller condition 2κθ − σ² (positive: variance never reaches zero)',
					value: feller
				},
				{
					key: 'integration_error',
					label: 'estimated error of the Fourier integral',
					value: price.integrationError
				}
			],
			charts: [
				{
					title: 'Implied-volatility smile of the Heston prices',
					xKind: 'number',
					x: strikes,
					xLabel: 'strike',
					yLabel: 'implied volatility',
					lines: [
						{ name: 'Heston implied volatility', values: smile },
						{ name: 'volatility of the expected average variance', values: strikes.map(() => Math.sqrt(w)) }
					]
				},
				priceAgainstSpotChart(
					matched,
					p.option_type,
					'Heston price against the spot',
					(o, t) => hestonPrice(params, o)[t],
					SMILE_POINTS
				)
			],
			notes: [
				'Heston (1993) stochastic-volatility model priced by its characteristic function (the "little Heston trap" ' +
					'form of Albrecher et al., 2007) and adaptive Gauss–Kronrod integration; European exercise only.',
				`Inputs: spot ${m.spot}, strike ${m.strike}, ${m.expiry} years to expiry, risk-free rate ${m.rate} and ` +
					`dividend yield ${m.dividendYield} (annual, continuously compounded).`,
				`Variance parameters entered: v₀ ${p.v0}, κ ${p.kappa}, θ ${p.theta}, σ ${p.sigma}, ρ ${p.rho}.`,
				'These are the parameters entered, not calibrated: calibrating Heston needs option quotes, which the ' +
					'user would have to import; this entry does not calibrate.',
				...(feller < 0
					? ['The Feller condition fails (2κθ < σ²): the variance can touch zero; the prices remain valid.']
					: [])
			]
		});
	}
});

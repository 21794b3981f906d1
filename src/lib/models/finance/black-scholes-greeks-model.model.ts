/** Catalog entry `black_scholes_greeks_model`: price and greeks, checked against central finite differences. */
import { analysisResult } from '../analysis';
import { defineAnalysis } from '../seam';
import { blackScholes, finiteDifferenceGreeks } from './black-scholes';
import { greekNumbers, inputNotes, optionInputs, spotGrid } from './option-report';

const GREEKS = ['delta', 'gamma', 'vega', 'theta', 'rho'] as const;

export const implementation = defineAnalysis({
	id: 'black_scholes_greeks_model',
	task: 'pricing',
	input: 'none',
	// Closed forms plus ten finite-difference prices and two 101-point curves: well under a millisecond.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	evaluate: (_data, p) => {
		const o = optionInputs(p);
		const type = p.option_type;
		const g = blackScholes(o)[type];
		const fd = finiteDifferenceGreeks(o, type);
		const x = spotGrid(o.spot, o.strike);
		const curves = Array.from(x, (s) => blackScholes({ ...o, spot: s })[type]);
		return analysisResult({
			numbers: [{ key: 'price', label: `${type} price`, value: g.price }, ...greekNumbers(type, type, g)],
			tables: [
				{
					title: 'Closed-form greeks against central finite differences of the price',
					columns: ['greek', 'closed form', 'finite difference', 'difference'],
					rows: GREEKS.map((k) => [k, g[k], fd[k], g[k] - fd[k]])
				}
			],
			charts: [
				{
					title: `${type} delta and gamma against the spot`,
					xKind: 'number',
					x,
					xLabel: 'spot price of the underlying',
					lines: [
						{ name: 'delta', values: Float64Array.from(curves, (c) => c.delta) },
						{ name: 'gamma × spot', values: Float64Array.from(curves, (c, i) => c.gamma * x[i]) }
					]
				}
			],
			notes: [
				'Black–Scholes–Merton greeks of a European option (Hull, Options, Futures, and Other Derivatives, ' +
					'ch. 19, Table 19.6): theta is the change per year of calendar time, vega per 1.00 of volatility, rho ' +
					'per 1.00 of rate.',
				inputNotes(o),
				'The table checks each closed form against a central finite difference of the price (relative steps of ' +
					'1e-4); they agree to about six significant figures.',
				'Calibrating the volatility to the market would need option quotes; the volatility here is the one entered.'
			]
		});
	}
});

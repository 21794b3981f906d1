/** Catalog entry `black_scholes`: closed-form European call and put, put–call parity, price against spot. */
import { analysisResult } from '../analysis';
import { defineAnalysis } from '../seam';
import { blackScholes } from './black-scholes';
import { greekNumbers, inputNotes, optionInputs, priceAgainstSpotChart } from './option-report';

export const implementation = defineAnalysis({
	id: 'black_scholes',
	task: 'pricing',
	input: 'none',
	// A handful of closed forms and a 101-point curve: well under a millisecond.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	evaluate: (_data, p) => {
		const o = optionInputs(p);
		const bs = blackScholes(o);
		const chosen = bs[p.option_type];
		const parityLeft = bs.call.price - bs.put.price;
		const parityRight =
			o.spot * Math.exp(-o.dividendYield * o.expiry) - o.strike * Math.exp(-o.rate * o.expiry);
		const intrinsic =
			p.option_type === 'call' ? Math.max(o.spot - o.strike, 0) : Math.max(o.strike - o.spot, 0);
		return analysisResult({
			numbers: [
				{ key: 'price', label: `${p.option_type} price`, value: chosen.price },
				{ key: 'call_price', label: 'call price', value: bs.call.price },
				{ key: 'put_price', label: 'put price', value: bs.put.price },
				{
					key: 'intrinsic_value',
					label: `${p.option_type} intrinsic value (exercised now)`,
					value: intrinsic
				},
				{ key: 'time_value', label: `${p.option_type} time value`, value: chosen.price - intrinsic },
				{ key: 'd1', label: 'd₁', value: bs.d1 },
				{ key: 'd2', label: 'd₂', value: bs.d2 },
				{ key: 'parity_call_minus_put', label: 'C − P', value: parityLeft },
				{ key: 'parity_forward_value', label: 'S·e^(−qT) − K·e^(−rT)', value: parityRight },
				{
					key: 'parity_gap',
					label: 'put–call parity gap (C − P) − (S·e^(−qT) − K·e^(−rT))',
					value: parityLeft - parityRight,
					note: 'Zero up to rounding: the two prices satisfy put–call parity.'
				},
				...greekNumbers(p.option_type, p.option_type, chosen)
			],
			charts: [priceAgainstSpotChart(o, p.option_type, 'Black–Scholes price against the spot')],
			notes: [
				'Black–Scholes–Merton closed form for a European option (exercise at expiry only), lognormal underlying ' +
					'with constant volatility, rate and continuous dividend yield (Hull, Options, Futures, and Other ' +
					'Derivatives, §15.8).',
				inputNotes(o),
				'The volatility is the one entered, not implied from market quotes: calibrating it needs option quotes.'
			]
		});
	}
});

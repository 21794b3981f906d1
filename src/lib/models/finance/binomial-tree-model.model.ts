/** Catalog entry `binomial_tree_model`: European and American prices on a CRR (or entered) binomial tree. */
import { AnalysisInputError, analysisResult, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { blackScholes, type OptionInputs, type OptionType } from './black-scholes';
import { crrTree, riskNeutralProb, treePrice, type Tree } from './binomial';
import { inputNotes, optionInputs, priceAgainstSpotChart } from './option-report';

/** Tree sizes on the convergence chart (log-spaced from 10 to n_steps). */
const CONVERGENCE_POINTS = 30;
/** Spots on the price-against-spot chart, each one tree per exercise style. */
const SPOT_POINTS = 41;

interface TreeParams {
	readonly tree: 'crr' | 'manual';
	readonly up_factor: number;
	readonly risk_neutral_prob: number;
}

/** NaN (a gap in a chart) where a coarser CRR tree has no valid probability. */
function safePrice(o: OptionInputs, type: OptionType, tree: Tree, american: boolean): number {
	return tree.prob > 0 && tree.prob < 1 ? treePrice(o, type, tree, american) : Number.NaN;
}

function treeFor(o: OptionInputs, p: TreeParams, n: number): Tree {
	return p.tree === 'crr' ? crrTree(o, n) : { up: p.up_factor, prob: p.risk_neutral_prob, steps: n };
}

export const implementation = defineAnalysis({
	id: 'binomial_tree_model',
	task: 'pricing',
	input: 'none',
	// O(n²) per tree; at n = 1000 the ~130 trees (convergence and spot curves) take ~0.5 s on the 2-core box.
	costs: { expectedFitMs: (_rows, p) => 1 + (130 * p.n_steps * p.n_steps) / 2e6, minDeadlineMs: 60_000 },
	evaluate: (_data, p) => {
		const o = optionInputs(p);
		const type = p.option_type;
		const n = p.n_steps;
		const tree = treeFor(o, p, n);
		if (!(tree.prob > 0 && tree.prob < 1))
			throw new AnalysisInputError(
				`With ${n} steps the CRR up-move probability is ${tree.prob.toFixed(4)}, outside (0, 1): the rate ` +
					'outgrows the volatility over one step. Increase n_steps or the volatility.'
			);
		const dt = o.expiry / n;
		const growth = Math.exp((o.rate - o.dividendYield) * dt);
		const down = 1 / tree.up;
		const notes: string[] = [
			'Recombining binomial tree (Cox, Ross & Rubinstein 1979; Hull, Options, Futures, and Other Derivatives, ' +
				'ch. 21): option values are discounted expectations stepped back from expiry; the American value also ' +
				'takes exercise at any node where it is worth more.',
			inputNotes(o)
		];
		if (p.tree === 'manual' && !(down < growth && growth < tree.up))
			notes.push(
				`The entered up factor ${tree.up} (down ${down.toFixed(6)}) does not bracket the growth per step ` +
					`e^((r−q)Δt) = ${growth.toFixed(6)}: such a tree admits arbitrage, so no probability makes it risk-neutral.`
			);
		const rnProb = riskNeutralProb(o, n, tree.up);
		if (p.tree === 'manual' && Math.abs(rnProb - tree.prob) > 1e-9)
			notes.push(
				`The entered probability ${tree.prob} differs from the risk-neutral probability ${rnProb.toFixed(6)} of ` +
					'this up factor, so the prices below are expectations under that probability, not arbitrage-free prices.'
			);
		if (p.tree === 'crr')
			notes.push(
				`tree = crr: the up factor e^(σ√Δt) and the risk-neutral probability come from the volatility and rate; ` +
					'the up_factor and risk_neutral_prob parameters are not used.'
			);
		const european = treePrice(o, type, tree, false);
		const american = treePrice(o, type, tree, true);
		const bs = blackScholes(o)[type].price;
		const numbers: NamedNumber[] = [
			{ key: 'american_price', label: `American ${type} price`, value: american },
			{ key: 'european_price', label: `European ${type} price`, value: european },
			{
				key: 'early_exercise_premium',
				label: 'early-exercise premium (American − European)',
				value: american - european
			},
			{ key: 'black_scholes_price', label: `Black–Scholes European ${type} price`, value: bs },
			{
				key: 'european_error_vs_black_scholes',
				label: 'European tree price − Black–Scholes',
				value: european - bs,
				note:
					p.tree === 'crr'
						? 'Shrinks about as 1/n_steps.'
						: 'The tree uses the entered up factor, not the volatility.'
			},
			{ key: 'up_factor_used', label: 'up factor per step', value: tree.up },
			{ key: 'down_factor_used', label: 'down factor per step', value: down },
			{ key: 'up_probability_used', label: 'probability of an up move', value: tree.prob },
			{ key: 'risk_neutral_prob', label: 'risk-neutral probability for this up factor', value: rnProb },
			{
				key: 'tree_volatility',
				label: 'volatility implied by the up factor, ln(u)/√Δt',
				value: Math.log(tree.up) / Math.sqrt(dt)
			},
			{ key: 'step_years', label: 'length of one step', value: dt, unit: 'years' }
		];
		const sizes = Array.from(
			new Set(
				Array.from({ length: CONVERGENCE_POINTS }, (_, i) =>
					Math.round(10 * Math.pow(n / 10, i / (CONVERGENCE_POINTS - 1)))
				)
			)
		);
		const x = Float64Array.from(sizes);
		const convergence = sizes.map((k) => treeFor(o, p, k));
		return analysisResult({
			numbers,
			charts: [
				{
					title: 'Tree price against the number of steps',
					xKind: 'number',
					x,
					xLabel: 'steps in the tree',
					yLabel: `${type} value`,
					lines: [
						{
							name: 'European (tree)',
							values: Float64Array.from(convergence, (t) => safePrice(o, type, t, false))
						},
						{
							name: 'American (tree)',
							values: Float64Array.from(convergence, (t) => safePrice(o, type, t, true))
						},
						{ name: 'Black–Scholes European', values: x.map(() => bs) }
					]
				},
				priceAgainstSpotChart(
					o,
					type,
					'American call and put on the tree against the spot',
					(q, t) => treePrice(q, t, treeFor(q, p, n), true),
					SPOT_POINTS
				)
			],
			notes
		});
	}
});

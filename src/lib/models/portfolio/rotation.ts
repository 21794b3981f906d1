/**
 * The sector-rotation rule for the walk-forward backtest (backtest.ts): at each rebalance, the trailing return
 * of every asset over the window, Π(1 + r) − 1 of its L simple returns, ranks them. The first rebalance buys the
 * `holdings` best (ties to the earlier dataset). Later ones rotate with a hysteresis band: while the best asset
 * not held trails-returned more than the worst one held plus the threshold, the one is swapped for the other.
 * The held assets are equal-weighted. The rule keeps its holdings between calls, so one instance serves one run.
 */
import type { WeightRule } from './backtest';

export interface RotationLog {
	/** Held assets after each rebalance, ascending indices. */
	readonly held: number[][];
	/** Swaps made at each rebalance (0 at the first, which buys). */
	readonly swaps: number[];
	/** Trailing returns seen at each rebalance. */
	readonly trailing: Float64Array[];
}

export const newRotationLog = (): RotationLog => ({ held: [], swaps: [], trailing: [] });

/** Π(1 + r) − 1 of each column of a rows × n window. */
export function trailingReturns(window: Float64Array, rows: number, n: number): Float64Array {
	const out = new Float64Array(n).fill(1);
	for (let row = 0; row < rows; row++) for (let i = 0; i < n; i++) out[i] *= 1 + window[row * n + i];
	for (let i = 0; i < n; i++) out[i] -= 1;
	return out;
}

/** Indices by descending value, ties to the lower index. */
function ranked(values: Float64Array, among: (i: number) => boolean): number[] {
	return Array.from(values.keys())
		.filter(among)
		.sort((a, b) => values[b] - values[a] || a - b);
}

export function rotationRule(holdings: number, threshold: number, log: RotationLog): WeightRule {
	let held: Set<number> | null = null;
	return (window, rows, n) => {
		if (!(holdings >= 1 && holdings < n))
			throw new RangeError(`holdings must be between 1 and ${n - 1} for ${n} assets, got ${holdings}`);
		const trailing = trailingReturns(window, rows, n);
		let swaps = 0;
		if (!held) held = new Set(ranked(trailing, () => true).slice(0, holdings));
		else {
			for (;;) {
				const current = held;
				const challenger = ranked(trailing, (i) => !current.has(i))[0];
				const weakest = ranked(trailing, (i) => current.has(i)).at(-1) as number;
				if (!(trailing[challenger] - trailing[weakest] > threshold)) break;
				held.delete(weakest);
				held.add(challenger);
				swaps++;
			}
		}
		log.held.push([...held].sort((a, b) => a - b));
		log.swaps.push(swaps);
		log.trailing.push(trailing);
		const w = new Float64Array(n);
		for (const i of held) w[i] = 1 / holdings;
		return w;
	};
}

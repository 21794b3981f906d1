/**
 * The walk-forward portfolio backtest shared by the optimiser entries: one causal pass over aligned closes.
 *
 * Timing (bar t = the close of row t; r_t = close_t / close_{t−1} − 1):
 * - the first rebalance is at bar L (lookback), the first bar with L returns behind it; nothing is held before;
 * - at a rebalance bar t the weights come from the window of returns r_{t−L+1} … r_t only (the rule never sees
 *   anything later), and the trade happens at the close of t;
 * - between rebalances the weights drift with prices: w_i ← w_i (1 + r_i) / Σ_j w_j (1 + r_j);
 * - turnover at a rebalance = Σ|target − drifted| (the first one buys from cash, so it is Σ|target| = 1), and the
 *   trade costs turnover × costBps / 10 000 of the portfolio's value, charged in the return of the next bar:
 *   1 + R_{t+1} = (1 − cost_t) Σ w_i (1 + r_{i,t+1});
 * - rebalances fall on bars L, L + k, L + 2k, … up to the second-last bar (a trade on the last bar would have no
 *   return after it).
 */
import { ledoitWolf } from './ledoit-wolf';

/** Costs are quoted in basis points of the traded value. */
const BPS_PER_UNIT = 10_000;

/**
 * Weights from a window of returns: `window` is rows × n row-major (oldest first, the last row the rebalance
 * bar's return). Must return n finite weights summing to 1.
 */
export type WeightRule = (window: Float64Array, rows: number, n: number) => Float64Array;

export interface BacktestOptions {
	/** L: returns in the training window. */
	readonly lookback: number;
	/** k: bars between rebalances. */
	readonly rebalanceEvery: number;
	readonly costBps: number;
}

export interface Backtest {
	/** Bar of the first rebalance (= lookback). */
	readonly start: number;
	/** Bars of every rebalance, ascending. */
	readonly rebalanceBars: readonly number[];
	/** Target weights at each rebalance. */
	readonly targets: readonly Float64Array[];
	/** Σ|target − drifted| at each rebalance. */
	readonly turnover: readonly number[];
	/** Cost of each rebalance as a fraction of the portfolio's value. */
	readonly costs: readonly number[];
	/** Net portfolio return of bars start + 1 … N − 1 (length N − 1 − start). */
	readonly returns: Float64Array;
	/** Equity at bars start … N − 1, 1 at the first rebalance (length N − start). */
	readonly equity: Float64Array;
	/** Per asset: the weight held after any trade at bars start … N − 1 (drifted between rebalances). */
	readonly held: readonly Float64Array[];
}

/** Simple returns of each asset: out[i][t] = close_i[t] / close_i[t − 1] − 1, out[i][0] = NaN. */
export function assetReturns(closes: readonly Float64Array[]): Float64Array[] {
	return closes.map((c) => {
		const r = new Float64Array(c.length);
		r[0] = Number.NaN;
		for (let t = 1; t < c.length; t++) r[t] = c[t] / c[t - 1] - 1;
		return r;
	});
}

/** The returns r_{t−L+1} … r_t of every asset as an L × n row-major matrix. */
export function windowAt(returns: readonly Float64Array[], t: number, lookback: number): Float64Array {
	const n = returns.length;
	const X = new Float64Array(lookback * n);
	for (let row = 0; row < lookback; row++)
		for (let i = 0; i < n; i++) X[row * n + i] = returns[i][t - lookback + 1 + row];
	return X;
}

/** Mean return per bar of each asset and its Ledoit–Wolf shrunk covariance, from a rows × n window. */
export function windowMoments(
	window: Float64Array,
	rows: number,
	n: number
): { mu: Float64Array; cov: Float64Array; shrinkage: number } {
	const mu = new Float64Array(n);
	for (let row = 0; row < rows; row++) for (let i = 0; i < n; i++) mu[i] += window[row * n + i];
	for (let i = 0; i < n; i++) mu[i] /= rows;
	const { covariance, shrinkage } = ledoitWolf(window, rows, n);
	return { mu, cov: covariance, shrinkage };
}

function checkOptions(o: BacktestOptions): void {
	if (!Number.isInteger(o.lookback) || o.lookback < 2)
		throw new RangeError(`lookback must be an integer ≥ 2, got ${o.lookback}`);
	if (!Number.isInteger(o.rebalanceEvery) || o.rebalanceEvery < 1)
		throw new RangeError(`rebalanceEvery must be an integer ≥ 1, got ${o.rebalanceEvery}`);
	if (!Number.isFinite(o.costBps) || o.costBps < 0)
		throw new RangeError(`costBps must be a finite number ≥ 0, got ${o.costBps}`);
}

/**
 * Runs the backtest on per-asset returns from {@link assetReturns} (all of one length N ≥ lookback + 2).
 * `onRebalance` sees each rebalance's index and bar (for progress and cancellation).
 */
export function backtest(
	returns: readonly Float64Array[],
	rule: WeightRule,
	options: BacktestOptions,
	onRebalance?: (index: number, bar: number) => void
): Backtest {
	checkOptions(options);
	const n = returns.length;
	if (n < 1) throw new RangeError('a backtest needs at least one asset');
	const N = returns[0].length;
	returns.forEach((r, i) => {
		if (r.length !== N) throw new RangeError(`asset ${i} has ${r.length} returns, asset 0 has ${N}`);
		for (let t = 1; t < N; t++)
			if (!Number.isFinite(r[t])) throw new RangeError(`asset ${i}: return at bar ${t} is ${r[t]}`);
	});
	const L = options.lookback;
	if (N < L + 2) throw new RangeError(`a backtest with lookback ${L} needs ${L + 2} bars, got ${N}`);
	const rebalanceBars: number[] = [];
	for (let t = L; t <= N - 2; t += options.rebalanceEvery) rebalanceBars.push(t);
	const targets: Float64Array[] = [];
	const turnover: number[] = [];
	const costs: number[] = [];
	const rets = new Float64Array(N - 1 - L);
	const equity = new Float64Array(N - L);
	const held = Array.from({ length: n }, () => new Float64Array(N - L));
	let w = new Float64Array(n); // nothing held before the first rebalance
	let value = 1;
	let next = 0; // index of the next rebalance in rebalanceBars
	for (let t = L; t < N; t++) {
		if (t > L) {
			// Drift over bar t, with the cost of the trade at t − 1 (if any) taken from that bar's value.
			const cost = next > 0 && rebalanceBars[next - 1] === t - 1 ? costs[next - 1] : 0;
			let gross = 0;
			for (let i = 0; i < n; i++) gross += w[i] * (1 + returns[i][t]);
			for (let i = 0; i < n; i++) w[i] = (w[i] * (1 + returns[i][t])) / gross;
			const R = (1 - cost) * gross - 1;
			rets[t - L - 1] = R;
			value *= 1 + R;
		}
		equity[t - L] = value;
		if (next < rebalanceBars.length && rebalanceBars[next] === t) {
			onRebalance?.(next, t);
			const target = rule(windowAt(returns, t, L), L, n);
			if (target.length !== n) throw new RangeError(`the rule gave ${target.length} weights for ${n} assets`);
			let sum = 0;
			let traded = 0;
			for (let i = 0; i < n; i++) {
				if (!Number.isFinite(target[i])) throw new RangeError(`the rule gave weight ${i} = ${target[i]}`);
				sum += target[i];
				traded += Math.abs(target[i] - w[i]);
			}
			if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`the rule's weights sum to ${sum}, not 1`);
			targets.push(Float64Array.from(target));
			turnover.push(traded);
			costs.push((traded * options.costBps) / BPS_PER_UNIT);
			w = Float64Array.from(target);
			next++;
		}
		for (let i = 0; i < n; i++) held[i][t - L] = w[i];
	}
	return { start: L, rebalanceBars, targets, turnover, costs, returns: rets, equity, held };
}

/** The equal-weight rule: 1/n each, whatever the window. */
export const equalWeight: WeightRule = (_window, _rows, n) => new Float64Array(n).fill(1 / n);

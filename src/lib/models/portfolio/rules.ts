/**
 * The entries' weight rules on a window of returns: mean returns per bar and the Ledoit–Wolf shrunk covariance
 * of the window, handed to the tested optimisers. Scaling μ and Σ by the bars per year changes neither the
 * mean–variance nor the max-Sharpe argmax, so per-bar moments give PyPortfolioOpt's annualised answer.
 */
import { maxSharpe, meanVariance, riskParity, type Bounds } from './optimisers';
import { windowMoments, type WeightRule } from './backtest';

/** What a rule saw at each rebalance, for the report. */
export interface RuleLog {
	shrinkage: number[];
	/** Rebalances where no portfolio in the bounds beat the risk-free rate (max Sharpe only). */
	fallbacks: number;
}

export const newLog = (): RuleLog => ({ shrinkage: [], fallbacks: 0 });

export function meanVarianceRule(riskAversion: number, bounds: Bounds, log: RuleLog): WeightRule {
	return (window, rows, n) => {
		const { mu, cov, shrinkage } = windowMoments(window, rows, n);
		log.shrinkage.push(shrinkage);
		return meanVariance(mu, cov, riskAversion, bounds);
	};
}

/**
 * The highest excess return any fully invested portfolio within the bounds reaches: every asset at its lower
 * bound, the rest of the budget to the best assets first (a linear programme over a box and a simplex).
 */
export function bestExcess(excess: Float64Array, bounds: Bounds): number {
	const n = excess.length;
	let left = 1;
	let total = 0;
	for (let i = 0; i < n; i++) {
		left -= bounds.lower[i];
		total += bounds.lower[i] * excess[i];
	}
	const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => excess[b] - excess[a]);
	for (const i of order) {
		const add = Math.min(left, bounds.upper[i] - bounds.lower[i]);
		total += add * excess[i];
		left -= add;
	}
	return total;
}

/**
 * Max Sharpe at rf per bar. When no portfolio within the bounds has a positive expected excess return, the
 * tangency portfolio does not exist; the rule then holds the minimum-variance portfolio within the bounds
 * (mean–variance with μ = 0) and counts the rebalance in `log.fallbacks`.
 */
export function maxSharpeRule(rfPerBar: number, bounds: Bounds, log: RuleLog): WeightRule {
	return (window, rows, n) => {
		const { mu, cov, shrinkage } = windowMoments(window, rows, n);
		log.shrinkage.push(shrinkage);
		if (
			!(
				bestExcess(
					mu.map((m) => m - rfPerBar),
					bounds
				) > 0
			)
		) {
			log.fallbacks++;
			return meanVariance(new Float64Array(n), cov, 1, bounds);
		}
		return maxSharpe(mu, cov, rfPerBar, bounds);
	};
}

export function riskParityRule(log: RuleLog): WeightRule {
	return (window, rows, n) => {
		const { cov, shrinkage } = windowMoments(window, rows, n);
		log.shrinkage.push(shrinkage);
		return riskParity(cov);
	};
}

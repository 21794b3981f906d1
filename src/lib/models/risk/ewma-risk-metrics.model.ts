/** Catalog entry `ewma_risk_metrics`: the RiskMetrics exponentially weighted variance (risk/ewma.ts). */
import { defineVolatility } from '../seam';
import { ewmaInitialVariance, ewmaModel } from './ewma';

export const implementation = defineVolatility({
	id: 'ewma_risk_metrics',
	task: 'volatility_forecast',
	// One pass over the returns: microseconds per thousand, nothing to optimise.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	fit: (returns, { lambda_decay }) => ewmaModel(lambda_decay, ewmaInitialVariance(returns))
});

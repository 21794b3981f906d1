/** Catalog entry `garch`: GARCH(p, q) with a constant mean by maximum likelihood (volatility/garch.ts). */
import { defineVolatility } from '../seam';
import { fitGarch, garchModel } from './garch';

/**
 * Fitted to `bench/costs.ts` on the reference machine at the default GARCH(1, 1) with the analytic gradient: 5–23 ms
 * on 1,260 returns and 15–17 ms on 4,000, depending on the load (each extra lag adds about as much again: more
 * parameters, more iterations).
 */
const BASE_MS = 8;
const MS_PER_1K_RETURNS = 3;

export const implementation = defineVolatility({
	id: 'garch',
	task: 'volatility_forecast',
	costs: {
		expectedFitMs: (rows, { p, q }) => (BASE_MS + (rows / 1000) * MS_PER_1K_RETURNS) * ((p + q) / 2),
		minDeadlineMs: 60_000
	},
	fit: (returns, { p, q }, ctx) => garchModel(fitGarch(returns, { p, q }, ctx))
});

/**
 * Catalog entry `arima`: statsmodels' `ARIMA(endog, order, seasonal_order)` on log closes (timeseries/sarima.ts):
 * exact Gaussian maximum likelihood by the Kalman filter, a constant (the mean) only when nothing is differenced,
 * as statsmodels' default trend. A non-zero seasonal_order runs the seasonal model through the same code.
 */
import { defineForecaster } from '../seam';
import { fitSarima } from './sarima';
import { sarimaInfo } from './sarima-info';

/**
 * Fitted to `bench/costs.ts` on the reference machine (a loaded 2-core box), order (1, 1, 1): median 84 ms on 1,260
 * values and 52 ms on 4,000 — the first fits include the JIT warming up; warm, bench/timeseries.ts measures ~10 ms on
 * 1,260. A likelihood evaluation is one O(n·m²) filter pass (m the state dimension); a dozen BFGS iterations.
 */
const BASE_MS = 40;
const MS_PER_1K_VALUES = 5;
/** Seasonal models filter a state of dimension m ≈ s·max(P, Q) + 1 at O(m²) a step; (1, 1, 1) has m = 2. */
const MS_PER_STATE_SQUARED = 0.25;

/** Expected fit time of (p, d, q)(P, D, Q, s) on `rows` values; shared with the sarima entry. */
export function expectedSarimaFitMs(
	rows: number,
	order: readonly number[],
	seasonal: readonly number[]
): number {
	const [p, , q] = order;
	const [P, , Q, s] = seasonal;
	const m = Math.max(p + P * s, q + Q * s + 1, 1);
	return BASE_MS + (rows / 1000) * MS_PER_1K_VALUES * Math.max(1, MS_PER_STATE_SQUARED * m * m);
}

export const implementation = defineForecaster({
	id: 'arima',
	task: 'forecast',
	input: 'log_close',
	costs: {
		expectedFitMs: (rows, params) => expectedSarimaFitMs(rows, params.order, params.seasonal_order),
		minDeadlineMs: 60_000
	},
	fit: (train, params, ctx) => {
		const fit = fitSarima(train, params, 'auto', ctx);
		return { forecast: fit.forecast, info: sarimaInfo(fit, fit.mean === null ? 'n' : 'c') };
	}
});

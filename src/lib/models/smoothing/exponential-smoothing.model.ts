/**
 * Catalog entry `exponential_smoothing`: Holt–Winters by least squares (smoothing/exponential-smoothing.ts) on the
 * log close. The season is a five-day trading week (SEASON_PERIOD; the catalog exposes no season length). The
 * trend is undamped: the catalog exposes no damping (the core supports it and is tested against statsmodels).
 */
import { defineForecaster } from '../seam';
import { fitHoltWinters, holtWintersModel } from './exponential-smoothing';

/** Trading days in a week: the only calendar season daily bars carry. */
export const SEASON_PERIOD = 5;

/**
 * Fitted to `bench/costs.ts` on the reference machine (add trend, add season): 47 ms on 1,260 log closes and
 * 75 ms on 4,000 when the box was quiet, 109 and 264 ms under load.
 */
const BASE_MS = 30;
const MS_PER_1K_VALUES = 12;

export const implementation = defineForecaster({
	id: 'exponential_smoothing',
	task: 'forecast',
	input: 'log_close',
	costs: { expectedFitMs: (rows) => BASE_MS + (rows / 1000) * MS_PER_1K_VALUES, minDeadlineMs: 60_000 },
	fit: (series, { trend, seasonal }, ctx) =>
		holtWintersModel(fitHoltWinters(series, { trend, seasonal, damped: false, period: SEASON_PERIOD }, ctx))
});

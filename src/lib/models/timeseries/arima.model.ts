/**
 * Catalog entry `arima`: statsmodels' `ARIMA(endog, order, seasonal_order)` on log closes (timeseries/sarima.ts):
 * exact Gaussian maximum likelihood by the Kalman filter, a constant (the mean) only when nothing is differenced,
 * as statsmodels' default trend. A non-zero seasonal_order runs the seasonal model through the same code.
 */
import { defineForecaster } from '../seam';
import { fitSarima } from './sarima';
import { expectedSarimaFitMs } from './sarima-costs';
import { sarimaInfo } from './sarima-info';

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

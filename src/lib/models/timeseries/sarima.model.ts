/**
 * Catalog entry `sarima`: statsmodels' `SARIMAX(endog, order, seasonal_order)` on log closes (timeseries/sarima.ts),
 * with SARIMAX's default of no trend term: exact Gaussian maximum likelihood by the Kalman filter. The arima entry
 * runs the same code with ARIMA's trend rule.
 */
import { defineForecaster } from '../seam';
import { fitSarima } from './sarima';
import { expectedSarimaFitMs } from './sarima-costs';
import { sarimaInfo } from './sarima-info';

export const implementation = defineForecaster({
	id: 'sarima',
	task: 'forecast',
	input: 'log_close',
	costs: {
		expectedFitMs: (rows, params) => expectedSarimaFitMs(rows, params.order, params.seasonal_order),
		minDeadlineMs: 60_000
	},
	fit: (train, params, ctx) => {
		const fit = fitSarima(train, params, 'none', ctx);
		return { forecast: fit.forecast, info: sarimaInfo(fit, 'n') };
	}
});

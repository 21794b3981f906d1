/**
 * Catalog entry `prophet`: a Prophet-style regression on the trading-day index (smoothing/prophet.ts) of the log
 * close: piecewise-linear (or logistic, or flat) trend with 25 changepoints, weekly (5 trading days) and yearly
 * (252) Fourier seasonality, regularised least squares. Prophet's other settings take its defaults.
 */
import { defineForecaster } from '../seam';
import { fitProphet, prophetModel } from './prophet';

/**
 * Fitted to `bench/costs.ts` on the reference machine (linear, additive): 5.7 ms on 1,260 values and 18 ms on
 * 4,000 when the box was quiet, about three times that under load. Multiplicative seasonality alternates ridge solves until they settle: about 25 times as long on the S&P window
 * (106 rounds, 1.0 s against 43 ms in one run).
 */
const MS_PER_1K_VALUES = 5;
const MULTIPLICATIVE_OVER_ADDITIVE = 25;

export const implementation = defineForecaster({
	id: 'prophet',
	task: 'forecast',
	input: 'log_close',
	costs: {
		expectedFitMs: (rows, { seasonality_mode }) =>
			(3 + (rows / 1000) * MS_PER_1K_VALUES) *
			(seasonality_mode === 'multiplicative' ? MULTIPLICATIVE_OVER_ADDITIVE : 1),
		minDeadlineMs: 60_000
	},
	fit: (series, { growth, seasonality_mode }, ctx) =>
		prophetModel(fitProphet(series, { growth, seasonalityMode: seasonality_mode }, ctx))
});

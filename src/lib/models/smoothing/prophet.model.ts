/**
 * Catalog entry `prophet`: a Prophet-style regression on the trading-day index (smoothing/prophet.ts) of the log
 * close: piecewise-linear (or logistic, or flat) trend with 25 changepoints, weekly (5 trading days) and yearly
 * (252) Fourier seasonality, regularised least squares. Prophet's other settings take its defaults.
 */
import { defineForecaster } from '../seam';
import { fitProphet, prophetModel } from './prophet';

/**
 * Fitted to `bench/costs.ts` on the reference machine (linear, additive, through the fold runner, first fit cold):
 * medians of five runs under load 16 ms on 1,260 values and 21 ms on 4,000 (range 10–23 and 13–66); the fit
 * alone takes 1.5–2.5 ms at 1,260 and 4–6 ms at 5,040 (bench/series-models.ts), the rest is the fold around it.
 * Multiplicative seasonality alternates ridge solves until they settle, about 1 ms a round on 1,260 values:
 * 82–106 rounds and 120–250 ms on 1,260-value S&P windows, about 20 rounds and 90–100 ms on 4,000.
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

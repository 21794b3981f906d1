/**
 * Catalog entry `kalman_filter`: a trend of order n_dim_state − 1 (local level, local linear trend, …) fitted by
 * maximum likelihood through the Kalman filter (smoothing/kalman-filter.ts), on the log close. The entry's
 * original (pykalman) fits by EM; EM and our quasi-Newton climb the same likelihood.
 */
import { defineForecaster } from '../seam';
import { fitKalman, kalmanModel } from './kalman-filter';

/**
 * Fitted to `bench/costs.ts` on the reference machine (2 states): 28 ms on 1,260 log closes and
 * 100 ms on 4,000 when the box was quiet, 49 and 245 ms under load.
 * More states cost more per value but the optimiser stops sooner: measured 0.44 s at 6 states and 1.4 s at 10
 * (1,260 values), about n² overall.
 */
const MS_PER_1K_VALUES_2_STATES = 25;

export const implementation = defineForecaster({
	id: 'kalman_filter',
	task: 'forecast',
	input: 'log_close',
	costs: {
		expectedFitMs: (rows, { n_dim_state }) =>
			5 + (rows / 1000) * MS_PER_1K_VALUES_2_STATES * Math.max(1, (n_dim_state / 2) ** 2),
		minDeadlineMs: 60_000
	},
	fit: (series, { n_dim_state }, ctx) => kalmanModel(fitKalman(series, n_dim_state, ctx))
});

/**
 * Catalog entry `bayesian_change_point_detection`: despite the id, the catalog's original is `ruptures.Pelt` and
 * its parameters are PELT's, so this is PELT with ruptures' costs run online (regimes/pelt.ts), not the online
 * Bayesian change-point detection (BOCPD) the issue's text names. The fit chooses nothing: it validates the
 * params and takes the training window's mean and standard deviation (the costs need the series standardised)
 * and, for rbf, its bandwidth. State 1 = the current segment's mean return is positive.
 */
import { defineRegime } from '../seam';
import { fitPelt, runPelt } from './pelt';

/**
 * The fit is the training window's moments and, for rbf, the median of its n(n − 1)/2 pairwise distances
 * (quickselect). Measured by `bench/costs.ts`, default rbf on the shared 2-core box: 18–36 ms on 1,260
 * returns (0.79 M pairs), 386–439 ms on 4,000 (8 M pairs).
 */
const MS_PER_MILLION_PAIRS = 40;

export const implementation = defineRegime({
	id: 'bayesian_change_point_detection',
	task: 'regime',
	input: 'log_return',
	costs: {
		expectedFitMs: (rows, params) =>
			1 + (params.model === 'rbf' ? ((rows * rows) / 2 / 1e6) * MS_PER_MILLION_PAIRS : 0),
		minDeadlineMs: 60_000
	},
	fit: (X, params, ctx) => {
		if (X.cols !== 1) throw new RangeError(`returns must be one column, got ${X.cols}`);
		const fit = fitPelt(X.data, params, ctx);
		return {
			states: 2,
			assign: (rows) => {
				if (rows.cols !== 1) throw new RangeError(`returns must be one column, got ${rows.cols}`);
				return runPelt(fit, rows.data).states;
			},
			info: {
				mean: fit.mean,
				scale: fit.scale,
				minSize: fit.minSize,
				...(params.model === 'rbf' ? { gamma: fit.gamma } : {})
			}
		};
	}
});

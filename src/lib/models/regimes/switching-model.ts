/** The fitted-model shape shared by the three Markov-switching entries: a Hamilton filter with fixed parameters. */
import type { Matrix } from '../../domain/matrix';
import type { FitContext, FittedRegimeModel } from '../types';
import { filterStates, fitSwitching, type SwitchingSpec } from './hamilton';

/** Fits on the training returns (one column) and assigns by the argmax of the filtered regime probabilities. */
export function fitSwitchingRegimes(X: Matrix, spec: SwitchingSpec, ctx: FitContext): FittedRegimeModel {
	if (X.cols !== 1) throw new RangeError(`returns must be one column, got ${X.cols}`);
	const fit = fitSwitching(X.data, spec, ctx);
	const info: Record<string, number> = {
		logLikelihood: fit.logLikelihood,
		iterations: fit.iterations,
		converged: fit.converged ? 1 : 0
	};
	for (let i = 0; i < fit.k; i++) {
		info[`mean_${i}`] = fit.mean[i];
		info[`variance_${i}`] = fit.variance[i];
		info[`stay_${i}`] = fit.transition[i * fit.k + i];
	}
	return {
		states: fit.k,
		assign: (rows) => {
			if (rows.cols !== 1) throw new RangeError(`returns must be one column, got ${rows.cols}`);
			return filterStates(rows.data, fit);
		},
		info
	};
}

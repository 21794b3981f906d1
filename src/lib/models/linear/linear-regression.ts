/**
 * Ordinary least squares: ridge.ts with α = 0, which solves the normal equations by Cholesky on the standardised
 * system and adds a tiny diagonal jitter only when the columns are collinear (info.solver says which).
 *
 * `normalize` is accepted for the catalog (scikit-learn removed it in 1.2) and changes nothing: standardising
 * rescales each column, and unpenalised least squares is invariant to column scale — in exact arithmetic the
 * coefficients on the raw scale and the predictions are identical. The solver standardises either way because
 * the standardised system is better conditioned, so both settings run the same arithmetic.
 */
import type { Matrix } from '../../domain/matrix';
import { fitRidge, type RidgeModel } from './ridge';

export interface LinearRegressionParams {
	fit_intercept: boolean;
	/** Standardise the features first; the predictions are the same either way (see above). */
	normalize: boolean;
}

export interface LinearRegressionModel extends Omit<RidgeModel, 'info'> {
	readonly info: { readonly solver: string; readonly normalize: number };
}

export function fitLinearRegression(
	X: Matrix,
	y: Float64Array,
	params: LinearRegressionParams
): LinearRegressionModel {
	const model = fitRidge(X, y, { alpha: 0, fit_intercept: params.fit_intercept });
	return {
		coefficients: model.coefficients,
		intercept: model.intercept,
		info: { solver: model.info.solver, normalize: params.normalize ? 1 : 0 },
		predict: (Xp) => model.predict(Xp),
		importance: () => model.importance()
	};
}

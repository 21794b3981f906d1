/**
 * Expected forward return and its interval for a regression model's prediction ŷ, from the model's
 * OUT-OF-SAMPLE walk-forward residuals r = y − ŷ (never in-sample ones).
 *
 * Point estimate: ŷ + mean(r), i.e. the prediction minus the mean out-of-sample error (ŷ − y). We chose the
 * mean, not the median, because the quantity shown is an expected return; the correction removes a constant bias
 * the walk-forward revealed (a model that was 0.4 % too optimistic on average is shifted down by 0.4 %).
 *
 * Interval: split conformal prediction with signed residuals (Vovk, Gammerman & Shafer 2005, "Algorithmic Learning
 * in a Random World", ch. 2 and 4; Lei, G'Sell, Rinaldo, Tibshirani & Wasserman 2018, "Distribution-free predictive
 * inference for regression", JASA 113(523), §2.2 — there with |r| for a symmetric band; with signed residuals and
 * two one-sided quantiles as in Linusson et al. 2014, "Signed-error conformal regression"). With n residuals sorted
 * r₍₁₎ ≤ … ≤ r₍ₙ₎ and levels lo < hi (default 0.1 and 0.9):
 *   lower = ŷ + r₍k_lo₎, k_lo = ⌊(n + 1)·lo⌋;   upper = ŷ + r₍k_hi₎, k_hi = ⌈(n + 1)·hi⌉;
 * if the new residual and the n calibration residuals are exchangeable, P(lower ≤ y ≤ upper) ≥ (k_hi − k_lo)/(n + 1)
 * ≥ hi − lo (and equals it for continuous residuals). The rank rounding allows 1e-9 for float products such as
 * 10 × 0.9, so a level that should give an integer rank does.
 *
 * Honest limits: overlapping forward returns and changing markets are not exchangeable, so on market data the
 * coverage is approximate (Barber, Candès, Ramdas & Tibshirani 2023, "Conformal prediction beyond
 * exchangeability", Ann. Statist. 51(2)); the band has one width for every prediction (marginal, not conditional
 * coverage). `nominalCoverage` states the finite-sample level the fit promises under exchangeability.
 */
import { RecommendError } from './errors';

export interface ResidualIntervalSettings {
	/** Lower and upper quantile levels of the residuals, 0 < lower < upper < 1. */
	readonly lower: number;
	readonly upper: number;
}

export const DEFAULT_RESIDUAL_INTERVAL: ResidualIntervalSettings = { lower: 0.1, upper: 0.9 };

/** Float slack in the conformal ranks ((n + 1)·level). */
const RANK_SLACK = 1e-9;

/** The JSON-serialisable fit: everything needed to turn a prediction into an estimate and a band. */
export interface ResidualIntervalFit {
	readonly method: 'split-conformal';
	readonly rows: number;
	/** Mean out-of-sample residual y − ŷ (added to a prediction). */
	readonly bias: number;
	readonly lowerLevel: number;
	readonly upperLevel: number;
	/** r₍k_lo₎ and r₍k_hi₎: added to a prediction for the band's ends. */
	readonly lowerOffset: number;
	readonly upperOffset: number;
	/** (k_hi − k_lo)/(n + 1): the coverage promised under exchangeability. */
	readonly nominalCoverage: number;
}

export interface ExpectedReturn {
	/** The model's raw prediction ŷ. */
	readonly prediction: number;
	/** ŷ + mean residual. */
	readonly estimate: number;
	readonly lower: number;
	readonly upper: number;
	readonly lowerLevel: number;
	readonly upperLevel: number;
	readonly nominalCoverage: number;
}

export function fitResidualInterval(
	actual: ArrayLike<number>,
	predicted: ArrayLike<number>,
	settings: ResidualIntervalSettings = DEFAULT_RESIDUAL_INTERVAL
): ResidualIntervalFit {
	const { lower, upper } = settings;
	if (!(lower > 0 && lower < 1))
		throw new RecommendError('invalid', 'lower', `must be in (0, 1), got ${lower}`);
	if (!(upper > lower && upper < 1))
		throw new RecommendError('invalid', 'upper', `must be in (lower, 1), got ${upper}`);
	if (actual.length !== predicted.length)
		throw new RecommendError(
			'invalid',
			'predicted',
			`needs one prediction per actual: ${predicted.length} for ${actual.length}`
		);
	const n = actual.length;
	const residuals = new Float64Array(n);
	let sum = 0;
	for (let i = 0; i < n; i++) {
		const r = actual[i] - predicted[i];
		if (!Number.isFinite(r))
			throw new RecommendError('invalid', 'actual', `row ${i}: actual and prediction must be finite`);
		residuals[i] = r;
		sum += r;
	}
	const kLo = Math.floor((n + 1) * lower + RANK_SLACK);
	const kHi = Math.ceil((n + 1) * upper - RANK_SLACK);
	if (kLo < 1 || kHi > n) {
		const need = Math.ceil(Math.max(1 / lower, 1 / (1 - upper)) - 1 - RANK_SLACK);
		throw new RecommendError('too_few', 'actual', `levels ${lower}/${upper} need ≥ ${need} rows, got ${n}`);
	}
	residuals.sort();
	return {
		method: 'split-conformal',
		rows: n,
		bias: sum / n,
		lowerLevel: lower,
		upperLevel: upper,
		lowerOffset: residuals[kLo - 1],
		upperOffset: residuals[kHi - 1],
		nominalCoverage: (kHi - kLo) / (n + 1)
	};
}

export function expectedReturn(fit: ResidualIntervalFit, prediction: number): ExpectedReturn {
	if (!Number.isFinite(prediction))
		throw new RecommendError('invalid', 'prediction', `must be finite, got ${prediction}`);
	return {
		prediction,
		estimate: prediction + fit.bias,
		lower: prediction + fit.lowerOffset,
		upper: prediction + fit.upperOffset,
		lowerLevel: fit.lowerLevel,
		upperLevel: fit.upperLevel,
		nominalCoverage: fit.nominalCoverage
	};
}

/**
 * Self-exciting threshold autoregression SETAR(2; 1, 1) on daily log returns (Tong 1990; Hansen 1997's notation):
 *
 *   rₜ = c₀ + φ₀ rₜ₋₁ + εₜ   when rₜ₋d ≤ threshold (regime 0, "lower"),
 *   rₜ = c₁ + φ₁ rₜ₋₁ + εₜ   otherwise (regime 1, "upper").
 *
 * - AR order 1 in both regimes: the original (mlTrainer3's catalog, `custom → nonlinear.ThresholdAR`) names only
 *   threshold and delay, and its nonlinear.py holds no ThresholdAR class to say otherwise.
 * - The threshold is the catalog parameter, fixed; it is not searched over a grid as a full SETAR estimation would.
 * - Each regime's (c, φ) by ordinary least squares over the training values t ≥ max(1, d) in it. A regime with fewer
 *   than MIN_REGIME_VALUES values, or whose lagged returns are all equal, takes the pooled (one-regime) AR(1) fit;
 *   the info says which.
 * - Forecasts are the deterministic skeleton: the fitted map iterated from the origin, each step's regime chosen
 *   from the actual return where it is known and from the forecast one where it is not (no simulation of the
 *   noise, so multi-step forecasts are not conditional means).
 *
 * No reference library implements SETAR in the project's Python; bench/make-timeseries-fixture.py holds a plain
 * NumPy (np.linalg.lstsq) implementation of the same estimator as the fixture.
 */
import { leastSquares } from './least-squares';

export interface SetarParams {
	readonly threshold: number;
	readonly delay: number;
}

/** AR order of both regimes. */
export const SETAR_AR_ORDER = 1;
/** Values a regime needs for its own fit: two coefficients and at least one degree of freedom. */
export const MIN_REGIME_VALUES = SETAR_AR_ORDER + 2;

export interface SetarFit {
	readonly threshold: number;
	readonly delay: number;
	/** (intercept, AR(1) coefficient) of the lower and the upper regime. */
	readonly coefficients: readonly [Float64Array, Float64Array];
	/** Training values in each regime. */
	readonly counts: readonly [number, number];
	/** Whether each regime took the pooled fit (too few values of its own). */
	readonly pooled: readonly [boolean, boolean];
	forecast(series: Float64Array, from: number, horizon: number): Float64Array;
}

function checkSeries(name: string, values: Float64Array): void {
	for (let i = 0; i < values.length; i++)
		if (!Number.isFinite(values[i]))
			throw new RangeError(`${name}[${i}] is ${values[i]}; the series must be finite`);
}

export function fitSetar(train: Float64Array, params: SetarParams): SetarFit {
	const { threshold, delay } = params;
	if (!Number.isFinite(threshold))
		throw new RangeError(`threshold must be a finite number; got ${threshold}`);
	if (!Number.isInteger(delay) || delay < 1)
		throw new RangeError(`delay must be an integer ≥ 1; got ${delay}`);
	checkSeries('train', train);
	const start = Math.max(SETAR_AR_ORDER, delay);
	const rows = train.length - start;
	if (rows < MIN_REGIME_VALUES)
		throw new RangeError(
			`train has ${train.length} values; delay ${delay} needs at least ${start + MIN_REGIME_VALUES}`
		);
	// One pass sorts the rows into the two regimes' designs [1, rₜ₋₁] and targets rₜ.
	const lowerRow = new Uint8Array(rows);
	let nLower = 0;
	for (let t = start; t < train.length; t++)
		if (train[t - delay] <= threshold) {
			lowerRow[t - start] = 1;
			nLower++;
		}
	const design = (pick: (i: number) => boolean, n: number): Float64Array | null => {
		if (n < MIN_REGIME_VALUES) return null;
		const X = new Float64Array(2 * n);
		const y = new Float64Array(n);
		let k = 0;
		for (let i = 0; i < rows; i++) {
			if (!pick(i)) continue;
			X[2 * k] = 1;
			X[2 * k + 1] = train[start + i - 1];
			y[k++] = train[start + i];
		}
		return leastSquares(X, y, n, 2);
	};
	const lower = design((i) => lowerRow[i] === 1, nLower);
	const upper = design((i) => lowerRow[i] === 0, rows - nLower);
	// The pooled fit only where a regime has none of its own.
	const pooled = lower && upper ? null : design(() => true, rows);
	if (!(lower && upper) && !pooled)
		throw new RangeError('train: the lagged returns are all equal; no autoregression can be fitted');
	const coefficients = [lower ?? pooled!, upper ?? pooled!] as const;
	const fit = {
		threshold,
		delay,
		coefficients,
		counts: [nLower, rows - nLower] as const,
		pooled: [!lower, !upper] as const,
		forecast: (series: Float64Array, from: number, horizon: number): Float64Array =>
			forecastSetar(fit, series, from, horizon)
	};
	return fit;
}

/** Skeleton forecasts of rₜ₊₁ … rₜ₊ₕ from every origin t ≥ from, with returns up to t only. */
export function forecastSetar(
	fit: Pick<SetarFit, 'threshold' | 'delay' | 'coefficients'>,
	series: Float64Array,
	from: number,
	horizon: number
): Float64Array {
	const { threshold, delay, coefficients } = fit;
	if (!Number.isInteger(horizon) || horizon < 1)
		throw new RangeError(`horizon must be an integer ≥ 1; got ${horizon}`);
	const first = delay - 1;
	if (!Number.isInteger(from) || from < first || from > series.length)
		throw new RangeError(
			`from must be an integer in [${first}, ${series.length}] (delay ${delay} reads r[t + 1 − ${delay}]); got ${from}`
		);
	checkSeries('series', series);
	const out = new Float64Array((series.length - from) * horizon);
	// path[j] holds r[t + 1 − delay + j]: the known returns the first steps read, then the forecasts.
	const path = new Float64Array(delay + horizon);
	for (let t = from; t < series.length; t++) {
		for (let j = 0; j < delay; j++) path[j] = series[t + 1 - delay + j];
		for (let k = 0; k < horizon; k++) {
			// Forecast of r[t + 1 + k]: regime from r[t + 1 + k − delay] = path[k], AR from r[t + k] = path[delay − 1 + k].
			const [c, phi] = path[k] <= threshold ? coefficients[0] : coefficients[1];
			const value = c + phi * path[delay - 1 + k];
			path[delay + k] = value;
			out[(t - from) * horizon + k] = value;
		}
	}
	return out;
}

/** The expected fit time of the (S)ARIMA entries (their `costs`). */

/**
 * Fitted to `bench/costs.ts` on the reference machine (a loaded 2-core box): arima (1, 1, 1) 27 ms on 1,260 values and
 * 28 ms on 4,000 (earlier standalone runs, JIT cold: 23–84 and 8–52 ms); sarima (1, 1, 1)(1, 1, 1, 12), state
 * dimension 14: 324 ms on 1,260 values, 1,183 ms on 4,000. A likelihood evaluation is one O(n·m²) filter pass (m the
 * state dimension); a dozen to forty BFGS iterations.
 */
const BASE_MS = 20;
const MS_PER_1K_VALUES = 5;
/** Seasonal models filter a state of dimension m ≈ s·max(P, Q) + 1 at O(m²) a step; (1, 1, 1) has m = 2. */
const MS_PER_STATE_SQUARED = 0.35;

/** Expected fit time of (p, d, q)(P, D, Q, s) on `rows` values (entries arima and sarima). */
export function expectedSarimaFitMs(
	rows: number,
	order: readonly number[],
	seasonal: readonly number[]
): number {
	const [p, , q] = order;
	const [P, , Q, s] = seasonal;
	const m = Math.max(p + P * s, q + Q * s + 1, 1);
	return BASE_MS + (rows / 1000) * MS_PER_1K_VALUES * Math.max(1, MS_PER_STATE_SQUARED * m * m);
}

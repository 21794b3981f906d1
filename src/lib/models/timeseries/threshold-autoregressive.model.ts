/** Catalog entry `threshold_autoregressive`: SETAR(2; 1, 1) on daily log returns, fixed threshold (timeseries/setar.ts). */
import { defineForecaster } from '../seam';
import { fitSetar } from './setar';

/**
 * Two least-squares fits of two columns. Fitted to `bench/costs.ts` on the reference machine (a loaded 2-core box):
 * 0.77 ms on 1,260 values and 2.0 ms on 4,000 (standalone runs with the JIT cold: 1.6–14 ms).
 */
const BASE_MS = 0.5;
const MS_PER_1K_VALUES = 0.4;

export const implementation = defineForecaster({
	id: 'threshold_autoregressive',
	task: 'forecast',
	input: 'log_return',
	costs: { expectedFitMs: (rows) => BASE_MS + (rows / 1000) * MS_PER_1K_VALUES, minDeadlineMs: 60_000 },
	fit: (train, params, ctx) => {
		const fit = fitSetar(train, params);
		ctx.onProgress?.(1);
		const [lower, upper] = fit.coefficients;
		return {
			forecast: fit.forecast,
			info: {
				threshold: fit.threshold,
				thresholdSearch: 'none: the catalog threshold is used as given',
				delay: fit.delay,
				arOrder: 1,
				'lower.const': lower[0],
				'lower.ar.L1': lower[1],
				'upper.const': upper[0],
				'upper.ar.L1': upper[1],
				lowerValues: fit.counts[0],
				upperValues: fit.counts[1],
				pooledRegimes: ['lower', 'upper'].filter((_, i) => fit.pooled[i]).join(',') || 'none',
				forecast: 'skeleton: the fitted map iterated, regimes from forecast values'
			}
		};
	}
});

/** Catalog entry `ema_crossover_model`: long while the fast EMA is above the slow one, short below (indicators/ema.ts). */
import { defineSignal } from '../seam';
import { emaCrossoverPositions } from './ema';

export const implementation = defineSignal({
	id: 'ema_crossover_model',
	// Two passes over the closes: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => emaCrossoverPositions(bars.close, p.fast_period, p.slow_period)
});

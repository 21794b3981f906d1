/** Catalog entry `stochastic_model`: long while %D < 20, short while %D > 80, flat between
 * (indicators/range-oscillators.ts). */
import { defineSignal } from '../seam';
import { stochasticPositions } from './range-oscillators';

export const implementation = defineSignal({
	id: 'stochastic_model',
	// Two passes over the bars: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => stochasticPositions(bars, p.window, p.smooth_window)
});

/** Catalog entry `roc_model`: the sign of the rate of change over the window (indicators/price-rules.ts). */
import { defineSignal } from '../seam';
import { rocPositions } from './price-rules';

export const implementation = defineSignal({
	id: 'roc_model',
	// One pass over the closes: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => rocPositions(bars.close, p.window)
});

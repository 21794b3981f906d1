/** Catalog entry `williams_r_model`: long below %R −80, short above −20, flat between
 * (indicators/range-oscillators.ts). */
import { defineSignal } from '../seam';
import { williamsRPositions } from './range-oscillators';

export const implementation = defineSignal({
	id: 'williams_r_model',
	// One pass over the bars: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => williamsRPositions(bars, p.lbp)
});

/** Catalog entry `parabolic_sar_model`: long in the parabolic SAR's up-trend, short in its down-trend
 * (indicators/psar.ts). */
import { defineSignal } from '../seam';
import { psarPositions } from './psar';

export const implementation = defineSignal({
	id: 'parabolic_sar_model',
	// One pass over the bars: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => psarPositions(bars, p.step, p.max_step)
});

/** Catalog entry `vpa_model`: heavy volume on a narrow bar read by where it closed (rules/volume.ts). */
import { defineSignal } from '../seam';
import { vpaPositions } from './volume';

export const implementation = defineSignal({
	id: 'vpa_model',
	// Two O(n·20) passes: about a millisecond on 5,000 bars.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => vpaPositions(bars, p.effort_threshold)
});

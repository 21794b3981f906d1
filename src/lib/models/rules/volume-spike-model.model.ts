/** Catalog entry `volume_spike_model`: on a volume spike, the sign of that bar's change (rules/volume.ts). */
import { defineSignal } from '../seam';
import { volumeSpikePositions } from './volume';

export const implementation = defineSignal({
	id: 'volume_spike_model',
	// One O(n·window) pass over the volumes: about a millisecond on 5,000 bars.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => volumeSpikePositions(bars.close, bars.volume, p.window, p.threshold)
});

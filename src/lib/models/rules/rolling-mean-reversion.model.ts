/** Catalog entry `rolling_mean_reversion`: fade a close stretched beyond ±threshold rolling z (rules/mean-reversion.ts). */
import { defineSignal } from '../seam';
import { meanReversionPositions } from './mean-reversion';

export const implementation = defineSignal({
	id: 'rolling_mean_reversion',
	// One O(n·window) pass over the closes: about a millisecond on 5,000 bars.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => meanReversionPositions(bars.close, p.window, p.threshold)
});

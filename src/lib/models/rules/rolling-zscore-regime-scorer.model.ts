/** Catalog entry `rolling_zscore_regime_scorer`: follow the regime a close's z against the prior window flags. */
import { defineSignal } from '../seam';
import { zScoreRegimePositions } from './mean-reversion';

export const implementation = defineSignal({
	id: 'rolling_zscore_regime_scorer',
	// One O(n·window) pass over the closes: about a millisecond on 5,000 bars.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => zScoreRegimePositions(bars.close, p.window_size, p.threshold)
});

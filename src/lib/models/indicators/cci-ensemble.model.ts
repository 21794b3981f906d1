/** Catalog entry `cci_ensemble`: the mean of the CCI ±100 votes over several periods (indicators/cci.ts). */
import { defineSignal } from '../seam';
import { cciEnsemblePositions } from './cci';

export const implementation = defineSignal({
	id: 'cci_ensemble',
	// One CCI per period, O(n · period) each: about a millisecond per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 2, minDeadlineMs: 60_000 },
	positions: (bars, p) => cciEnsemblePositions(bars, p.n_periods)
});

/** Catalog entry `commodity_channel_index`: long above CCI +100, short below −100, flat between (indicators/cci.ts). */
import { defineSignal } from '../seam';
import { cciPositions } from './cci';

export const implementation = defineSignal({
	id: 'commodity_channel_index',
	// O(n · window) over the bars: well under a millisecond per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => cciPositions(bars, p.window, p.constant)
});

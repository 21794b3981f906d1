/** Catalog entry `obv_model`: long while the on-balance volume is above its EMA signal line, short below
 * (indicators/volume-lines.ts). */
import { defineSignal } from '../seam';
import { onBalanceVolume, lineVsSignalPositions } from './volume-lines';

export const implementation = defineSignal({
	id: 'obv_model',
	// Two passes over the bars: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => lineVsSignalPositions(onBalanceVolume(bars), p.signal_window, p.fillna)
});

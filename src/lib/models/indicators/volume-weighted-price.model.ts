/** Catalog entry `volume_weighted_price`: long below the lower rolling-VWAP band, short above the upper
 * (indicators/volume-price.ts). */
import { defineSignal } from '../seam';
import { vwapPositions } from './volume-price';

export const implementation = defineSignal({
	id: 'volume_weighted_price',
	// One pass over the bars: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => vwapPositions(bars, p.window, p.band_width)
});

/** Catalog entry `volume_price_analysis_model`: long while returns and volume correlate positively over the
 * window, short while negatively (indicators/volume-price.ts). */
import { defineSignal } from '../seam';
import { priceVolumePositions } from './volume-price';

export const implementation = defineSignal({
	id: 'volume_price_analysis_model',
	// One pass over the bars: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => priceVolumePositions(bars, p.correlation_window)
});

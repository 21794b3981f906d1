/** Catalog entry `volume_price_trend_model`: long while the volume–price trend is above its EMA signal line, short below
 * (indicators/volume-lines.ts). */
import { defineSignal } from '../seam';
import { volumePriceTrend, lineVsSignalPositions } from './volume-lines';

export const implementation = defineSignal({
	id: 'volume_price_trend_model',
	// Two passes over the bars: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => lineVsSignalPositions(volumePriceTrend(bars), p.signal_window, p.fillna)
});

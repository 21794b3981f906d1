/** Catalog entry `accumulation_distribution_line`: long while the accumulation/distribution line is above its EMA signal line, short below
 * (indicators/volume-lines.ts). */
import { defineSignal } from '../seam';
import { accumulationDistribution, lineVsSignalPositions } from './volume-lines';

export const implementation = defineSignal({
	id: 'accumulation_distribution_line',
	// Two passes over the bars: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => lineVsSignalPositions(accumulationDistribution(bars), p.signal_window, p.fillna)
});

/** Catalog entry `elliott_wave_model`: a heuristic, causal Elliott wave count on zig-zag swings, long in the
 * impulse waves 3 and 5 and short in the corrective A and C (patterns/elliott.ts). */
import { defineSignal } from '../seam';
import { elliottPositions } from './elliott';

export const implementation = defineSignal({
	id: 'elliott_wave_model',
	// One zig-zag pass and a few checks per swing point: 5 ms for the 5,100 S&P bars.
	costs: { expectedFitMs: () => 5, minDeadlineMs: 60_000 },
	positions: (bars, p) =>
		elliottPositions(bars, {
			degree: p.wave_degree,
			fibRatios: p.fibonacci_ratios,
			minWaveBars: p.minimum_wave_length
		})
});

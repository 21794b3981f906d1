/** Catalog entry `chart_pattern_recognition`: long or short on breakouts from chart patterns read off a causal
 * zig-zag (patterns/chart-patterns.ts). */
import { defineSignal } from '../seam';
import { chartPatternPositions } from './chart-patterns';

export const implementation = defineSignal({
	id: 'chart_pattern_recognition',
	// One pass over the bars plus a few comparisons per swing point: about 20 ms for the 5,100 S&P bars.
	costs: { expectedFitMs: () => 20, minDeadlineMs: 60_000 },
	positions: (bars, p) =>
		chartPatternPositions(bars, {
			patterns: p.pattern_library,
			threshold: p.swing_threshold,
			tolerance: p.tolerance,
			holdBars: p.hold_bars
		})
});

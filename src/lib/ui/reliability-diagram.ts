/**
 * Geometry and words of a reliability diagram (stated probability on x, observed share up on y, both 0…1), so
 * the SVG component only draws and its description and table fallback say the same thing as the picture.
 */
import type { ReliabilityBins } from '../research/recommend/calibration-metrics';
import type { TrackRecordGroup } from '../research/recommend/track-record';
import { pct } from './format';

/** Smallest and largest dot radius (px): the largest bin gets the largest dot, area ∝ count. */
export const DOT_MIN_R = 3;
export const DOT_MAX_R = 10;

export interface ReliabilityPoint {
	readonly cx: number;
	readonly cy: number;
	readonly r: number;
	readonly predicted: number;
	readonly observed: number;
	readonly count: number;
	readonly label: string;
}

export interface ReliabilityGeometry {
	readonly size: number;
	readonly pad: number;
	/** Pixel position of probability v on either axis (y grows downwards). */
	readonly x: (v: number) => number;
	readonly y: (v: number) => number;
	readonly ticks: readonly number[];
	readonly points: readonly ReliabilityPoint[];
	readonly description: string;
}

export function reliabilityGeometry(bins: ReliabilityBins, size = 280, pad = 36): ReliabilityGeometry {
	const inner = size - 2 * pad;
	const x = (v: number) => pad + v * inner;
	const y = (v: number) => size - pad - v * inner;
	const most = Math.max(1, ...bins.counts);
	const points = bins.meanPredicted.map((p, i) => {
		const observed = bins.fractionPositive[i];
		const count = bins.counts[i];
		return {
			cx: x(p),
			cy: y(observed),
			r: DOT_MIN_R + (DOT_MAX_R - DOT_MIN_R) * Math.sqrt(count / most),
			predicted: p,
			observed,
			count,
			label: `stated ${pct(p, 1)}, observed ${pct(observed, 1)} up, ${count} recommendation${count === 1 ? '' : 's'}`
		};
	});
	const total = bins.counts.reduce((s, c) => s + c, 0);
	let worst = -1;
	points.forEach((pt, i) => {
		if (
			worst < 0 ||
			Math.abs(pt.observed - pt.predicted) > Math.abs(points[worst].observed - points[worst].predicted)
		)
			worst = i;
	});
	const description =
		points.length === 0
			? 'No resolved recommendation yet.'
			: `${total} resolved recommendation${total === 1 ? '' : 's'} in ${points.length} bin${points.length === 1 ? '' : 's'} of stated probability; ` +
				`the farthest from the diagonal: stated ${pct(points[worst].predicted, 1)}, observed ${pct(points[worst].observed, 1)} up.`;
	return { size, pad, x, y, ticks: [0, 0.25, 0.5, 0.75, 1], points, description };
}

/** "target 2 (+3.00%) · stop 1 (−1.50%) · timeout 0 · open 1": exits of a group with their mean returns. */
export function exitsText(g: Pick<TrackRecordGroup, 'exits'>): string {
	const withMean = (kind: 'target' | 'stop' | 'timeout') => {
		const e = g.exits[kind];
		return e.n === 0 ? `${kind} 0` : `${kind} ${e.n} (${pct(e.meanReturn)})`;
	};
	return [withMean('target'), withMean('stop'), withMean('timeout'), `open ${g.exits.open.n}`].join(' · ');
}

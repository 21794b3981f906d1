/**
 * A rule-based Elliott wave COUNT: a heuristic labelling of the alternating swings of a causal zig-zag
 * (zigzag.ts) as the five waves of an impulse and the three of its correction, using Elliott's three hard rules and
 * Fibonacci retracement checks (Frost & Prechter, "Elliott Wave Principle", 10th ed. 2005, ch. 2). It is not a
 * forecast and not what an analyst's count would be; wave counts are subjective and this is one mechanical reading.
 *
 * Swings: the zig-zag's threshold sets the wave degree (DEGREE_THRESHOLD). A wave is the move between two
 * consecutive confirmed swing points; each must span at least `minWaveBars` bars.
 *
 * The count of an upward impulse (a downward one is the exact mirror, with every position negated), checked as each
 * swing point is confirmed, so the count at bar t reads only swings confirmed by t:
 * - Start: the last three swings low P0, high P1, low P2 with P2 > P0 (rule 1: wave 2 never retraces all of wave
 *   1) and the retracement (P1 − P2) / (P1 − P0) within FIB_TOLERANCE of one of `fibRatios` → in wave 3: +1.
 * - P3 (high): wave 3 must end above P1 → in wave 4: 0.
 * - P4 (low): P4 > P1 (rule 3: wave 4 does not overlap wave 1) and the retracement (P3 − P4) / (P3 − P2) matches a
 *   ratio → in wave 5: +1.
 * - P5 (high): P5 > P3 and wave 3 (P3 − P2) not the shortest of waves 1, 3, 5 (rule 2) → the impulse is complete
 *   and the correction starts: wave A, −1.
 * - P6 (low) → wave B, 0. P7 (high): B must stay below P5 → wave C, −1. P8 (low): the count is over.
 * A broken rule drops the count at once (position 0); whenever no count is running, the newest three swings are
 * tried as the start of a new one (upward when the newest is a low, downward when a high). Before the first swing
 * point is confirmed the position is NaN.
 */
import type { Bars } from '../../domain/series';
import { zigzag, type Pivot } from './zigzag';

export const WAVE_DEGREES = ['cycle', 'primary', 'intermediate', 'minor', 'minute'] as const;
export type WaveDegree = (typeof WAVE_DEGREES)[number];

/** Zig-zag reversal per degree: each degree down roughly halves the swing it counts (fractions of price). */
export const DEGREE_THRESHOLD: Record<WaveDegree, number> = {
	cycle: 0.16,
	primary: 0.08,
	intermediate: 0.04,
	minor: 0.02,
	minute: 0.01
};

/** A retracement matches a Fibonacci ratio f when it lies within ±15 % of f (0.618 → 0.525–0.711). */
export const FIB_TOLERANCE = 0.15;

export const WAVE_STAGES = ['none', '3', '4', '5', 'A', 'B', 'C'] as const;
export type WaveStage = (typeof WAVE_STAGES)[number];

/** Position held in each stage of an upward count (a downward count negates it). */
const STAGE_POSITION: Record<WaveStage, number> = { none: 0, '3': 1, '4': 0, '5': 1, A: -1, B: 0, C: -1 };

export interface ElliottParams {
	readonly degree: WaveDegree;
	readonly fibRatios: readonly number[];
	readonly minWaveBars: number;
}

export interface ElliottCount {
	/** Stage at each bar ('none' when no count is running). */
	readonly stage: WaveStage[];
	/** +1 when the running count is of an upward impulse, −1 downward, 0 none. */
	readonly direction: Int8Array;
	readonly pivots: Pivot[];
	/** Bars at which a full five-wave impulse was completed (P5 confirmed and valid). */
	readonly impulses: number[];
}

function check(p: ElliottParams): void {
	if (p.fibRatios.length === 0) throw new RangeError('fibRatios must hold at least one ratio');
	for (const f of p.fibRatios) if (!(f > 0)) throw new RangeError(`fibRatios must be positive, got ${f}`);
	if (!Number.isInteger(p.minWaveBars) || p.minWaveBars < 1)
		throw new RangeError(`minWaveBars must be a whole number ≥ 1, got ${p.minWaveBars}`);
}

/** The causal wave count over every bar (see the file comment). */
export function elliottCount(bars: Bars, p: ElliottParams): ElliottCount {
	check(p);
	const pivots = zigzag(bars.high, bars.low, DEGREE_THRESHOLD[p.degree]);
	const n = bars.close.length;
	const stage: WaveStage[] = new Array<WaveStage>(n).fill('none');
	const direction = new Int8Array(n);
	const impulses: number[] = [];
	const matches = (r: number) => p.fibRatios.some((f) => Math.abs(r - f) <= FIB_TOLERANCE * f);
	// Prices in the count's own direction: an upward count reads them as they are, a downward one negated, so
	// one set of rules serves both.
	let dir = 0;
	let cur: WaveStage = 'none';
	let start = 0; // pivot index of P0
	const v = (k: number) => dir * pivots[k].price;
	const longEnough = (k: number) => pivots[k].index - pivots[k - 1].index >= p.minWaveBars;

	const tryStart = (k: number): void => {
		if (k < 2) return;
		dir = pivots[k].kind === 'low' ? 1 : -1;
		const [p0, p1, p2] = [v(k - 2), v(k - 1), v(k)];
		const ok = p2 > p0 && matches((p1 - p2) / (p1 - p0)) && longEnough(k - 1) && longEnough(k);
		if (ok) {
			cur = '3';
			start = k - 2;
		} else {
			dir = 0;
		}
	};

	/** Moves the running count on at pivot k (its (k − start)-th point); 'none' when a rule breaks. */
	const advance = (k: number): WaveStage => {
		if (!longEnough(k)) return 'none';
		const P = (i: number) => v(start + i);
		switch (k - start) {
			case 3:
				return P(3) > P(1) ? '4' : 'none';
			case 4:
				return P(4) > P(1) && matches((P(3) - P(4)) / (P(3) - P(2))) ? '5' : 'none';
			case 5: {
				const [w1, w3, w5] = [P(1) - P(0), P(3) - P(2), P(5) - P(4)];
				const ok = P(5) > P(3) && !(w3 < w1 && w3 < w5);
				return ok ? 'A' : 'none';
			}
			case 6:
				return 'B';
			case 7:
				return P(7) < P(5) ? 'C' : 'none';
			default:
				return 'none';
		}
	};

	let k = 0;
	for (let t = 0; t < n; t++) {
		while (k < pivots.length && pivots[k].confirmedAt === t) {
			if (cur !== 'none') {
				cur = advance(k);
				if (cur === 'A') impulses.push(t);
				if (cur === 'none') dir = 0;
			}
			if (cur === 'none') tryStart(k);
			k++;
		}
		stage[t] = cur;
		direction[t] = dir;
	}
	return { stage, direction, pivots, impulses };
}

/** Positions of the wave-count signal: +1 in waves 3 and 5 of an upward count and −1 in its waves A and C (the
 * mirror for a downward count), 0 elsewhere, NaN before the first swing point is confirmed. */
export function elliottPositions(bars: Bars, p: ElliottParams): Float64Array {
	const { stage, direction, pivots } = elliottCount(bars, p);
	const first = pivots.length > 0 ? pivots[0].confirmedAt : bars.close.length;
	return Float64Array.from(stage, (s, t) => (t < first ? Number.NaN : STAGE_POSITION[s] * direction[t] || 0));
}

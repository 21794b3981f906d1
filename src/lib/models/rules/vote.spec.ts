import { describe, expect, it } from 'vitest';
import { requireEntry } from '../../catalog/catalog';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { emaCrossoverPositions } from '../indicators/ema';
import { MEMBER_POSITIONS, type VoteMember } from './members';
import { checkCausal, list } from './rules.testing';
import { trainingWeights, votePositions } from './vote';

/** Seed of the causality property test; printed in its name so a failure can be replayed. */
const CAUSALITY_SEED = 20261212;
const CUT_POINTS = 12;
const f = (v: number[]): Float64Array => Float64Array.from(v);

describe('votePositions', () => {
	const members = [f([NaN, 1, 1, 1, -1]), f([0, 1, -1, 1, -1]), f([1, 0, 1, 1, 0])];

	it('takes a side when its share of the members reaches the threshold (majority)', () => {
		// t1: 2 of 3 long = 0.667 ≥ 0.6 → +1; t2: 2 of 3 long → +1; t3: 3 of 3 → +1; t4: 2 of 3 short → −1.
		expect(list(votePositions(members, 'majority', 0.6))).toEqual([NaN, 1, 1, 1, -1]);
		// At 0.7, two of three (0.667) is not enough.
		expect(list(votePositions(members, 'majority', 0.7))).toEqual([NaN, 0, 0, 1, 0]);
	});

	it('needs every member on one side when unanimous, whatever the threshold', () => {
		expect(list(votePositions(members, 'unanimous', 0.5))).toEqual([NaN, 0, 0, 1, 0]);
	});

	it('counts weight times position size when weighted', () => {
		// weights 0.5, 0.3, 0.2; positions 0.8, 1, −1: long 0.5 · 0.8 + 0.3 · 1 = 0.7, short 0.2.
		const w = f([0.5, 0.3, 0.2]);
		const m = [f([0.8]), f([1]), f([-1])];
		expect(votePositions(m, 'weighted', 0.7, w)[0]).toBe(1);
		expect(votePositions(m, 'weighted', 0.75, w)[0]).toBe(0);
	});

	it('is flat on an exact tie at 0.5, and counts 7 of 10 as reaching 0.7', () => {
		expect(votePositions([f([1]), f([-1])], 'majority', 0.5)[0]).toBe(0);
		const ten = Array.from({ length: 10 }, (_, i) => f([i < 7 ? 1 : -1]));
		expect(votePositions(ten, 'majority', 0.7)[0]).toBe(1);
	});

	it('refuses no members, a threshold below 0.5 and missing weights', () => {
		expect(() => votePositions([], 'majority', 0.7)).toThrow(/members/);
		expect(() => votePositions(members, 'majority', 0.4)).toThrow(
			/confidence_threshold must lie in \[0.5, 1\]/
		);
		expect(() => votePositions(members, 'weighted', 0.7)).toThrow(/one weight per member/);
	});
});

describe('trainingWeights', () => {
	it('weights members by their positive mean daily return on the training rows', () => {
		// closes 100, 125, 100, 100: next-day returns 0.25, −0.2, 0 at t = 0, 1, 2 (t + 1 < trainEnd = 4).
		// always long: (0.25 − 0.2 + 0) / 3 = 0.0167; always short: −0.0167 → 0; long then short then flat:
		// (0.25 + 0.2 + 0) / 3 = 0.15. Normalised: 0.0167 / 0.1667 = 0.1, 0, 0.15 / 0.1667 = 0.9.
		const close = f([100, 125, 100, 100]);
		const w = trainingWeights([f([1, 1, 1, 1]), f([-1, -1, -1, -1]), f([1, -1, 0, NaN])], close, 0, 4);
		expect(w[0]).toBeCloseTo(0.1, 12);
		expect(w[1]).toBe(0);
		expect(w[2]).toBeCloseTo(0.9, 12);
	});

	it('falls back to equal weights when no member made money in training', () => {
		const w = trainingWeights([f([-1, -1, -1]), f([-1, -1, -1])], f([100, 101, 102]), 0, 3);
		expect(list(w)).toEqual([0.5, 0.5]);
	});
});

describe('the vote’s members', () => {
	const ctx = { trainStart: 0, trainEnd: 1000, rng: createRng(3) };

	it('are exactly the choices of the catalog’s members parameter', () => {
		const spec = requireEntry('ensemble_voting').params.members;
		expect(spec.type === 'enum_list' && [...spec.choices].sort()).toEqual(
			Object.keys(MEMBER_POSITIONS).sort()
		);
	});

	it('run with their catalog defaults (the EMA crossover at 12 / 26)', () => {
		const bars = sp500Bars();
		expect(list(MEMBER_POSITIONS.ema_crossover_model(bars, ctx))).toEqual(
			list(emaCrossoverPositions(bars.close, 12, 26))
		);
	});

	it(`never change the vote at t when bars after t change, every member and strategy (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points; weighted: cuts after its training window)`, () => {
		const all = Object.keys(MEMBER_POSITIONS) as VoteMember[];
		const run = (b: ReturnType<typeof sp500Bars>) => all.map((id) => MEMBER_POSITIONS[id](b, ctx));
		const moved = checkCausal(
			sp500Bars(),
			(b) => {
				const m = run(b);
				return [...m, votePositions(m, 'majority', 0.6), votePositions(m, 'unanimous', 1)];
			},
			CAUSALITY_SEED,
			CUT_POINTS
		);
		expect(moved).toBeGreaterThan(CUT_POINTS / 2);
		const weighted = checkCausal(
			sp500Bars(),
			(b) => {
				const m = run(b);
				return [votePositions(m, 'weighted', 0.6, trainingWeights(m, b.close, 0, ctx.trainEnd))];
			},
			CAUSALITY_SEED,
			CUT_POINTS / 2,
			ctx.trainEnd
		);
		expect(weighted).toBeGreaterThan(0);
	});
});

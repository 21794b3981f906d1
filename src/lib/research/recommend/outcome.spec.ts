import { describe, expect, it } from 'vitest';
import type { DailyBar } from '../portfolio/exits';
import { RecommendError } from './errors';
import { resolveOutcome, type RecommendationTerms } from './outcome';

/** Hand-built daily bars: [date, open, high, low, close]. */
const bars = (rows: readonly (readonly [string, number, number, number, number])[]): DailyBar[] =>
	rows.map(([date, open, high, low, close]) => ({ date, open, high, low, close }));

/** Entry 100 at the close of 2026-01-05; the original's 7–12-day rule: +3 % target, −1.5 % stop. */
const REC: RecommendationTerms = {
	dataDate: '2026-01-05',
	entry: 100,
	target: 103,
	stop: 98.5,
	horizonDays: 3,
	expiryDays: 4
};

/** The data date's own bar (its low is below the stop: it must never count) and four quiet days after it. */
const QUIET = bars([
	['2026-01-02', 99, 100, 97, 99.5],
	['2026-01-05', 99.5, 100.5, 98, 100],
	['2026-01-06', 100, 101, 99.5, 100.5],
	['2026-01-07', 100.5, 101.5, 99.8, 101],
	['2026-01-08', 101, 102, 99.6, 99.9],
	['2026-01-09', 100, 102.5, 99.1, 102.2]
]);

describe('resolveOutcome', () => {
	it('is null while fewer than horizonDays bars follow the data date, whatever came on or before it', () => {
		expect(resolveOutcome(REC, QUIET.slice(0, 4))).toBeNull(); // 2 bars after the data date
		expect(resolveOutcome(REC, [])).toBeNull();
	});

	it('settles up on exactly the horizonDays-th bar after the data date', () => {
		const o = resolveOutcome(REC, QUIET.slice(0, 5)); // exactly 3 bars after
		expect(o?.resolvedDate).toBe('2026-01-08');
		expect(o?.forwardReturn).toBeCloseTo(99.9 / 100 - 1, 14);
		expect(o?.up).toBe(false);
		// The position is still open after 3 of its 4 bars: no exit yet.
		expect(o).toMatchObject({ exit: null, exitDate: null, exitReturn: null });
		// A longer horizon moves the settling bar by one and uses its close.
		const o4 = resolveOutcome({ ...REC, horizonDays: 4 }, QUIET);
		expect(o4).toMatchObject({ resolvedDate: '2026-01-09', up: true });
		expect(o4?.forwardReturn).toBeCloseTo(0.022, 12);
	});

	it('counts a close equal to the entry as not up (the probability is of a return above zero)', () => {
		const flat = bars([
			['2026-01-06', 100, 101, 99, 100],
			['2026-01-07', 100, 101, 99, 100],
			['2026-01-08', 100, 101, 99, 100]
		]);
		expect(resolveOutcome(REC, flat)).toMatchObject({ up: false, forwardReturn: 0 });
	});

	it('times out at the close of the expiryDays-th bar when no level was touched', () => {
		const o = resolveOutcome(REC, QUIET);
		expect(o).toMatchObject({ exit: 'timeout', exitDate: '2026-01-09' });
		expect(o?.exitReturn).toBeCloseTo(0.022, 12);
	});

	it('fills a gap through the stop at the open (worse than the stop), or at the stop with the level rule', () => {
		const gap = bars([
			['2026-01-06', 100, 101, 99.5, 100.5],
			['2026-01-07', 97, 97.5, 96, 97.2],
			['2026-01-08', 97, 104, 96.5, 103.5]
		]);
		const o = resolveOutcome(REC, gap);
		expect(o).toMatchObject({ exit: 'stop', exitDate: '2026-01-07', up: true, resolvedDate: '2026-01-08' });
		expect(o?.exitReturn).toBeCloseTo(-0.03, 14);
		expect(o?.forwardReturn).toBeCloseTo(0.035, 14);
		expect(resolveOutcome(REC, gap, { gapRule: 'level' })?.exitReturn).toBeCloseTo(-0.015, 14);
		// Slippage is charged against the seller when asked: 10 bps off the open.
		expect(resolveOutcome(REC, gap, { slippageBps: 10 })?.exitReturn).toBeCloseTo(0.97 * 0.999 - 1, 14);
	});

	it('exits at the target when it is reached first, and at the stop when one bar spans both', () => {
		const target = bars([
			['2026-01-06', 100, 103.5, 99.5, 102],
			['2026-01-07', 102, 102.5, 95, 96],
			['2026-01-08', 96, 97, 95, 96]
		]);
		const o = resolveOutcome(REC, target);
		expect(o).toMatchObject({ exit: 'target', exitDate: '2026-01-06', up: false });
		expect(o?.exitReturn).toBeCloseTo(0.03, 14);
		const both = bars([
			['2026-01-06', 100, 103.5, 98, 102],
			['2026-01-07', 102, 102.5, 101, 102],
			['2026-01-08', 102, 102.5, 101, 102]
		]);
		expect(resolveOutcome(REC, both)).toMatchObject({ exit: 'stop', exitDate: '2026-01-06' });
	});

	it('refuses terms and bars that cannot describe a long recommendation, naming the field', () => {
		const fieldOf = (f: () => unknown) => {
			try {
				f();
			} catch (e) {
				return e instanceof RecommendError ? e.field : 'not a RecommendError';
			}
			return 'no error';
		};
		expect(fieldOf(() => resolveOutcome({ ...REC, expiryDays: 0 }, QUIET))).toBe('expiryDays');
		expect(fieldOf(() => resolveOutcome({ ...REC, horizonDays: 2.5 }, QUIET))).toBe('horizonDays');
		expect(fieldOf(() => resolveOutcome({ ...REC, stop: 101 }, QUIET))).toBe('target');
		expect(fieldOf(() => resolveOutcome({ ...REC, entry: Number.NaN }, QUIET))).toBe('entry');
		expect(fieldOf(() => resolveOutcome(REC, [...QUIET].reverse()))).toBe('bars');
	});
});

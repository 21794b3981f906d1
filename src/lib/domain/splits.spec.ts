import { describe, expect, it } from 'vitest';
import {
	maxTrainRows,
	stitchOwner,
	suggestWalkForward,
	usableRange,
	walkForwardFolds,
	type WalkForwardSettings
} from './splits';

const range = { start: 49, end: 5_000 };

function grid(): Array<WalkForwardSettings & { horizon: number }> {
	const out: Array<WalkForwardSettings & { horizon: number }> = [];
	for (const mode of ['rolling', 'expanding'] as const)
		for (const trainLength of [50, 250, 1_000])
			for (const testLength of [1, 21, 250])
				for (const step of [1, 21, 250])
					for (const horizon of [1, 5, 20, 70])
						for (const extra of [0, 3]) {
							if (step === 1 && testLength === 1 && trainLength === 50) continue; // too many folds
							out.push({ mode, trainLength, testLength, step, embargo: horizon + extra, horizon });
						}
	return out;
}

describe('walkForwardFolds', () => {
	it('never lets a training row whose target window reaches a test row into training, over a grid of settings', () => {
		let checked = 0;
		for (const s of grid()) {
			let folds;
			try {
				folds = walkForwardFolds(range, s);
			} catch {
				continue; // more than MAX_FOLDS: refused, not silently truncated
			}
			for (const f of folds) {
				// The last training row is trainEnd - 1; its target uses rows up to trainEnd - 1 + horizon.
				expect(f.trainEnd - 1 + s.horizon).toBeLessThan(f.testStart);
				expect(f.trainStart).toBeGreaterThanOrEqual(range.start);
				expect(f.testEnd).toBeLessThanOrEqual(range.end);
				expect(f.trainEnd).toBeLessThanOrEqual(f.testStart);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(1_000);
	});

	it('keeps rolling windows at the train length and grows expanding ones from the first usable row', () => {
		const rolling = walkForwardFolds(range, {
			mode: 'rolling',
			trainLength: 500,
			testLength: 100,
			step: 100,
			embargo: 5
		});
		for (const f of rolling) expect(f.trainEnd - f.trainStart).toBe(500);
		const expanding = walkForwardFolds(range, {
			mode: 'expanding',
			trainLength: 500,
			testLength: 100,
			step: 100,
			embargo: 5
		});
		for (const f of expanding) expect(f.trainStart).toBe(range.start);
		expect(expanding[1].trainEnd - expanding[0].trainEnd).toBe(100);
	});

	it('advances test windows by the step and produces only full windows', () => {
		const folds = walkForwardFolds(
			{ start: 0, end: 1_000 },
			{ mode: 'rolling', trainLength: 300, testLength: 100, step: 100, embargo: 10 }
		);
		// first test starts at 300 + 10 = 310; windows 310..410, ..., 810..910; 910..1010 does not fit.
		expect(folds.map((f) => f.testStart)).toEqual([310, 410, 510, 610, 710, 810]);
		expect(folds.at(-1)?.testEnd).toBe(910);
	});

	it('returns no folds when the data is too short for one window', () => {
		expect(
			walkForwardFolds(
				{ start: 0, end: 100 },
				{ mode: 'rolling', trainLength: 90, testLength: 20, step: 20, embargo: 5 }
			)
		).toEqual([]);
	});

	it('refuses a split with more folds than it can store rather than truncating it', () => {
		expect(() =>
			walkForwardFolds(
				{ start: 0, end: 100_000 },
				{ mode: 'rolling', trainLength: 50, testLength: 1, step: 1, embargo: 1 }
			)
		).toThrow(/more than/);
	});

	it('stitches overlapping test windows by giving each row to the latest fold that covers it', () => {
		const folds = walkForwardFolds(
			{ start: 0, end: 400 },
			{ mode: 'rolling', trainLength: 100, testLength: 50, step: 25, embargo: 1 }
		);
		const owner = stitchOwner(folds);
		expect(owner.get(folds[0].testStart)).toBe(0);
		expect(owner.get(folds[1].testStart)).toBe(1);
		expect(owner.get(folds[0].testEnd - 1)).toBe(1);
	});
});

describe('walk-forward settings fitted to a dataset', () => {
	it('give a five-year daily file (1,260 bars) at least three folds', () => {
		const s = suggestWalkForward(1_260, 5)!;
		// 1,206 usable rows (49 warm-up, 5 unknown targets): test 120 (10 %), training shrunk from 723 (60 %).
		expect(s).toMatchObject({ testLength: 120, step: 120, embargo: 5, mode: 'rolling' });
		expect(walkForwardFolds(usableRange(1_260, 5), s).length).toBeGreaterThanOrEqual(3);
		expect(s.trainLength).toBeLessThanOrEqual(723);
	});

	it('keep the familiar defaults on twenty years of bars: five years of training, a year of testing', () => {
		expect(suggestWalkForward(5_105, 5)).toEqual({
			mode: 'rolling',
			trainLength: 1_260,
			testLength: 252,
			step: 252,
			embargo: 5
		});
	});

	it('are null when not even one fold of 50 training rows fits', () => {
		expect(suggestWalkForward(100, 10)).toBeNull();
		expect(suggestWalkForward(130, 5)).not.toBeNull();
	});

	it('say how many training rows would fit', () => {
		expect(maxTrainRows(1_260, 5, { testLength: 252, embargo: 5 })).toBe(1_206 - 5 - 252);
	});
});

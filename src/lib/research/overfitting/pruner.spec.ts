import { describe, expect, it } from 'vitest';
import { OverfittingError } from './errors';
import { nanPercentile, shouldPrune, type PrunerTrial, type TrialState } from './pruner';

/** A trial with these values at steps 0, 1, 2, … */
function trial(values: readonly number[], state: TrialState = 'complete'): PrunerTrial {
	return { state, intermediate: Object.fromEntries(values.map((v, step) => [step, v])) };
}

/** Five complete trials: at step 0 the values 1…5, at step 1 the values 2…6 (median 3 and 4). */
const FIVE = [1, 2, 3, 4, 5].map((v) => trial([v, v + 1]));

function codeOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (e) {
		if (e instanceof OverfittingError) return `${e.code}:${e.field}`;
		throw e;
	}
	return undefined;
}

describe('the median rule (Optuna MedianPruner)', () => {
	it('prunes a maximising trial whose best value so far is below the median at this step', () => {
		const d = shouldPrune({ step: 1, value: 3.5, intermediate: { 0: 1.5 }, history: FIVE });
		expect(d).toMatchObject({ prune: true, reason: 'worse_than_percentile', best: 3.5, reference: 4 });
	});

	it('keeps a trial equal to the median (the comparison is strict)', () => {
		expect(shouldPrune({ step: 1, value: 4, intermediate: { 0: 1 }, history: FIVE }).prune).toBe(false);
	});

	it('judges the best value so far, not the value at this step', () => {
		// 3 at step 1 is below the median 4, but the trial reached 4.5 at step 0.
		const d = shouldPrune({ step: 1, value: 3, intermediate: { 0: 4.5 }, history: FIVE });
		expect(d).toMatchObject({ prune: false, reason: 'not_worse', best: 4.5, reference: 4 });
	});

	it('mirrors for minimisation: the best is the smallest value and larger than the median prunes', () => {
		const kept = shouldPrune({
			step: 1,
			value: 4.5,
			intermediate: { 0: 3.9 },
			history: FIVE,
			direction: 'minimize'
		});
		expect(kept).toMatchObject({ prune: false, best: 3.9, reference: 4 });
		const pruned = shouldPrune({
			step: 1,
			value: 4.2,
			intermediate: { 0: 5 },
			history: FIVE,
			direction: 'minimize'
		});
		expect(pruned).toMatchObject({ prune: true, best: 4.2, reference: 4 });
	});

	it('takes the median of an even count as the mean of the middle two', () => {
		const four = [1, 2, 3, 4].map((v) => trial([v]));
		expect(shouldPrune({ step: 0, value: 2.4, history: four, nStartupTrials: 4 })).toMatchObject({
			prune: true,
			reference: 2.5
		});
		expect(shouldPrune({ step: 0, value: 2.5, history: four, nStartupTrials: 4 }).prune).toBe(false);
	});
});

describe('which trials count', () => {
	it('never prunes before nStartupTrials trials are complete, however bad the trial', () => {
		const history = [...FIVE.slice(0, 4), trial([0, 0], 'pruned'), trial([0, 0], 'failed')];
		expect(shouldPrune({ step: 1, value: -100, history })).toMatchObject({
			prune: false,
			reason: 'startup',
			completeTrials: 4
		});
		expect(shouldPrune({ step: 1, value: -100, history, nStartupTrials: 4 }).prune).toBe(true);
	});

	it('never prunes with no complete trial, even with nStartupTrials 0', () => {
		const d = shouldPrune({ step: 0, value: -1, history: [trial([5], 'pruned')], nStartupTrials: 0 });
		expect(d).toMatchObject({ prune: false, reason: 'no_complete_trials' });
	});

	it('leaves pruned, failed and running trials out of the median, as Optuna does', () => {
		const low = [-9, -9, -9, -9, -9, -9].map((v) => trial([v, v], 'pruned'));
		const others = [trial([-9, -9], 'running'), trial([-9, -9], 'failed')];
		const d = shouldPrune({
			step: 1,
			value: 3.5,
			intermediate: { 0: 1 },
			history: [...FIVE, ...low, ...others]
		});
		expect(d).toMatchObject({ prune: true, reference: 4, completeTrials: 5 });
	});

	it('uses only the complete trials that reported this step', () => {
		// Three complete trials reached step 2 (values 10, 20, 30); two stopped at step 1.
		const history = [trial([1, 1, 10]), trial([1, 1, 20]), trial([1, 1, 30]), trial([1, 1]), trial([1, 1])];
		expect(shouldPrune({ step: 2, value: 15, intermediate: { 0: 1, 1: 1 }, history })).toMatchObject({
			prune: true,
			reference: 20
		});
		expect(
			shouldPrune({ step: 2, value: 15, intermediate: { 0: 1, 1: 1 }, history, nMinTrials: 4 })
		).toMatchObject({ prune: false, reason: 'too_few_values_at_step' });
	});
});

describe('warm-up and interval', () => {
	it('does not prune before nWarmupSteps', () => {
		expect(
			shouldPrune({ step: 1, value: -5, intermediate: { 0: -5 }, history: FIVE, nWarmupSteps: 2 })
		).toMatchObject({ prune: false, reason: 'warmup' });
		const history = [1, 2, 3, 4, 5].map((v) => trial([v, v, v]));
		expect(
			shouldPrune({ step: 2, value: -5, intermediate: { 0: -5, 1: -5 }, history, nWarmupSteps: 2 }).prune
		).toBe(true);
	});

	it('checks only at warm-up + k · interval, and a skipped check step moves to the next reported step', () => {
		const history = [1, 2, 3, 4, 5].map((v) => trial([v, v, v, v, v]));
		const bad = -5;
		const at = (step: number, earlier: number[]) =>
			shouldPrune({
				step,
				value: bad,
				intermediate: Object.fromEntries(earlier.map((s) => [s, bad])),
				history,
				intervalSteps: 2
			});
		expect(at(0, []).prune).toBe(true);
		expect(at(1, [0])).toMatchObject({ prune: false, reason: 'not_a_check_step' });
		expect(at(2, [0, 1]).prune).toBe(true);
		expect(at(3, [0, 1, 2]).reason).toBe('not_a_check_step');
		// Step 2 was never reported: the check due at 2 happens at 3.
		expect(at(3, [0, 1]).prune).toBe(true);
	});
});

describe('NaN', () => {
	it('prunes a trial whose every value so far is NaN', () => {
		const d = shouldPrune({ step: 1, value: Number.NaN, intermediate: { 0: Number.NaN }, history: FIVE });
		expect(d).toMatchObject({ prune: true, reason: 'all_values_nan' });
	});

	it('ignores the trial’s own NaN values when it has a number', () => {
		const d = shouldPrune({ step: 1, value: Number.NaN, intermediate: { 0: 4.5 }, history: FIVE });
		expect(d).toMatchObject({ prune: false, best: 4.5 });
	});

	it('leaves other trials’ NaN values out of the median, and never prunes when all are NaN', () => {
		const mixed = [trial([Number.NaN]), trial([Number.NaN]), trial([1]), trial([2]), trial([3])];
		expect(shouldPrune({ step: 0, value: 1.5, history: mixed })).toMatchObject({ prune: true, reference: 2 });
		const allNaN = [1, 2, 3, 4, 5].map(() => trial([Number.NaN]));
		expect(shouldPrune({ step: 0, value: -100, history: allNaN })).toMatchObject({
			prune: false,
			reason: 'too_few_values_at_step'
		});
	});
});

describe('percentile and validation', () => {
	it('follows numpy.nanpercentile with linear interpolation', () => {
		expect(nanPercentile([1, 2, 3, 4], 50)).toBe(2.5);
		expect(nanPercentile([4, 1, 3, 2], 30)).toBeCloseTo(1.9, 14);
		expect(nanPercentile([Number.NaN, 7], 80)).toBe(7);
		expect(nanPercentile([Number.NaN], 50)).toBeNaN();
	});

	it('a 25th-percentile pruner keeps only the top quarter in either direction', () => {
		// Step 0 values 1…5: maximising compares with the 75th percentile (4), minimising with the 25th (2).
		expect(shouldPrune({ step: 0, value: 3.5, history: FIVE, percentile: 25 })).toMatchObject({
			prune: true,
			reference: 4
		});
		expect(
			shouldPrune({ step: 0, value: 2.5, history: FIVE, percentile: 25, direction: 'minimize' })
		).toMatchObject({ prune: true, reference: 2 });
	});

	it('refuses bad options with the field named', () => {
		const ok = { step: 1, value: 1, history: FIVE };
		expect(codeOf(() => shouldPrune({ ...ok, step: -1 }))).toBe('invalid:step');
		expect(codeOf(() => shouldPrune({ ...ok, step: 1.5 }))).toBe('invalid:step');
		expect(codeOf(() => shouldPrune({ ...ok, intervalSteps: 0 }))).toBe('invalid:intervalSteps');
		expect(codeOf(() => shouldPrune({ ...ok, nStartupTrials: -1 }))).toBe('invalid:nStartupTrials');
		expect(codeOf(() => shouldPrune({ ...ok, nWarmupSteps: -2 }))).toBe('invalid:nWarmupSteps');
		expect(codeOf(() => shouldPrune({ ...ok, nMinTrials: 0 }))).toBe('invalid:nMinTrials');
		expect(codeOf(() => shouldPrune({ ...ok, percentile: 120 }))).toBe('invalid:percentile');
		expect(codeOf(() => shouldPrune({ ...ok, direction: 'up' as never }))).toBe('invalid:direction');
	});
});

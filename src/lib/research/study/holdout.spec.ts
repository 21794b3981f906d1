import { describe, expect, it } from 'vitest';
import { holdoutView, type HoldoutSource } from './holdout';

const trials: HoldoutSource['trials'] = [
	{ number: 0, params: { alpha: 1 }, state: 'complete', value: 0.5 },
	{ number: 1, params: { alpha: 2 }, state: 'complete', value: 0.84 },
	{ number: 2, params: { alpha: 3 }, state: 'failed', value: null }
];

function source(holdout: HoldoutSource['holdout'], from: string | null = '2020-01-02'): HoldoutSource {
	return {
		spec: {
			...(from ? { holdout: { from } } : {}),
			objective: { metric: 'sharpe', direction: 'maximize' }
		},
		trials,
		holdout
	};
}

describe('the holdout as it reads', () => {
	it('puts the holdout score beside the search best of the same trial', () => {
		const v = holdoutView(
			source({ number: 1, trialId: 's.holdout', state: 'complete', value: 0.3112, note: null }),
			2
		);
		expect(v).toMatchObject({ state: 'complete', holdout: 0.3112, searchBest: 0.84, number: 1 });
		expect(v?.line).toBe(
			'holdout Sharpe ratio after costs 0.31 vs search best 0.84 (trial #2), on the holdout from 2020-01-02 on, which the search never saw'
		);
	});

	it('says the holdout is reserved while the search runs, and running while its trial runs', () => {
		expect(holdoutView(source(null))?.line).toMatch(
			/^holdout from 2020-01-02 on: reserved, unseen by the search/
		);
		expect(
			holdoutView(source({ number: 1, trialId: 's.holdout', state: 'running', value: null, note: null }))
				?.line
		).toBe(
			'holdout from 2020-01-02 on: the best trial (trial #2) is running on it (search best Sharpe ratio after costs 0.840)'
		);
	});

	it('says why it was not scored, and reports a metric it could not compute as not available', () => {
		const skipped = holdoutView(
			source({
				number: null,
				trialId: null,
				state: 'skipped',
				value: null,
				note: 'no search trial completed'
			})
		);
		expect(skipped).toMatchObject({ state: 'skipped', holdout: null });
		expect(skipped?.line).toBe('holdout from 2020-01-02 on: not scored (skipped): no search trial completed');
		const nan = holdoutView(
			source({ number: 1, trialId: 'x', state: 'complete', value: Number.NaN, note: 'n/a' })
		);
		expect(nan?.holdout).toBeNull();
		expect(nan?.line).toMatch(/^holdout Sharpe ratio after costs not available vs search best 0\.840/);
	});

	it('is null for a study without a holdout', () => {
		expect(holdoutView(source(null, null))).toBeNull();
	});
});

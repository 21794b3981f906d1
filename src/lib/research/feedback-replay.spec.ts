/**
 * Hand-computed tables for the original's feedback arithmetic (original-system.md §3.9, replayed in
 * feedback-replay.ts). Each expected number is worked out in the comments above it.
 */
import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '../db/records';
import { fixtureTrial, type TrialFixture } from '../testing/feedback-fixtures';
import { computeFeedback, formatFeedback } from './feedback';
import { replayFeedback, type ActionLearning, type FeedbackReplay } from './feedback-replay';
import { replayRecommendations, replaySummary } from './feedback-replay-queries';

const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;

/** A finished trial that ran `ms` milliseconds and finished at T0 + i minutes. */
function run(id: string, i: number, ms: number, f: TrialFixture = {}): TrialRecord {
	const at = T0 + i * MIN;
	return { ...fixtureTrial(id, at, f), startedAt: at - ms };
}

function action(replay: FeedbackReplay, id: string): ActionLearning {
	const a = replay.actions.find((x) => x.modelId === id);
	if (!a) throw new Error(`no action ${id}`);
	return a;
}

// Table 1: six ridge trials, in the order they finished.
//   #  id  status     alpha  ms   Sharpe  value  running mean ms
//   1  r1  completed  1      100  0.5     1      100
//   2  r2  failed     10     300  —       0      200
//   3  r3  completed  1      200  1.5     1      200
//   4  r4  completed  10     100  NaN     1      175
//   5  r5  completed  100    400  1.0     1      220
//   6  r6  failed     100    350  —       0      241.67
const p = (alpha: number) => ({ alpha, fit_intercept: true });
const table1 = [
	run('r1', 1, 100, { params: p(1), sharpe: 0.5 }),
	run('r2', 2, 300, { params: p(10), status: 'failed' }),
	run('r3', 3, 200, { params: p(1), sharpe: 1.5 }),
	run('r4', 4, 100, { params: p(10), sharpe: Number.NaN }),
	run('r5', 5, 400, { params: p(100), sharpe: 1.0 }),
	run('r6', 6, 350, { params: p(100), status: 'failed' })
];

describe('the original’s action performance (§3.9 step 1)', () => {
	const ridge = action(replayFeedback(table1), 'ridge');

	it('success rate and execution time are running means', () => {
		// Values 1, 0, 1, 1, 1, 0 → 4/6. Times 100 + 300 + 200 + 100 + 400 + 350 = 1450 ms over 6.
		expect(ridge.totalExecutions).toBe(6);
		expect(ridge.successRate).toBeCloseTo(4 / 6, 12);
		expect(ridge.avgExecutionMs).toBeCloseTo(1450 / 6, 9);
	});

	it('scores each parameter set by an EMA that starts at 0 and moves 0.2 toward each outcome', () => {
		// alpha 1: 0 → 0.8·0 + 0.2·1 = 0.2 → 0.8·0.2 + 0.2·1 = 0.36.
		// alpha 10: failure then success: 0 → 0 → 0.2.   alpha 100: success then failure: 0.2 → 0.16.
		expect(ridge.parameterPerformance.map((s) => [s.params.alpha, s.ema, s.runs])).toEqual([
			[1, expect.closeTo(0.36, 12), 2],
			[10, expect.closeTo(0.2, 12), 2],
			[100, expect.closeTo(0.16, 12), 2]
		]);
	});

	it('takes as best parameters the latest success faster than 1.2 × the mean time including itself', () => {
		// r1: 100 < 1.2·100 ✓; r3: 200 < 1.2·200 ✓; r4: 100 < 1.2·175 ✓; r5: 400 < 1.2·220 = 264 ✗.
		// So r4 (alpha 10), whose Sharpe is not even computable: the rule knows nothing of scores.
		expect(ridge.bestParametersTrialId).toBe('r4');
		expect(ridge.bestParameters).toEqual(p(10));
	});

	it('calls the success-share trend from the halves of the model’s last 20 records', () => {
		// 6 entries, mid 3: first half r1 r2 r3 = 2/3 successes, second half r4 r5 r6 = 2/3.
		// 2/3 is neither > 1.1 · 2/3 nor < 0.9 · 2/3: stable.
		expect(ridge.recentTrend).toEqual({
			direction: 'stable',
			n: 6,
			firstHalf: { successes: 2, n: 3 },
			secondHalf: { successes: 2, n: 3 }
		});
	});
});

describe('the original’s parameter optimisation (§3.9 step 2)', () => {
	const replay = replayFeedback(table1);
	const [alpha, intercept] = action(replay, 'ridge').params;

	it('keeps the range, the best-performing value and std/mean of performance', () => {
		// Performances (primary metric = Sharpe, absent → 0): 0.5, 0 (failed), 1.5, 0 (NaN), 1.0, 0 (failed).
		// Best 1.5 at alpha 1. Mean 3.0/6 = 0.5; squared deviations 0, .25, 1, .25, .25, .25 = 2.0;
		// population std √(2/6) = 0.57735; sensitivity 0.57735/0.5 = 1.1547.
		expect(alpha).toMatchObject({ param: 'alpha', n: 6, min: 1, max: 100, distinctValues: 3, optimal: 1 });
		expect(alpha.sensitivity).toBeCloseTo(Math.sqrt(2 / 6) / 0.5, 12);
		expect(action(replay, 'ridge').performanceDefaulted).toBe(3);
	});

	it('has no sensitivity for a parameter that never changed, and no numeric range for a boolean', () => {
		expect(intercept).toEqual({
			param: 'fit_intercept',
			n: 6,
			min: null,
			max: null,
			distinctValues: 1,
			optimal: true,
			sensitivity: null
		});
	});

	it('reports no optimal value before 5 recorded values', () => {
		const early = action(replayFeedback(table1.slice(0, 4)), 'ridge').params[0];
		expect(early.optimal).toBeUndefined();
		expect(early.sensitivity).toBeNull();
	});

	it('sets the sensitivity to 0 when the mean performance is not positive, as the original does', () => {
		const losing = [1, 2, 3, 4, 5].map((i) =>
			run(`n${i}`, i, 10, { params: { alpha: i }, sharpe: -0.1 * i })
		);
		expect(action(replayFeedback(losing), 'ridge').params[0].sensitivity).toBe(0);
	});

	it('raises parameter_sensitivity at each feedback once std/mean exceeds 0.3', () => {
		// At r5 the performances are 0.5, 0, 1.5, 0, 1.0: mean 0.6, squared deviations .01 .36 .81 .36 .16 = 1.7,
		// std √(1.7/5) = 0.5831, ratio 0.9718 > 0.3. At r6 it is 1.1547 (above). Before r5 there are < 5 values.
		const raised = replay.insights.filter((i) => i.kind === 'parameter_sensitivity');
		expect(raised.map((i) => i.trialId)).toEqual(['r5', 'r6']);
		expect(raised[0].sensitive).toEqual([
			{ param: 'alpha', sensitivity: expect.closeTo(0.97183, 5), optimal: 1 }
		]);
		expect(raised[0].message).toBe('Parameters [alpha] significantly impact performance');
	});
});

// Table 2: twelve lasso trials: 7 successes, then F F S F F.
//   #   1 2 3 4 5 6 7 8 9 10 11 12
//       S S S S S S S F F S  F  F
const pattern = 'SSSSSSSFFSFF';
const table2 = [...pattern].map((c, i) =>
	run(`l${i + 1}`, i + 1, 10, {
		model: 'lasso',
		params: { alpha: 1 },
		sharpe: 1,
		status: c === 'S' ? 'completed' : 'failed'
	})
);

describe('the original’s insights (§3.9 step 3)', () => {
	const replay = replayFeedback(table2);

	it('declines when the later half’s success share is below 0.9 × the earlier half’s', () => {
		// 12 entries, mid 6: first half 6/6 = 1, second half l7…l12 = S F F S F F = 2/6 < 0.9.
		expect(action(replay, 'lasso').recentTrend).toMatchObject({
			direction: 'declining',
			firstHalf: { successes: 6, n: 6 },
			secondHalf: { successes: 2, n: 6 }
		});
	});

	it('raises repeated_failure and performance_degradation at the feedbacks where the rules hold', () => {
		// Repeated failure: 3 failures of lasso among the last 10 records first at l11 (l8 l9 l11), 4 at l12.
		// Degradation needs > 10 executions and a declining trend: at l11, 11 entries, mid 5: first half 5/5,
		// second half l6…l11 = S S F F S F = 3/6 = 0.5 < 0.9 → declining, success rate 8/11; at l12, 8/12.
		// At l10 there are only 10 executions. Order within one feedback: failure, degradation, sensitivity.
		expect(replay.insights.map((i) => [i.kind, i.trialId])).toEqual([
			['repeated_failure', 'l11'],
			['performance_degradation', 'l11'],
			['repeated_failure', 'l12'],
			['performance_degradation', 'l12']
		]);
		expect(replay.insights[0]).toMatchObject({
			failures: 3,
			message: 'Action lasso has failed 3 times recently'
		});
		expect(replay.insights[2].failures).toBe(4);
		expect(replay.insights[1].currentSuccessRate).toBeCloseTo(8 / 11, 12);
		expect(replay.insights[3].currentSuccessRate).toBeCloseTo(8 / 12, 12);
		expect(replay.insights[1].recommendation).toBe('Review recent changes and consider reverting');
	});

	it('reads the trend window over all models’ records, so other models’ trials push a model out of it', () => {
		// 5 ridge trials, then 16 lasso: the last 20 records hold 4 ridge entries (< 5) when ridge is next fed.
		const mixed = [
			...[1, 2, 3, 4, 5].map((i) => run(`r${i}`, i, 10)),
			...Array.from({ length: 16 }, (_, i) => run(`x${i}`, 10 + i, 10, { model: 'lasso' })),
			run('r6', 40, 10, { status: 'failed' })
		];
		const ridge = action(replayFeedback(mixed), 'ridge');
		expect(ridge.recentTrend).toMatchObject({ direction: 'stable', n: 0 });
	});

	it('ignores queued, running and cancelled trials', () => {
		const withPending = [...table1, fixtureTrial('q', T0 + 99 * MIN, { status: 'running' })];
		expect(replayFeedback(withPending)).toEqual(replayFeedback(table1));
	});
});

describe('the original’s queries (§3.9, get_recommendations and get_learning_summary)', () => {
	const knn = [1, 2, 3].map((i) =>
		run(`k${i}`, 20 + i, 10, { model: 'knn', params: { k: i }, status: i === 1 ? 'completed' : 'failed' })
	);
	const replay = replayFeedback([
		...table1,
		...table2.map((t) => ({ ...t, finishedAt: t.finishedAt! + 10 * MIN })),
		...knn
	]);

	it('recommends the best parameters overlaid with the optimal values, and warns', () => {
		// ridge: best r4 {alpha 10, fit_intercept true}, optimal alpha 1 and fit_intercept true → alpha 1.
		const ridge = replayRecommendations(replay, 'ridge');
		expect(ridge.recommendedParameters).toEqual({ alpha: 1, fit_intercept: true });
		expect(ridge.warnings).toEqual([]);
		// knn: 1 success in 3 → 33.33 %, written as Python's {:.2%}.
		expect(replayRecommendations(replay, 'knn').warnings).toEqual(['Low success rate (33.33%) for knn']);
		expect(replayRecommendations(replay, 'lasso').warnings).toEqual(['Performance is declining for lasso']);
		expect(replayRecommendations(replay, 'nope')).toEqual({
			modelId: 'nope',
			recommendedParameters: {},
			warnings: [],
			insights: []
		});
	});

	it('summarises totals, insights by type, the best actions and those needing attention', () => {
		const s = replaySummary(replay);
		// 6 ridge + 12 lasso + 3 knn. ridge raised 2 sensitivity insights, lasso 2 + 2 (see above); knn's
		// two failures are not 3.
		expect(s.totalTrials).toBe(21);
		expect(s.insightsByType).toEqual({
			repeated_failure: 2,
			performance_degradation: 2,
			parameter_sensitivity: 2
		});
		// Success rates: lasso 8/12, ridge 4/6 (equal: by id), knn 1/3.
		expect(s.topActions.map((a) => a.modelId)).toEqual(['lasso', 'ridge', 'knn']);
		expect(s.needingAttention).toEqual([
			{ modelId: 'knn', successRate: expect.closeTo(1 / 3, 12), trend: 'stable', issue: 'low_success' },
			{
				modelId: 'lasso',
				successRate: expect.closeTo(8 / 12, 12),
				trend: 'declining',
				issue: 'declining_performance'
			}
		]);
	});
});

describe('in the feedback report', () => {
	it('carries each model’s replayed state, and replays in finishing order whatever the input order', () => {
		const report = computeFeedback([...table1].reverse());
		const ridge = report.models.find((m) => m.modelId === 'ridge');
		expect(ridge?.learning).toEqual(action(replayFeedback(table1), 'ridge'));
		expect(report.replay).toEqual(replayFeedback(table1));
	});

	it('states the original’s insights raised by each model’s latest trial, with what they measure', () => {
		const insights = computeFeedback([
			...table1,
			...table2.map((t) => ({ ...t, finishedAt: t.finishedAt! + 10 * MIN }))
		]).insights;
		const degradation = insights.find((i) => i.kind === 'performance_degradation');
		expect(degradation?.trialIds).toEqual(['l12']);
		expect(degradation?.message).toBe(
			"lasso is declining by the original's rule: 2 of its later 6 trials among the last 20 finished completed, " +
				'against 6 of the earlier 6; success rate 0.67 over 12 trials. This counts completions, not Sharpe. ' +
				'Review recent changes and consider reverting.'
		);
		const sensitivity = insights.find((i) => i.kind === 'parameter_sensitivity');
		expect(sensitivity?.trialIds).toEqual(['r6']);
		expect(sensitivity?.message).toContain('"alpha" 1.15 (above 0.3); its best-Sharpe values {"alpha":1}');
		expect(sensitivity?.message).toContain('does not show that these parameters matter');
	});

	it('formats the original’s figures with their caveats', () => {
		const text = formatFeedback(computeFeedback(table1), 20_000);
		expect(text).toContain(
			'  original rules: success-share trend stable (2/3 of its later trials completed vs 2/3 earlier, among the last 20 finished); mean run time 0.2 s over 6 trials'
		);
		expect(text).toContain('{"alpha":1,"fit_intercept":true} 0.36 (2 runs)');
		expect(text).toContain('not chosen by any score): trial r4 {"alpha":10,"fit_intercept":true}');
		expect(text).toContain(
			'"alpha" best-Sharpe value 1, std/mean 1.15; "fit_intercept" best-Sharpe value true'
		);
		expect(text).toContain('failed or n/a counted as 0 in 3 trials');
	});
});

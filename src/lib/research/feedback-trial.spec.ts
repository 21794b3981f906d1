import { describe, expect, it } from 'vitest';
import { createRng } from '../domain/random';
import { randomTrial } from '../testing/random-trials';
import { computeFeedback } from './feedback';
import { feedbackTrialOf, feedbackTrialSchema } from './feedback-trial';
import { LEADERBOARD_METRICS, leaderboard, leaderboards, type LeaderboardMetric } from './leaderboard';

const SEED = 12;
const T0 = Date.UTC(2024, 0, 1);

function trials(n: number, seed = SEED) {
	const rng = createRng(seed);
	return Array.from({ length: n }, (_, i) => randomTrial(rng, `t${i}`, T0 + rng.int(n) * 60_000));
}

describe('a trial’s feedback digest', () => {
	it(`gives the same feedback report and every leaderboard as the full records (seed ${SEED})`, () => {
		const records = trials(400);
		const digests = records.map(feedbackTrialOf);
		const { replay: r1, ...full } = computeFeedback(records);
		const { replay: r2, ...fromDigests } = computeFeedback(digests);
		expect(fromDigests).toEqual(full);
		expect(r2).toEqual(r1);
		expect(full.insights.length).toBeGreaterThan(0);
		for (const metric of Object.keys(LEADERBOARD_METRICS) as LeaderboardMetric[]) {
			for (const by of ['series', 'dataset'] as const) {
				expect(leaderboard(digests, { metric, by, perCell: 2 })).toEqual(
					leaderboard(records, { metric, by, perCell: 2 })
				);
			}
		}
		expect(leaderboard(records, { metric: 'rocAuc' }).cells.length).toBeGreaterThan(0);
		expect(leaderboard(records, { metric: 'rmse' }).cells.length).toBeGreaterThan(0);
	});

	it('keeps none of the record’s bulk (fold bounds, the full summary, provenance)', () => {
		const record = trials(20).find((t) => t.summary && t.data);
		if (!record) throw new Error('the fixture has no completed trial with a summary');
		const digest = feedbackTrialOf(record);
		expect(Object.keys(digest).sort()).toEqual(
			['createdAt', 'data', 'error', 'finishedAt', 'id', 'spec', 'startedAt', 'status', 'summary'].sort()
		);
		expect(Object.keys(digest.data ?? {}).sort()).toEqual(['seriesKey', 'version']);
		expect(digest.summary?.strategy).not.toHaveProperty('turnover');
		expect(JSON.stringify(digest).length).toBeLessThan(JSON.stringify(record).length / 2);
	});

	it('parses back from storage unchanged, NaN figures included, and a wrong field is refused by name', () => {
		for (const t of trials(50)) {
			const d = feedbackTrialOf(t);
			expect(feedbackTrialSchema.parse(structuredClone(d))).toEqual(d);
		}
		const d = feedbackTrialOf(trials(1)[0]);
		const bad = feedbackTrialSchema.safeParse({ ...d, status: 'paused' });
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0].path).toEqual(['status']);
	});
});

describe('every leaderboard at once', () => {
	it('equals the leaderboard by each metric, and refuses a bad metric or perCell by name', () => {
		const records = trials(300, 5);
		const metrics = Object.keys(LEADERBOARD_METRICS) as LeaderboardMetric[];
		const all = leaderboards(records, metrics, { perCell: 2, by: 'dataset' });
		for (const metric of metrics)
			expect(all[metric]).toEqual(leaderboard(records, { metric, perCell: 2, by: 'dataset' }));
		expect(Object.keys(all)).toEqual(metrics);
		expect(() => leaderboards(records, ['nope' as LeaderboardMetric])).toThrow(/metric must be one of/);
		expect(() => leaderboards(records, ['ic'], { perCell: 0 })).toThrow(/perCell/);
	});
});

describe('a leaderboard cell’s best trials', () => {
	it('are the first of a full sort: better value, then created first, then id (ties in RMSE included)', () => {
		const records = trials(300, 9);
		for (const metric of ['sharpe', 'rmse', 'maxDrawdown'] as const) {
			const def = LEADERBOARD_METRICS[metric];
			const board = leaderboard(records, { metric, perCell: 3 });
			expect(board.cells.length).toBeGreaterThan(0);
			for (const cell of board.cells) {
				const sign = def.direction === 'max' ? -1 : 1;
				const expected = records
					.filter(
						(t) =>
							t.spec.model.id === cell.modelId && (t.data?.seriesKey ?? t.spec.datasetId) === cell.dataset
					)
					.filter((t) => t.status === 'completed' && t.summary && Number.isFinite(def.read(t.summary)))
					.map((t) => ({ t, v: def.read(t.summary!) }))
					.sort((a, b) => sign * (a.v - b.v) || a.t.createdAt - b.t.createdAt || (a.t.id < b.t.id ? -1 : 1));
				expect(cell.scored).toBe(expected.length);
				expect(cell.best.map((e) => e.trialId)).toEqual(expected.slice(0, 3).map((x) => x.t.id));
			}
		}
	});
});

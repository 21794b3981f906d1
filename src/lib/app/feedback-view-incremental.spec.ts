import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trialRecordSchema, type TrialRecord } from '../db/records';
import { createRng, type Rng } from '../domain/random';
import { fixtureSummary } from '../testing/feedback-fixtures';
import { randomTrial } from '../testing/random-trials';
import { db } from './db';
import {
	feedbackViewOf,
	forgetTabDigests,
	saveFeedbackView,
	trialsVersion,
	watchFeedbackView,
	type FeedbackView
} from './feedback-view';

const T0 = Date.UTC(2024, 0, 1);

function visit(): Promise<FeedbackView> {
	return new Promise((resolve, reject) => {
		const sub = watchFeedbackView().subscribe({
			next: (v) => {
				sub.unsubscribe();
				resolve(v);
			},
			error: reject
		});
	});
}

/** The view computed from every stored record, as the page did before digests. */
async function fullView(): Promise<FeedbackView> {
	const trials = (await db.trials.toArray()).map((t) => trialRecordSchema.parse(t));
	return feedbackViewOf(trials, await trialsVersion());
}

/** One random edit of the stored trials, as the engine and the user make them. */
async function edit(rng: Rng, prefix: string, clock: { n: number }): Promise<string> {
	const at = T0 + ++clock.n * 60_000;
	const all = await db.trials.toArray();
	const open = all.filter((t) => t.status === 'queued' || t.status === 'running');
	const kind = rng.int(6);
	const pick = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[rng.int(xs.length)]);
	const target = kind === 5 ? pick(all) : pick(open);
	if (kind <= 1 || !target) {
		await db.trials.put(randomTrial(rng, `${prefix}-${clock.n}`, at));
		return 'added';
	}
	if (kind === 2) {
		const failed = rng.next() < 0.4;
		const done: TrialRecord = {
			...target,
			status: failed ? 'failed' : 'completed',
			startedAt: target.startedAt ?? at - 5,
			finishedAt: at,
			error: failed ? `fold ${rng.int(4)} failed` : null,
			summary: failed ? null : fixtureSummary({ sharpe: rng.normal(), ic: rng.normal() / 10 })
		};
		await db.trials.put(done);
		return done.status;
	}
	if (kind === 3) {
		await db.trials.update(target.id, { status: 'running', startedAt: at });
		return 'running';
	}
	if (kind === 4) {
		await db.trials.update(target.id, { status: 'cancelled', finishedAt: at });
		return 'cancelled';
	}
	await db.trials.delete(target.id);
	return 'deleted';
}

const strip = ({ fromCache, ...rest }: FeedbackView) => (void fromCache, rest);

beforeEach(async () => {
	await Promise.all([db.trials.clear(), db.settings.clear()]);
	forgetTabDigests();
});

afterEach(() => vi.restoreAllMocks());

describe('the Feedback view computed from digests after trials changed', () => {
	for (const seed of [1, 2, 3]) {
		it(`equals the view computed from every record, over random edits, reloads and saves (seed ${seed})`, async () => {
			const rng = createRng(seed);
			const clock = { n: 0 };
			const edited = new Set<string>();
			for (let i = 0; i < 40; i++) edited.add(await edit(rng, `s${seed}`, clock));
			let compared = 0;
			for (let round = 0; round < 30; round++) {
				const edits = rng.int(4);
				for (let i = 0; i < edits; i++) edited.add(await edit(rng, `s${seed}`, clock));
				if (rng.next() < 0.2) forgetTabDigests(); // a reload: start from the stored digests
				const view = await visit();
				expect(strip(view), `seed ${seed}, round ${round}`).toEqual(strip(await fullView()));
				compared++;
				if (rng.next() < 0.7) await saveFeedbackView(view);
			}
			expect(compared).toBe(30);
			// Every kind of edit happened: added, started, completed, failed, cancelled, deleted.
			expect([...edited].sort()).toEqual(['added', 'cancelled', 'completed', 'deleted', 'failed', 'running']);
		});
	}

	it('reads and parses only the trials that changed, from this tab’s digests or the stored ones', async () => {
		const rng = createRng(7);
		await db.trials.bulkPut(Array.from({ length: 30 }, (_, i) => randomTrial(rng, `a${i}`, T0 + i * 60_000)));
		const parse = vi.spyOn(trialRecordSchema, 'parse');
		await saveFeedbackView(await visit());
		expect(parse).toHaveBeenCalledTimes(30);

		parse.mockClear();
		await db.trials.put(randomTrial(rng, 'new-1', T0 + 99 * 60_000));
		await db.trials.delete('a3');
		const second = await visit();
		expect(parse).toHaveBeenCalledTimes(1);
		expect(strip(second)).toEqual(strip(await fullView()));
		await saveFeedbackView(second);

		parse.mockClear();
		forgetTabDigests();
		const open = (await db.trials.toArray()).find((t) => t.status === 'queued' || t.status === 'running');
		await db.trials.update(open?.id ?? 'a0', { status: 'cancelled', finishedAt: T0 });
		const third = await visit();
		expect(parse).toHaveBeenCalledTimes(1);
		expect(strip(third)).toEqual(strip(await fullView()));
	});

	it('builds the digests from every trial when none are stored (as after an update from before them) or they are unreadable', async () => {
		const rng = createRng(8);
		await db.trials.bulkPut(Array.from({ length: 20 }, (_, i) => randomTrial(rng, `b${i}`, T0 + i * 60_000)));
		await saveFeedbackView(await visit());
		expect((await db.settings.get('feedback-digests'))?.value).toMatchObject({ ids: expect.any(Array) });

		forgetTabDigests();
		await db.settings.put({ key: 'feedback-digests', value: { format: 1, ids: 'corrupt' } });
		await db.trials.put(randomTrial(rng, 'b-new', T0 + 50 * 60_000));
		const parse = vi.spyOn(trialRecordSchema, 'parse');
		const view = await visit();
		expect(parse).toHaveBeenCalledTimes(21);
		expect(strip(view)).toEqual(strip(await fullView()));
	});
});

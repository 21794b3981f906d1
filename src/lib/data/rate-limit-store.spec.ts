import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { createDexieLimiterStore } from './rate-limit-store';
import { createLocalLocks, createRateLimiter, type Clock } from './rate-limiter';

/** A clock whose sleeps jump virtual time forward at once. */
function jumpingClock(start: number): Clock & { t: number } {
	const c = {
		t: start,
		now: () => c.t,
		sleep: async (ms: number) => {
			c.t += ms;
		}
	};
	return c;
}

const dbs: MlTrainerDb[] = [];
afterEach(async () => {
	for (const db of dbs.splice(0)) {
		db.close();
		await db.delete();
	}
});

describe('the rate limiter stored in IndexedDB', () => {
	it('keeps its budget across a reload: a new page sees the calls the last one made', async () => {
		const name = `rl-${Date.now()}`;
		const clock = jumpingClock(1_000_000);
		const first = new MlTrainerDb(name);
		dbs.push(first);
		const limits = { polygon: { limit: 5, windowMs: 60_000 } };
		const a = createRateLimiter({
			store: createDexieLimiterStore(first),
			locks: createLocalLocks(),
			clock,
			limits
		});
		for (let i = 0; i < 5; i++) await a.acquire('polygon');
		first.close();

		const second = new MlTrainerDb(name); // the page after a reload
		dbs.push(second);
		const b = createRateLimiter({
			store: createDexieLimiterStore(second),
			locks: createLocalLocks(),
			clock,
			limits
		});
		expect(await b.peek('polygon')).toMatchObject({ used: 5, limit: 5 });
		const before = clock.t;
		await b.acquire('polygon');
		expect(clock.t - before).toBeGreaterThanOrEqual(60_000);
	});

	it('shares one budget between two open connections (two tabs): never more than 5 calls in any 60 s', async () => {
		const name = `rl-shared-${Date.now()}`;
		const clock = jumpingClock(5_000_000);
		const locks = createLocalLocks();
		const limits = { polygon: { limit: 5, windowMs: 60_000 } };
		const tabs = [new MlTrainerDb(name), new MlTrainerDb(name)];
		dbs.push(...tabs);
		const limiters = tabs.map((db) =>
			createRateLimiter({ store: createDexieLimiterStore(db), locks, clock, limits })
		);
		const starts: number[] = [];
		for (let i = 0; i < 12; i++) starts.push(await limiters[i % 2].acquire('polygon'));
		starts.sort((x, y) => x - y);
		for (let i = 0; i + 5 < starts.length; i++)
			expect(starts[i + 5] - starts[i]).toBeGreaterThanOrEqual(60_000);
	});
});

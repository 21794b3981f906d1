import { describe, expect, it } from 'vitest';
import { createVirtualClock, worstWindow } from '../testing/virtual-clock';
import { ConnectorError } from './http-types';
import {
	createLocalLocks,
	createMemoryLimiterStore,
	createRateLimiter,
	POLYGON_FREE_CALLS_PER_MINUTE,
	RATE_WINDOW_MS,
	systemClock
} from './rate-limiter';

const START_MS = Date.UTC(2025, 0, 2, 14, 30);

function setup(instances = 1) {
	const clock = createVirtualClock(START_MS);
	const store = createMemoryLimiterStore();
	const locks = createLocalLocks();
	const limiters = Array.from({ length: instances }, () => createRateLimiter({ store, locks, clock }));
	return { clock, store, locks, limiters, limiter: limiters[0] };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
	try {
		await p;
		return 'resolved';
	} catch (e) {
		return e instanceof ConnectorError ? e.code : `other: ${String(e)}`;
	}
}

describe('createRateLimiter', () => {
	it('lets 100 calls from 3 tabs and 2 workers through in about 19 minutes, never more than 5 in any 60 s', async () => {
		// Five independent limiters sharing one store and one lock manager stand for 3 tabs and 2 workers.
		const { clock, limiters } = setup(5);
		const started: number[] = [];
		const calls = Array.from({ length: 100 }, async (_, i) => {
			started.push(await limiters[i % 5].acquire('polygon'));
		});
		await Promise.all(calls);

		expect(started).toHaveLength(100);
		expect(worstWindow(started, RATE_WINDOW_MS)).toBe(POLYGON_FREE_CALLS_PER_MINUTE);
		// 20 batches of 5, one batch per minute: the last batch starts 19 minutes after the first.
		expect(clock.elapsedMs()).toBeGreaterThanOrEqual(19 * 60_000);
		expect(clock.elapsedMs()).toBeLessThan(20 * 60_000);
	});

	it('starts calls at once while the window has room, and records each one', async () => {
		const { clock, limiter } = setup();
		for (let i = 0; i < 3; i++) expect(await limiter.acquire('polygon')).toBe(clock.now());
		expect(await limiter.peek('polygon')).toEqual({
			used: 3,
			limit: 5,
			windowMs: 60_000,
			nextSlotAt: clock.now()
		});
		expect(clock.elapsedMs()).toBe(0);
	});

	it('waits until the oldest call leaves the window and tells the caller until when', async () => {
		const { clock, limiter } = setup();
		await limiter.acquire('polygon');
		await clock.sleep(10_000);
		for (let i = 0; i < 4; i++) await limiter.acquire('polygon');
		expect((await limiter.peek('polygon')).nextSlotAt).toBe(START_MS + 60_000);

		const waits: number[] = [];
		const at = await limiter.acquire('polygon', { onWait: (untilMs) => waits.push(untilMs) });
		expect(waits).toEqual([START_MS + 60_000]);
		expect(at).toBe(START_MS + 60_000);
	});

	it('makes every instance wait for a Retry-After recorded by another', async () => {
		const { clock, limiters } = setup(2);
		await limiters[0].block('polygon', START_MS + 30_000);
		expect((await limiters[1].peek('polygon')).nextSlotAt).toBe(START_MS + 30_000);
		expect(await limiters[1].acquire('polygon')).toBe(START_MS + 30_000);
		expect(clock.elapsedMs()).toBe(30_000);
	});

	it('never shortens a Retry-After already recorded', async () => {
		const { limiter } = setup();
		await limiter.block('polygon', START_MS + 30_000);
		await limiter.block('polygon', START_MS + 5_000);
		expect((await limiter.peek('polygon')).nextSlotAt).toBe(START_MS + 30_000);
	});

	it('rejects with aborted when cancelled while waiting, and the slot stays free for others', async () => {
		const { clock, limiter } = setup();
		for (let i = 0; i < 5; i++) await limiter.acquire('polygon');
		const controller = new AbortController();
		const waiting = limiter.acquire('polygon', { signal: controller.signal });
		await clock.sleep(1_000);
		controller.abort();
		expect(await codeOf(waiting)).toBe('aborted');

		expect((await limiter.peek('polygon')).used).toBe(5);
		expect(await limiter.acquire('polygon')).toBe(START_MS + 60_000);
		expect((await limiter.peek('polygon')).used).toBe(1);
	});

	it('does not take a slot for a call cancelled before it starts', async () => {
		const { limiter } = setup();
		const controller = new AbortController();
		controller.abort();
		expect(await codeOf(limiter.acquire('polygon', { signal: controller.signal }))).toBe('aborted');
		expect((await limiter.peek('polygon')).used).toBe(0);
	});

	it('does not take a slot for a call cancelled while it queued for the lock', async () => {
		const { store, locks, clock } = setup();
		const limiter = createRateLimiter({ store, locks, clock });
		const controller = new AbortController();
		let release: () => void = () => {};
		const gate = new Promise<void>((r) => (release = r));
		const held = locks.request('rl:polygon', () => gate);
		const queued = limiter.acquire('polygon', { signal: controller.signal });
		controller.abort();
		release();
		await held;
		expect(await codeOf(queued)).toBe('aborted');
		expect((await limiter.peek('polygon')).used).toBe(0);
	});

	it('keeps a separate budget per provider', async () => {
		const { clock, limiter } = setup();
		for (let i = 0; i < 5; i++) await limiter.acquire('polygon');
		for (let i = 0; i < 100; i++) await limiter.acquire('fred-relay');
		expect(clock.elapsedMs()).toBe(0);
		expect(await limiter.peek('fred-relay')).toMatchObject({ used: 100, limit: 100 });
		expect((await limiter.peek('polygon')).nextSlotAt).toBe(START_MS + 60_000);
	});

	it('keeps its budget across a reload, because the state lives in the store', async () => {
		const { store, locks, clock, limiter } = setup();
		for (let i = 0; i < 5; i++) await limiter.acquire('polygon');
		const afterReload = createRateLimiter({ store, locks, clock });
		expect(await afterReload.peek('polygon')).toMatchObject({ used: 5, nextSlotAt: START_MS + 60_000 });
	});

	it('honours configured limits', async () => {
		const { store, locks, clock } = setup();
		const limiter = createRateLimiter({
			store,
			locks,
			clock,
			limits: { polygon: { limit: 2, windowMs: 10_000 } }
		});
		const started: number[] = [];
		for (let i = 0; i < 6; i++) started.push(await limiter.acquire('polygon'));
		expect(started.map((t) => t - START_MS)).toEqual([0, 0, 10_000, 10_000, 20_000, 20_000]);
	});

	it('counts a call stamped in the future (clock set back) as made now, so it cannot block for long', async () => {
		const { store, clock, limiter } = setup();
		await store.write('polygon', { calls: Array(5).fill(START_MS + 3_600_000), notBefore: 0 });
		expect((await limiter.peek('polygon')).nextSlotAt).toBe(START_MS + 60_000);
		expect(await limiter.acquire('polygon')).toBe(START_MS + 60_000);
		expect(clock.elapsedMs()).toBe(60_000);
	});

	it('refuses a limit that is not a positive integer', () => {
		const { store, locks, clock } = setup();
		expect(() =>
			createRateLimiter({ store, locks, clock, limits: { polygon: { limit: 0, windowMs: 1 } } })
		).toThrow(RangeError);
		expect(() =>
			createRateLimiter({ store, locks, clock, limits: { polygon: { limit: 1, windowMs: Number.NaN } } })
		).toThrow(RangeError);
	});
});

describe('createLocalLocks', () => {
	it('runs holders of one name one at a time, in the order they asked', async () => {
		const locks = createLocalLocks();
		const log: string[] = [];
		const holder = (id: string) =>
			locks.request('x', async () => {
				log.push(`${id} in`);
				await new Promise((r) => setTimeout(r, 1));
				log.push(`${id} out`);
				return id;
			});
		expect(await Promise.all([holder('a'), holder('b'), holder('c')])).toEqual(['a', 'b', 'c']);
		expect(log).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
	});

	it('releases the lock when a holder throws', async () => {
		const locks = createLocalLocks();
		await expect(locks.request('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(await locks.request('x', async () => 'next')).toBe('next');
	});
});

describe('systemClock', () => {
	it('sleeps, and stops sleeping when aborted', async () => {
		await systemClock.sleep(1);
		const controller = new AbortController();
		const sleeping = systemClock.sleep(60_000, controller.signal);
		controller.abort(new Error('stop'));
		await expect(sleeping).rejects.toThrow('stop');
	});
});

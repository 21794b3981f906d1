import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors';
import { poolSizeFor, WorkerPool, type WorkerEndpoint } from './worker-pool';

interface FakeApi {
	work(ms: number, value: number): Promise<number>;
	hang(): Promise<never>;
}

class FakeWorker implements WorkerEndpoint<FakeApi> {
	terminated = false;
	#listeners: Array<(e: Error) => void> = [];
	readonly api: FakeApi = {
		work: (ms, value) =>
			new Promise((resolve) =>
				setTimeout(() => {
					if (!this.terminated) resolve(value);
				}, ms)
			),
		hang: () => new Promise<never>(() => {})
	};
	onFailure(listener: (e: Error) => void): void {
		this.#listeners.push(listener);
	}
	crash(message: string): void {
		for (const l of this.#listeners) l(new Error(message));
	}
	terminate(): void {
		this.terminated = true;
	}
}

function setup(size = 1) {
	const workers: FakeWorker[] = [];
	const pool = new WorkerPool<FakeApi>(
		() => {
			const w = new FakeWorker();
			workers.push(w);
			return w;
		},
		{ size }
	);
	return { pool, workers };
}

const quick = { deadlineMs: 1_000, heartbeatMs: 500, label: 'test job' };

async function codeOf(p: Promise<unknown>): Promise<string> {
	try {
		await p;
		return 'resolved';
	} catch (e) {
		return e instanceof AppError ? e.code : `other: ${String(e)}`;
	}
}

describe('WorkerPool', () => {
	it('runs tasks and keeps a healthy worker for the next one', async () => {
		const { pool, workers } = setup();
		expect(await pool.run((api) => api.work(5, 1), quick)).toBe(1);
		expect(await pool.run((api) => api.work(5, 2), quick)).toBe(2);
		expect(workers.length).toBe(1);
	});

	it('rejects a pending call when its worker reports an error, and respawns for the next call', async () => {
		const { pool, workers } = setup();
		const pending = pool.run((api) => api.hang(), quick);
		await new Promise((r) => setTimeout(r, 5));
		workers[0].crash('out of memory');
		expect(await codeOf(pending)).toBe('worker_crashed');
		expect(workers[0].terminated).toBe(true);
		expect(await pool.run((api) => api.work(1, 7), quick)).toBe(7);
		expect(workers.length).toBe(2);
	});

	it('fails a call that outlives its deadline and terminates the worker', async () => {
		const { pool, workers } = setup();
		const started = Date.now();
		const code = await codeOf(
			pool.run(
				async (api, beat) => {
					const timer = setInterval(beat, 10); // alive, but never finishing
					try {
						return await api.hang();
					} finally {
						clearInterval(timer);
					}
				},
				{ deadlineMs: 80, heartbeatMs: 1_000, label: 'slow job' }
			)
		);
		expect(code).toBe('deadline_exceeded');
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(workers[0].terminated).toBe(true);
	});

	it('fails a call whose worker stops sending heartbeats (a silently dead worker)', async () => {
		const { pool, workers } = setup();
		const code = await codeOf(
			pool.run((api) => api.hang(), { deadlineMs: 10_000, heartbeatMs: 50, label: 'silent job' })
		);
		expect(code).toBe('heartbeat_lost');
		expect(workers[0].terminated).toBe(true);
	});

	it('fails the running call when its worker is killed from outside, then carries on with a new worker', async () => {
		const { pool, workers } = setup();
		expect(pool.killWorker(0)).toBe(false); // nothing running: nothing to kill
		const pending = pool.run((api) => api.hang(), quick);
		await new Promise((r) => setTimeout(r, 5));
		expect(pool.killWorker(0)).toBe(true);
		expect(await codeOf(pending)).toBe('worker_crashed');
		expect(await pool.run((api) => api.work(1, 3), quick)).toBe(3);
		expect(workers.length).toBe(2);
	});

	it('cancels through an abort signal by terminating the worker', async () => {
		const { pool, workers } = setup();
		const controller = new AbortController();
		const pending = pool.run((api) => api.hang(), { ...quick, signal: controller.signal });
		await new Promise((r) => setTimeout(r, 5));
		controller.abort();
		expect(await codeOf(pending)).toBe('aborted');
		expect(workers[0].terminated).toBe(true);
	});

	it('keeps the worker when the task itself throws (a model error is not a dead worker)', async () => {
		const { pool, workers } = setup();
		const code = await codeOf(
			pool.run(async () => {
				throw new Error('singular matrix');
			}, quick)
		);
		expect(code).toBe('fit_failed');
		expect(workers[0].terminated).toBe(false);
	});

	it('queues calls beyond its size and runs them as workers free up', async () => {
		const { pool, workers } = setup(2);
		const results = await Promise.all([1, 2, 3, 4, 5].map((v) => pool.run((api) => api.work(10, v), quick)));
		expect(results).toEqual([1, 2, 3, 4, 5]);
		expect(workers.length).toBe(2);
	});

	it('fails with init_failed when a new worker does not start in time', async () => {
		const pool = new WorkerPool<FakeApi>(() => new FakeWorker(), {
			size: 1,
			init: () => new Promise(() => {}),
			initDeadlineMs: 30
		});
		expect(await codeOf(pool.run((api) => api.work(1, 1), quick))).toBe('init_failed');
	});

	it('counts each live worker it throws away, but not the ones a closing pool ends', async () => {
		let discarded = 0;
		const workers: FakeWorker[] = [];
		const pool = new WorkerPool<FakeApi>(
			() => {
				const w = new FakeWorker();
				workers.push(w);
				return w;
			},
			{ size: 1, onDiscard: () => discarded++ }
		);
		const pending = pool.run((api) => api.work(50, 1), quick);
		await new Promise((r) => setTimeout(r, 5));
		workers[0].crash('out of memory');
		expect(await codeOf(pending)).toBe('worker_crashed');
		expect(discarded).toBe(1);
		expect(await pool.run((api) => api.work(1, 2), quick)).toBe(2);
		pool.close();
		expect(discarded).toBe(1);
	});

	it('sizes itself to the cores minus one, at least 1 and at most 4', () => {
		expect(poolSizeFor(1)).toBe(1);
		expect(poolSizeFor(2)).toBe(1);
		expect(poolSizeFor(4)).toBe(3);
		expect(poolSizeFor(16)).toBe(4);
		expect(poolSizeFor(undefined)).toBe(1);
	});
});

import { describe, expect, it } from 'vitest';
import { SchedulerLease, type LockManagerLike, type SchedulerRole } from './scheduler-lease';

/** An exclusive lock with a FIFO queue, ifAvailable and abort: the Web Locks semantics the lease relies on. */
class FakeLocks implements LockManagerLike {
	#held = false;
	readonly #queue: Array<() => void> = [];

	async request(
		_name: string,
		options: { ifAvailable?: boolean; signal?: AbortSignal },
		callback: (lock: unknown) => Promise<unknown>
	): Promise<unknown> {
		if (this.#held) {
			if (options.ifAvailable) return callback(null);
			await new Promise<void>((resolve, reject) => {
				const grant = (): void => resolve();
				this.#queue.push(grant);
				options.signal?.addEventListener('abort', () => {
					const i = this.#queue.indexOf(grant);
					if (i >= 0) this.#queue.splice(i, 1);
					reject(new DOMException('aborted', 'AbortError'));
				});
			});
		}
		this.#held = true;
		try {
			return await callback({});
		} finally {
			this.#held = false;
			this.#queue.shift()?.();
		}
	}
}

function tab(locks: FakeLocks) {
	const roles: SchedulerRole[] = [];
	let led = 0;
	const lease = new SchedulerLease(locks, 'scheduler', {
		lead: async () => {
			led++;
		},
		onRole: (r) => roles.push(r)
	});
	return { lease, roles, led: () => led };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the scheduler lease', () => {
	it('makes the first tab the leader and the second a follower', async () => {
		const locks = new FakeLocks();
		const a = tab(locks);
		const b = tab(locks);
		expect(await a.lease.start()).toBe('leader');
		expect(await b.lease.start()).toBe('follower');
		expect(a.led()).toBe(1);
		expect(b.led()).toBe(0);
	});

	it('hands the scheduler to the waiting tab when the leader steps down, and says so', async () => {
		const locks = new FakeLocks();
		const a = tab(locks);
		const b = tab(locks);
		await a.lease.start();
		await b.lease.start();
		a.lease.release();
		await tick();
		await tick();
		expect(b.led()).toBe(1);
		expect(b.roles).toEqual(['follower', 'leader']);
		expect(a.roles).toEqual(['leader', 'stopped']);
	});

	it('never leads again after stepping down, even when the lock comes free', async () => {
		const locks = new FakeLocks();
		const a = tab(locks);
		const b = tab(locks);
		await a.lease.start();
		await b.lease.start();
		b.lease.release(); // the follower steps down (a newer schema elsewhere)
		a.lease.release();
		await tick();
		await tick();
		expect(b.led()).toBe(0);
		expect(b.roles.at(-1)).toBe('stopped');
	});

	it('leads at once where the platform has no Web Locks', async () => {
		const roles: SchedulerRole[] = [];
		const lease = new SchedulerLease(undefined, 'scheduler', {
			lead: async () => {},
			onRole: (r) => roles.push(r)
		});
		expect(await lease.start()).toBe('leader');
		expect(roles).toEqual(['leader']);
	});
});

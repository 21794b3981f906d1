/**
 * Virtual time for Node tests of timing code (rate limiter, HTTP client): sleepers wait in a queue, and once every
 * pending promise has settled (two macrotask hops) the clock jumps to the earliest wake-up and releases it.
 * Minutes of rate limiting, timeouts and backoffs run in milliseconds, in order. Node-only (setImmediate).
 */
import type { Clock } from '../data/rate-limiter';

export interface VirtualClock extends Clock {
	/** Virtual milliseconds since the clock was created. */
	elapsedMs(): number;
}

export function createVirtualClock(startMs: number): VirtualClock {
	let now = startMs;
	let seq = 0;
	let scheduled = false;
	const timers: Array<{ at: number; seq: number; wake: () => void }> = [];
	const advance = () => {
		scheduled = false;
		timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
		const next = timers.shift();
		if (!next) return;
		now = Math.max(now, next.at);
		next.wake();
		schedule();
	};
	const schedule = () => {
		if (scheduled || timers.length === 0) return;
		scheduled = true;
		setImmediate(() => setImmediate(advance));
	};
	return {
		now: () => now,
		elapsedMs: () => now - startMs,
		sleep(ms, signal) {
			return new Promise<void>((resolve, reject) => {
				if (signal?.aborted) return reject(signal.reason);
				const onAbort = () => {
					timers.splice(timers.indexOf(timer), 1);
					reject(signal?.reason);
				};
				const wake = () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				};
				const timer = { at: now + Math.max(0, ms), seq: seq++, wake };
				signal?.addEventListener('abort', onAbort, { once: true });
				timers.push(timer);
				schedule();
			});
		}
	};
}

/** The most calls in any window [t, t + windowMs) that starts at a call: at most the limit, if the limit held. */
export function worstWindow(times: readonly number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let worst = 0;
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (j < sorted.length && sorted[j] < sorted[i] + windowMs) j++;
		worst = Math.max(worst, j - i);
	}
	return worst;
}

/**
 * Wires the trial engine to real Web Workers and to this page. Only this module creates trial workers.
 * One tab at a time runs the scheduler (Web Locks, origin-wide); other tabs watch through liveQuery.
 */
import * as Comlink from 'comlink';
import TrialWorker from '../workers/trial.worker?worker';
import { TrialEngine } from '../engine/trial-engine';
import { poolSizeFor, WorkerPool, type WorkerEndpoint } from '../engine/worker-pool';
import type { TrialWorkerApi } from '../workers/protocol';
import { db } from './db';
import { logger } from './logger';
import { progress } from '../ui/progress.svelte';

const SCHEDULER_LOCK = 'mltrainer-scheduler';

function spawnTrialWorker(): WorkerEndpoint<TrialWorkerApi> {
	const worker = new TrialWorker({ name: 'mltrainer-trial' });
	const api = Comlink.wrap<TrialWorkerApi>(worker);
	return {
		api: api as unknown as TrialWorkerApi,
		onFailure(listener) {
			worker.addEventListener('error', (e) => {
				e.preventDefault();
				listener(new Error(e.message || 'worker error'));
			});
			worker.addEventListener('messageerror', () => listener(new Error('a message could not be decoded')));
		},
		terminate() {
			api[Comlink.releaseProxy]();
			worker.terminate();
		}
	};
}

export const pool = new WorkerPool<TrialWorkerApi>(spawnTrialWorker, {
	size: poolSizeFor(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency),
	init: (api) => api.init()
});

export const engine = new TrialEngine({
	db,
	pool,
	onProgress: (trialId, fold, fraction) => progress.set(trialId, fold, fraction),
	onError: (e) => logger.error('engine error', e)
});

/**
 * Test hook, off unless localStorage has `mltrainer:debug` = '1': lets the end-to-end suite kill a worker
 * mid-trial, as a crash would, to prove the engine recovers.
 */
if (typeof localStorage !== 'undefined' && localStorage.getItem('mltrainer:debug') === '1') {
	Object.assign(globalThis, {
		__mltrainerDebug: {
			killWorker: (slot = 0) => engine.killWorker(slot),
			busy: () => engine.busy,
			spawnCount: () => pool.spawnCount
		}
	});
}

let starting: Promise<'leader' | 'follower'> | null = null;

/**
 * Starts the scheduler in this tab if no other tab runs one; resolves with the role this tab got. A follower
 * tab takes over automatically when the leader closes (the lock is released with it).
 */
export function startEngine(): Promise<'leader' | 'follower'> {
	starting ??= new Promise((resolve) => {
		if (!('locks' in navigator)) {
			void engine.start().then(() => resolve('leader'));
			return;
		}
		let resolved = false;
		void navigator.locks.request(SCHEDULER_LOCK, { ifAvailable: true }, async (lock) => {
			if (!lock) {
				resolve('follower');
				resolved = true;
				// Queue for the lock so this tab takes over when the leader goes away.
				void navigator.locks.request(SCHEDULER_LOCK, async () => {
					await engine.start();
					await new Promise(() => {}); // hold the lock for the life of the page
				});
				return;
			}
			await engine.start();
			if (!resolved) resolve('leader');
			await new Promise(() => {});
		});
	});
	return starting;
}

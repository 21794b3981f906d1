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
import { logger } from '../security/logger';
import { progress } from '../engine/progress.svelte';
import { SchedulerLease } from '../engine/scheduler-lease';
import { engineStatus } from './engine-status.svelte';
import { storageErrorMessage } from './storage-errors';
import { countWorkerRestart } from './telemetry';

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
	init: (api) => api.init(),
	// Telemetry: every worker thrown away is counted (app/telemetry.ts); a failed count never stops the engine.
	onDiscard: () =>
		void countWorkerRestart(db).catch((e: unknown) => logger.warn('worker restart not counted', e))
});

export const engine = new TrialEngine({
	db,
	pool,
	onProgress: (trialId, fold, fraction) => progress.set(trialId, fold, fraction),
	onError: (e) => logger.error('engine error', e),
	onStorageError: (what, e) => {
		engineStatus.storageProblem = storageErrorMessage(what, e);
		logger.error('a fold result could not be stored', e);
	}
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

const lease = new SchedulerLease(
	typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined,
	SCHEDULER_LOCK,
	{ lead: () => engine.start(), onRole: (role) => (engineStatus.role = role) }
);

/** A newer version of the app upgraded the schema in another tab: stop here and give the scheduler to it. */
db.on('versionchange', () => {
	engine.stop();
	lease.release();
	// The database closes itself and the banner shows (db.ts); jobs running here are re-queued by the new
	// scheduler when it starts (it recovers every job left running).
});

/** Lease recovery runs in every tab: a job whose tab or worker vanished is re-queued once its lease expires. */
export const LEASE_RECOVERY_EVERY_MS = 15_000;

/**
 * Starts the scheduler in this tab if no other tab runs one; resolves with the role this tab got. A follower
 * takes over when the leader closes or steps down (engineStatus.role follows).
 */
export function startEngine(): Promise<'leader' | 'follower' | 'stopped'> {
	// A newer version already took the database (this module may load after that happened): never compete.
	if (engineStatus.upgradedElsewhere) {
		lease.release();
		return Promise.resolve('stopped');
	}
	const started = lease.start();
	if (typeof setInterval !== 'undefined' && !recoveryTimer) {
		recoveryTimer = setInterval(() => {
			if (!engineStatus.upgradedElsewhere)
				void engine.recoverExpired().catch((e) => logger.warn('lease recovery', e));
		}, LEASE_RECOVERY_EVERY_MS);
	}
	return started;
}

let recoveryTimer: ReturnType<typeof setInterval> | null = null;

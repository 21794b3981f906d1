import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobRecord } from '../db/records';
import { db } from './db';
import {
	resumeAnalysesWhenNeeded,
	startEngineWhenNeeded,
	type EngineModule,
	type QueueModule
} from './engine-boot';

function job(id: string, status: JobRecord['status']): JobRecord {
	return {
		id,
		trialId: 't',
		fold: 0,
		status,
		attempts: 0,
		leaseUntil: 0,
		notBefore: 0,
		error: null,
		updatedAt: 0
	};
}

/** Stand-ins for the engine and queue modules that record what was done with them. */
function fakeModules(role: 'leader' | 'follower' = 'leader') {
	const stopQueue = vi.fn();
	const engineModule: EngineModule = { startEngine: vi.fn(async () => role), engine: { busy: false } };
	const queue: QueueModule = { watchQueue: vi.fn(() => stopQueue) };
	const load = vi.fn(async () => [engineModule, queue] as [EngineModule, QueueModule]);
	return { engineModule, queue, load, stopQueue };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

beforeEach(async () => {
	await db.jobs.clear();
});

describe('startEngineWhenNeeded', () => {
	it('loads nothing while no fold is queued or running', async () => {
		const m = fakeModules();
		await db.jobs.bulkPut([job('a', 'done'), job('b', 'failed'), job('c', 'cancelled')]);
		const onStarted = vi.fn();
		const stop = startEngineWhenNeeded(onStarted, m.load);
		await settle();
		expect(m.load).not.toHaveBeenCalled();
		expect(onStarted).not.toHaveBeenCalled();
		stop();
	});

	it('starts the engine and the queue watch once a fold is queued, and reports the role', async () => {
		const m = fakeModules('follower');
		const onStarted = vi.fn();
		const stop = startEngineWhenNeeded(onStarted, m.load);
		await settle();
		await db.jobs.put(job('a', 'queued'));
		await vi.waitFor(() => expect(onStarted).toHaveBeenCalledWith('follower', m.engineModule.engine));
		expect(m.engineModule.startEngine).toHaveBeenCalledTimes(1);
		expect(m.queue.watchQueue).toHaveBeenCalledTimes(1);
		await db.jobs.put(job('b', 'queued'));
		await settle();
		expect(m.load).toHaveBeenCalledTimes(1);
		stop();
		expect(m.stopQueue).toHaveBeenCalledTimes(1);
	});

	it('starts the engine at once for a fold left running by a closed tab, so that it is recovered', async () => {
		const m = fakeModules();
		await db.jobs.put(job('a', 'running'));
		const onStarted = vi.fn();
		const stop = startEngineWhenNeeded(onStarted, m.load);
		await vi.waitFor(() => expect(onStarted).toHaveBeenCalledWith('leader', m.engineModule.engine));
		stop();
	});
});

describe('resumeAnalysesWhenNeeded', () => {
	beforeEach(async () => {
		await db.analyses.clear();
	});

	it('loads nothing while no analysis is running, and resumes at once and on a timer while one is', async () => {
		const resumeAnalyses = vi.fn(async () => 0);
		const load = vi.fn(async () => ({ resumeAnalyses }));
		const stop = resumeAnalysesWhenNeeded(load, 30);
		await settle();
		expect(load).not.toHaveBeenCalled();
		await db.analyses.put({ id: 'a', status: 'running' } as never);
		await settle();
		expect(resumeAnalyses).toHaveBeenCalled();
		const calls = resumeAnalyses.mock.calls.length;
		await new Promise((r) => setTimeout(r, 80));
		expect(resumeAnalyses.mock.calls.length).toBeGreaterThan(calls);
		// Once nothing runs, the timer stops.
		await db.analyses.put({ id: 'a', status: 'completed' } as never);
		await settle();
		const after = resumeAnalyses.mock.calls.length;
		await new Promise((r) => setTimeout(r, 80));
		expect(resumeAnalyses.mock.calls.length).toBe(after);
		stop();
	});
});

/**
 * An in-process stand-in for the trial worker, for Node tests of the engine: the same protocol and the same
 * pure fold runner, without a Web Worker. `hooks` let a test make a worker die or stall mid-job.
 */
import { computeFeatures } from '../domain/features';
import type { WorkerEndpoint } from '../engine/worker-pool';
import { loadLearner } from '../models/registry';
import { runFoldChecked } from '../models/run-fold';
import { foldJobInputSchema, type TrialWorkerApi } from '../workers/protocol';

export interface InProcessHooks {
	/** Called before each fold; may throw (task error) or return 'crash' / 'hang' to simulate a dead worker. */
	beforeFold?: (fold: number, worker: InProcessWorker) => 'crash' | 'hang' | void;
}

export class InProcessWorker implements WorkerEndpoint<TrialWorkerApi> {
	terminated = false;
	readonly #listeners: Array<(e: Error) => void> = [];
	readonly api: TrialWorkerApi;

	constructor(hooks: InProcessHooks = {}) {
		this.api = {
			init: async () => ({ ready: true }),
			runFold: async (input, onProgress) => {
				const job = foldJobInputSchema.parse(input);
				const action = hooks.beforeFold?.(job.fold.index, this);
				if (action === 'crash') {
					queueMicrotask(() => this.#listeners.forEach((l) => l(new Error('simulated crash'))));
					return new Promise(() => {});
				}
				if (action === 'hang') return new Promise(() => {});
				const loaded = await loadLearner(job.spec.model.id);
				onProgress(0);
				return runFoldChecked(job.spec, job.fold, job.bars, loaded, {
					features: computeFeatures(job.bars),
					onProgress
				});
			}
		};
	}

	onFailure(listener: (e: Error) => void): void {
		this.#listeners.push(listener);
	}

	terminate(): void {
		this.terminated = true;
	}
}

/**
 * An in-process stand-in for the trial worker, for Node tests of the engine: the same protocol and the same
 * pure fold runner, without a Web Worker. `hooks` let a test make a worker die or stall mid-job.
 */
import type { WorkerEndpoint } from '../engine/worker-pool';
import { runAnalysisJob } from '../workers/analysis-job';
import { foldCosts, runFoldJob } from '../workers/fold-job';
import { runLookaheadJob } from '../workers/lookahead-job';
import { runScoreJob } from '../workers/score-job';
import { foldJobInputSchema, type TrialWorkerApi } from '../workers/protocol';

export interface InProcessHooks {
	/** Called before each fold; may throw (task error) or return 'crash' / 'hang' to simulate a dead worker. */
	beforeFold?: (fold: number, worker: InProcessWorker) => 'crash' | 'hang' | void;
	/** The same before each analysis. */
	beforeAnalysis?: (worker: InProcessWorker) => 'crash' | 'hang' | void;
}

export class InProcessWorker implements WorkerEndpoint<TrialWorkerApi> {
	terminated = false;
	readonly #listeners: Array<(e: Error) => void> = [];
	readonly api: TrialWorkerApi;

	constructor(hooks: InProcessHooks = {}) {
		this.api = {
			init: async () => ({ ready: true }),
			costs: (modelId, trainRows, params, nested) => foldCosts(modelId, trainRows, params, undefined, nested),
			runFold: async (input, onProgress) => {
				const job = foldJobInputSchema.parse(input);
				const action = hooks.beforeFold?.(job.fold.index, this);
				if (action === 'crash') {
					queueMicrotask(() => this.#listeners.forEach((l) => l(new Error('simulated crash'))));
					return new Promise(() => {});
				}
				if (action === 'hang') return new Promise(() => {});
				return runFoldJob(job, onProgress);
			},
			runAnalysis: async (input, onProgress) => {
				const action = hooks.beforeAnalysis?.(this);
				if (action === 'crash') {
					queueMicrotask(() => this.#listeners.forEach((l) => l(new Error('simulated crash'))));
					return new Promise(() => {});
				}
				if (action === 'hang') return new Promise(() => {});
				return runAnalysisJob(input, onProgress);
			},
			runLookahead: (input, onProgress) => runLookaheadJob(input, onProgress),
			runScore: (input, onProgress) => runScoreJob(input, onProgress)
		};
	}

	onFailure(listener: (e: Error) => void): void {
		this.#listeners.push(listener);
	}

	terminate(): void {
		this.terminated = true;
	}
}

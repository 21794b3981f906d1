/**
 * Which implementation runs each runnable catalog id. Neural learners are loaded lazily so a worker that only
 * fits trees never downloads or starts TF.js.
 */
import type { Learner } from './types';

export interface LearnerEnv {
	/** URLs of the TF.js wasm binaries, passed by the worker entry (bundled, never from a CDN). */
	readonly wasmPaths?: Record<string, string>;
}

export interface LoadedLearner {
	readonly learner: Learner<never>;
	/** Numeric backend recorded with every result (numbers can differ slightly by backend). */
	readonly backend: string;
	/** Live native allocations (TF.js tensors) after a fold, to prove a fit leaks nothing across folds. */
	readonly liveTensors?: () => number;
}

export const RUNNABLE_IDS = ['ridge', 'xgboost', 'feedforward_mlp'] as const;
export type RunnableId = (typeof RUNNABLE_IDS)[number];

export async function loadLearner(id: string, env: LearnerEnv = {}): Promise<LoadedLearner> {
	switch (id) {
		case 'ridge': {
			const { ridge } = await import('./linear/ridge');
			return { learner: ridge as Learner<never>, backend: 'js-float64' };
		}
		case 'xgboost': {
			const { histGbm } = await import('./trees/hist-gbm');
			return { learner: histGbm as Learner<never>, backend: 'js-float64' };
		}
		case 'feedforward_mlp': {
			const { ensureTfBackend } = await import('./neural/tf-runtime');
			const backend = await ensureTfBackend({ wasmPaths: env.wasmPaths });
			const { feedforwardMlp } = await import('./neural/feedforward-mlp');
			const { memory } = await import('@tensorflow/tfjs-core');
			return {
				learner: feedforwardMlp as Learner<never>,
				backend: `tfjs-${backend}`,
				liveTensors: () => memory().numTensors
			};
		}
		default:
			throw new Error(`model "${id}" has no implementation`);
	}
}

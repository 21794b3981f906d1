/**
 * Trial worker entry. It only wires: parse the job, load the learner, run the pure fold runner, return the
 * result. The engine owns this worker's life (deadlines, heartbeats, respawn); nothing else creates it.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { computeFeatures, type FeatureSet } from '../domain/features';
import { loadLearner } from '../models/registry';
import { runFoldChecked } from '../models/run-fold';
import { foldJobInputSchema, type FoldJobInput, type FoldJobOutput, type TrialWorkerApi } from './protocol';

const wasmPaths = {
	'tfjs-backend-wasm.wasm': wasmPlain,
	'tfjs-backend-wasm-simd.wasm': wasmSimd,
	'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd
};

/** Features of the last dataset seen: consecutive folds of a trial reuse them. */
let featureCache: { key: string; features: FeatureSet } | null = null;

const api: TrialWorkerApi = {
	async init() {
		return { ready: true };
	},
	async runFold(input: FoldJobInput, onProgress: (fraction: number) => void): Promise<FoldJobOutput> {
		const job = foldJobInputSchema.parse(input);
		if (featureCache?.key !== job.datasetKey) {
			featureCache = { key: job.datasetKey, features: computeFeatures(job.bars) };
		}
		const loaded = await loadLearner(job.spec.model.id, { wasmPaths });
		onProgress(0);
		let out;
		try {
			out = await runFoldChecked(job.spec, job.fold, job.bars, loaded, {
				features: featureCache.features,
				onProgress
			});
		} finally {
			// The callback arrived as a Comlink proxy holding a MessagePort; release it so ports do not pile up.
			(onProgress as unknown as Partial<Record<symbol, () => void>>)[Comlink.releaseProxy]?.();
		}
		return Comlink.transfer(
			{
				...out,
				metrics: out.metrics,
				modelInfo: out.modelInfo
			},
			[out.t.buffer, out.row.buffer, out.predicted.buffer, out.realised.buffer, out.nextReturn.buffer]
		) as FoldJobOutput;
	}
};

Comlink.expose(api);

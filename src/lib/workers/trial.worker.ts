/**
 * Trial worker entry. It only wires: the fold job (gateway check, fit, score) runs in fold-job.ts; results go
 * back with their buffers transferred. The engine owns this worker's life (deadlines, heartbeats, respawn);
 * nothing else creates it.
 */
import './zod-jitless';
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { runAnalysisJob } from './analysis-job';
import { foldCosts, runFoldJob } from './fold-job';
import { runLookaheadJob } from './lookahead-job';
import { runScoreJob } from './score-job';
import type { NestedPlan } from '../models/inner-folds';
import type {
	AnalysisJobInput,
	AnalysisJobResult,
	FoldJobInput,
	FoldJobOutput,
	FoldJobResult,
	LookaheadJobInput,
	LookaheadJobResult,
	ScoreJobInput,
	ScoreJobResult,
	TrialWorkerApi
} from './protocol';

// No threaded-SIMD file: threads are off (WASM_HAS_MULTITHREAD_SUPPORT=false), so it is never fetched, and
// importing it would only make the build emit and the service worker precache 436 KB nobody uses. The backend
// refuses a map without an entry for each of its three names, so that name points at the single-thread file.
const wasmPaths = {
	'tfjs-backend-wasm.wasm': wasmPlain,
	'tfjs-backend-wasm-simd.wasm': wasmSimd,
	'tfjs-backend-wasm-threaded-simd.wasm': wasmSimd
};

const api: TrialWorkerApi = {
	async init() {
		return { ready: true };
	},
	costs(modelId: string, trainRows: number, params: unknown, nested?: NestedPlan | null) {
		return foldCosts(modelId, trainRows, params, { wasmPaths }, nested);
	},
	async runFold(input: FoldJobInput, onProgress: (fraction: number) => void): Promise<FoldJobResult> {
		let out;
		try {
			out = await runFoldJob(input, onProgress, { wasmPaths });
		} finally {
			// The callback arrived as a Comlink proxy holding a MessagePort; release it so ports do not pile up.
			(onProgress as unknown as Partial<Record<symbol, () => void>>)[Comlink.releaseProxy]?.();
		}
		if ('refused' in out || 'failed' in out) return out;
		return Comlink.transfer(out, [
			out.t.buffer,
			out.row.buffer,
			out.predicted.buffer,
			out.realised.buffer,
			out.nextReturn.buffer,
			...(out.aux ? [out.aux.buffer] : [])
		]) as FoldJobOutput;
	},
	async runAnalysis(
		input: AnalysisJobInput,
		onProgress: (fraction: number) => void
	): Promise<AnalysisJobResult> {
		try {
			return await runAnalysisJob(input, onProgress, { wasmPaths });
		} finally {
			(onProgress as unknown as Partial<Record<symbol, () => void>>)[Comlink.releaseProxy]?.();
		}
	},
	async runLookahead(
		input: LookaheadJobInput,
		onProgress: (fraction: number) => void
	): Promise<LookaheadJobResult> {
		try {
			return await runLookaheadJob(input, onProgress, { wasmPaths });
		} finally {
			(onProgress as unknown as Partial<Record<symbol, () => void>>)[Comlink.releaseProxy]?.();
		}
	},
	async runScore(input: ScoreJobInput, onProgress: (fraction: number) => void): Promise<ScoreJobResult> {
		try {
			return await runScoreJob(input, onProgress, { wasmPaths });
		} finally {
			(onProgress as unknown as Partial<Record<symbol, () => void>>)[Comlink.releaseProxy]?.();
		}
	}
};

Comlink.expose(api);

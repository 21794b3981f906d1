/** Catalog entry `feedforward_mlp`: a TF.js MLP on the bundled wasm backend (neural/feedforward-mlp.ts). */
import { memory } from '@tensorflow/tfjs-core';
import { defineLearner } from '../seam';
import { feedforwardMlp } from './feedforward-mlp';
import { ensureTfBackend } from './tf-runtime';

/**
 * Per epoch per 1,000 rows per 1,000 weights on the wasm SIMD backend, fitted to `bench/costs.ts` (defaults,
 * 30 epochs of 128-64-32: 1.2 s on 1,260 rows, 3.6 s on 4,000). Loading TF.js and compiling its wasm happen once
 * per worker, before the first fold; the deadline's floor covers them.
 */
const MS_PER_EPOCH_PER_1K_ROWS_PER_1K_WEIGHTS = 2.4;
const SETUP_MS = 200;

function weights(hidden: readonly number[], inputs = 13): number {
	let n = 0;
	let fanIn = inputs;
	for (const width of [...hidden, 1]) {
		n += (fanIn + 1) * width;
		fanIn = width;
	}
	return n;
}

export const implementation = defineLearner({
	id: 'feedforward_mlp',
	task: 'regression',
	costs: {
		expectedFitMs: (rows, p) =>
			SETUP_MS +
			p.epochs * (rows / 1000) * (weights(p.hidden_layers) / 1000) * MS_PER_EPOCH_PER_1K_ROWS_PER_1K_WEIGHTS,
		minDeadlineMs: 5 * 60_000
	},
	prepare: async (env) => {
		const backend = await ensureTfBackend({ wasmPaths: env.wasmPaths });
		return { backend: `tfjs-${backend}`, liveTensors: () => memory().numTensors };
	},
	fit: (X, y, params, ctx) => feedforwardMlp.fit(X, y, params, ctx)
});

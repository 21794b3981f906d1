/** Catalog entry `feedforward_mlp`: a TF.js MLP on the bundled wasm backend (neural/feedforward-mlp.ts). */
import { memory } from '@tensorflow/tfjs-core';
import { defineLearner } from '../seam';
import { feedforwardMlp } from './feedforward-mlp';
import { ensureTfBackend } from './tf-runtime';

/** Per epoch per 1,000 rows per 1,000 weights (bench/mlp.ts on the wasm SIMD backend). */
const MS_PER_EPOCH_PER_1K_ROWS_PER_1K_WEIGHTS = 4;
/** Loading TF.js and compiling the wasm module happen before the first epoch. */
const STARTUP_MS = 2_000;

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
			STARTUP_MS +
			p.epochs * (rows / 1000) * (weights(p.hidden_layers) / 1000) * MS_PER_EPOCH_PER_1K_ROWS_PER_1K_WEIGHTS,
		minDeadlineMs: 5 * 60_000
	},
	prepare: async (env) => {
		const backend = await ensureTfBackend({ wasmPaths: env.wasmPaths });
		return { backend: `tfjs-${backend}`, liveTensors: () => memory().numTensors };
	},
	fit: (X, y, params, ctx) => feedforwardMlp.fit(X, y, params, ctx)
});

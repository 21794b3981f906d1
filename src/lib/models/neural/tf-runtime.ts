/**
 * One place that brings up TensorFlow.js on the wasm backend (SIMD, single thread), in a worker or in Node.
 * Only tfjs-core and the wasm backend are imported: the umbrella package would pull webgl and cpu into the
 * worker bundle, and wasm is the fastest backend on our machines (stack-notes §2-§3).
 *
 * The browser worker entry imports the three .wasm files with Vite `?url` and passes them here; those imports
 * stay out of models/ so this module also runs under Node, where the backend finds its .wasm in node_modules.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export const TF_BACKEND = 'wasm';

/** Hidden from Vite's import analysis (a variable specifier), so the worker bundle never includes it. */
const TFJS_LAYERS_FOR_NODE = '@tensorflow/tfjs-layers';

function isNode(): boolean {
	return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/**
 * tfjs-core by itself registers no gradients (the umbrella package and tfjs-layers do it on import), and the
 * optimiser needs them. In the browser bundle the ESM side-effect module registers them. Node resolves
 * tfjs-core to its CommonJS bundle, which lacks them, and cannot load that ESM module (extensionless
 * imports); there tfjs-layers' Node bundle registers the same set. The registry is global, so either path
 * serves our tfjs-core.
 */
async function registerGradients(): Promise<void> {
	if (tf.getGradient(tf.BatchMatMul) !== undefined) return;
	if (isNode()) await import(/* @vite-ignore */ TFJS_LAYERS_FOR_NODE);
	else await import('@tensorflow/tfjs-core/dist/register_all_gradients');
	if (tf.getGradient(tf.BatchMatMul) === undefined) {
		throw new Error('TensorFlow.js gradients did not register; training is impossible');
	}
}

export interface TfBackendOptions {
	/** File name → URL, e.g. { 'tfjs-backend-wasm-simd.wasm': url }; only honoured on the first call. */
	readonly wasmPaths?: Record<string, string>;
}

let ready: Promise<string> | null = null;

async function initialise(options: TfBackendOptions | undefined): Promise<string> {
	// Threaded wasm hangs setBackend forever in minified builds (pthread worker source is mangled), and
	// without cross-origin isolation it cannot run anyway: always single-thread SIMD.
	await registerGradients();
	tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
	if (options?.wasmPaths !== undefined) setWasmPaths(options.wasmPaths);
	const ok = await tf.setBackend(TF_BACKEND);
	if (!ok) throw new Error(`TensorFlow.js could not initialise the ${TF_BACKEND} backend`);
	await tf.ready();
	return tf.getBackend();
}

/**
 * Makes wasm the active backend and resolves with its name. Idempotent: concurrent and later calls share the
 * first initialisation (the wasm binary is fetched and compiled once per worker). A failed attempt is
 * forgotten so that a later call can retry, e.g. with corrected paths.
 */
export async function ensureTfBackend(options?: TfBackendOptions): Promise<string> {
	if (ready === null) {
		ready = initialise(options).catch((error: unknown) => {
			ready = null;
			throw error;
		});
	}
	await ready;
	// Someone may have switched backends since; switching back to an initialised backend is cheap.
	if (tf.getBackend() !== TF_BACKEND && !(await tf.setBackend(TF_BACKEND))) {
		throw new Error(`TensorFlow.js could not switch back to the ${TF_BACKEND} backend`);
	}
	return tf.getBackend();
}

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { FitCancelledError, type FitContext } from '../types';
import { feedforwardMlp, type MlpParams } from './feedforward-mlp';
import { ensureTfBackend } from './tf-runtime';

const ROWS = 400;
const COLS = 4;
const DATA_SEED = 20240601;

const SMALL: MlpParams = {
	hidden_layers: [16, 16],
	activation: 'relu',
	dropout_rate: 0,
	epochs: 5,
	learning_rate: 0.01,
	batch_size: 64
};

/** Test-only synthetic data: y = 0.5·x1 − 0.2·x2 + noise, at the ±0.03 scale of daily returns. */
function learnable(seed: number): { X: Matrix; y: Float64Array } {
	const rng = createRng(seed);
	const data = new Float64Array(ROWS * COLS);
	const y = new Float64Array(ROWS);
	for (let r = 0; r < ROWS; r++) {
		for (let c = 0; c < COLS; c++) data[r * COLS + c] = 0.02 * rng.normal();
		y[r] = 0.5 * data[r * COLS] - 0.2 * data[r * COLS + 1] + 0.001 * rng.normal();
	}
	return { X: matrix(data, ROWS, COLS), y };
}

function ctx(seed: number, extra: Partial<FitContext> = {}): FitContext {
	return { rng: createRng(seed), ...extra };
}

async function fitAndPredict(params: MlpParams, seed: number): Promise<Float64Array> {
	const { X, y } = learnable(DATA_SEED);
	const model = await feedforwardMlp.fit(X, y, params, ctx(seed));
	try {
		return await model.predict(X);
	} finally {
		model.dispose?.();
	}
}

function mse(a: Float64Array, b: Float64Array): number {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
	return s / a.length;
}

function variance(v: Float64Array): number {
	const m = v.reduce((s, x) => s + x, 0) / v.length;
	return v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length;
}

describe('feedforwardMlp', () => {
	beforeAll(async () => {
		expect(await ensureTfBackend()).toBe('wasm');
	});

	it('gives bit-identical predictions for the same seed', async () => {
		const params = { ...SMALL, dropout_rate: 0.2 };
		const a = await fitAndPredict(params, 7);
		const b = await fitAndPredict(params, 7);
		expect(Array.from(a)).toEqual(Array.from(b));
	});

	it('gives different predictions for a different seed', async () => {
		const a = await fitAndPredict(SMALL, 7);
		const b = await fitAndPredict(SMALL, 8);
		expect(mse(a, b)).toBeGreaterThan(0);
	});

	it('gives different predictions with dropout 0.5 than with none', async () => {
		const a = await fitAndPredict(SMALL, 7);
		const b = await fitAndPredict({ ...SMALL, dropout_rate: 0.5 }, 7);
		expect(mse(a, b)).toBeGreaterThan(0);
	});

	it('learns a linear relation to a training MSE well below the variance of y', async () => {
		const { X, y } = learnable(DATA_SEED);
		const model = await feedforwardMlp.fit(X, y, { ...SMALL, epochs: 30 }, ctx(3));
		const yHat = await model.predict(X);
		model.dispose?.();
		// Noise variance is 1e-6 against var(y) ≈ 1.2e-4: a fitted model should explain at least 90%.
		expect(mse(y, yHat)).toBeLessThan(0.1 * variance(y));
		expect(model.info).toEqual({ backend: 'wasm', epochs: 30 });
	});

	it('returns the tensor count to its baseline after fit, predict and dispose', async () => {
		const before = tf.memory().numTensors;
		const { X, y } = learnable(DATA_SEED);
		const model = await feedforwardMlp.fit(X, y, { ...SMALL, dropout_rate: 0.3 }, ctx(1));
		await model.predict(X);
		model.dispose?.();
		model.dispose?.();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('keeps the tensor count flat from one epoch to the next', async () => {
		const { X, y } = learnable(DATA_SEED);
		const counts: number[] = [];
		const onProgress = (): void => void counts.push(tf.memory().numTensors);
		const model = await feedforwardMlp.fit(X, y, { ...SMALL, dropout_rate: 0.3 }, ctx(1, { onProgress }));
		model.dispose?.();
		expect(new Set(counts).size).toBe(1);
	});

	it('calls onProgress once per epoch, rising to exactly 1', async () => {
		const { X, y } = learnable(DATA_SEED);
		const seen: number[] = [];
		const model = await feedforwardMlp.fit(X, y, SMALL, ctx(1, { onProgress: (f) => seen.push(f) }));
		model.dispose?.();
		expect(seen).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
	});

	it('throws FitCancelledError when cancelled and leaks no tensors', async () => {
		const before = tf.memory().numTensors;
		const { X, y } = learnable(DATA_SEED);
		let checks = 0;
		const isCancelled = (): boolean => ++checks > 10;
		await expect(feedforwardMlp.fit(X, y, SMALL, ctx(1, { isCancelled }))).rejects.toBeInstanceOf(
			FitCancelledError
		);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('maps predictions back to the scale of y', async () => {
		const { X, y } = learnable(DATA_SEED);
		const shifted = y.map((v) => 100 + v);
		const model = await feedforwardMlp.fit(X, shifted, SMALL, ctx(2));
		const yHat = await model.predict(X);
		model.dispose?.();
		const meanHat = yHat.reduce((s, v) => s + v, 0) / yHat.length;
		expect(meanHat).toBeCloseTo(100, 1);
	});

	it('rejects predict after dispose and a matrix of the wrong width', async () => {
		const { X, y } = learnable(DATA_SEED);
		const model = await feedforwardMlp.fit(X, y, { ...SMALL, epochs: 1 }, ctx(2));
		await expect(model.predict(matrix(new Float64Array(3), 1, 3))).rejects.toThrow(RangeError);
		model.dispose?.();
		await expect(model.predict(X)).rejects.toThrow(/disposed/);
	});

	it('rejects non-finite inputs before training', async () => {
		const { X, y } = learnable(DATA_SEED);
		const bad = Float64Array.from(y);
		bad[5] = Number.NaN;
		const before = tf.memory().numTensors;
		await expect(feedforwardMlp.fit(X, bad, SMALL, ctx(1))).rejects.toThrow(RangeError);
		expect(tf.memory().numTensors).toBe(before);
	});
});

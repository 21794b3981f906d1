/**
 * MLP bench (js-model-anchors.md §3.4 / §5 target 5): our seeded feedforwardMlp on the S&P 500 bench matrix,
 * 64-64 relu, Adam 1e-3, batch 200, no dropout, 20 epochs on the wasm backend, against scikit-learn's
 * MLPRegressor forced to the same 20 epochs when /usr/bin/python3 has it.
 *
 * Run: npx tsx bench/mlp.ts — prints one JSON line per figure: {"name","value","unit","note"}.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { regressionMetrics } from '../src/lib/domain/metrics';
import { createRng } from '../src/lib/domain/random';
import { feedforwardMlp, type MlpParams } from '../src/lib/models/neural/feedforward-mlp';
import { ensureTfBackend } from '../src/lib/models/neural/tf-runtime';
import { buildBenchMatrix, writeBenchMatrix } from './matrix';

const PARAMS: MlpParams = {
	hidden_layers: [64, 64],
	activation: 'relu',
	dropout_rate: 0,
	epochs: 20,
	learning_rate: 1e-3,
	batch_size: 200
};
/** Seeds per side; medians over them, because MLP R² on this target is mostly seed noise (anchors §2). */
const SEEDS = [0, 1, 2, 3, 4] as const;
const SYSTEM_PYTHON = '/usr/bin/python3';
/** The anchors measured on this box: sklearn ≈ 13 ms/epoch, tfjs-wasm LayersModel.fit ≈ 65 ms/epoch. */
const ANCHOR_NOTE = 'anchor (this box): sklearn ~13 ms/epoch, tfjs-wasm LayersModel.fit ~65 ms/epoch';

function median(values: readonly number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function emit(name: string, value: number, unit: string, note: string): void {
	console.log(JSON.stringify({ name, value: Number(value.toPrecision(4)), unit, note }));
}

const SKLEARN_SCRIPT = `
import json, sys, time, warnings
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import r2_score
from sklearn.neural_network import MLPRegressor
warnings.simplefilter('ignore', ConvergenceWarning)
d, cols, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
Xtr = np.fromfile(d + '/Xtr.f64', '<f8').reshape(-1, cols); ytr = np.fromfile(d + '/ytr.f64', '<f8')
Xte = np.fromfile(d + '/Xte.f64', '<f8').reshape(-1, cols); yte = np.fromfile(d + '/yte.f64', '<f8')
out = []
for seed in ${JSON.stringify([...SEEDS])}:
    m = MLPRegressor(hidden_layer_sizes=(64, 64), learning_rate_init=1e-3, batch_size=200, max_iter=epochs,
                     tol=0.0, n_iter_no_change=10**6, random_state=seed)
    t = time.perf_counter(); m.fit(Xtr, ytr); s = time.perf_counter() - t
    out.append({'ms_per_epoch': 1000 * s / m.n_iter_, 'train_r2': r2_score(ytr, m.predict(Xtr)),
                'test_r2': r2_score(yte, m.predict(Xte))})
print(json.dumps(out))
`;

interface SklearnRun {
	ms_per_epoch: number;
	train_r2: number;
	test_r2: number;
}

/** sklearn, single thread (the anchors' baseline), on the same bytes; null with a reason when unavailable. */
function runSklearn(bench: ReturnType<typeof buildBenchMatrix>): SklearnRun[] | string {
	if (!existsSync(SYSTEM_PYTHON)) return `${SYSTEM_PYTHON} not found`;
	const written = writeBenchMatrix(bench);
	const res = spawnSync(
		SYSTEM_PYTHON,
		['-c', SKLEARN_SCRIPT, written.dir, String(bench.Xtr.cols), String(PARAMS.epochs)],
		{ encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } }
	);
	if (res.status !== 0)
		return `sklearn unavailable: ${(res.stderr || String(res.error)).trim().split('\n').pop()}`;
	return JSON.parse(res.stdout) as SklearnRun[];
}

async function main(): Promise<void> {
	const bench = buildBenchMatrix();
	const backend = await ensureTfBackend();
	const shape = `train ${bench.Xtr.rows}x${bench.Xtr.cols}, test ${bench.Xte.rows}`;

	// Warm-up fit: the first one pays for wasm kernel set-up and JIT, which a long-lived worker pays once.
	(
		await feedforwardMlp.fit(bench.Xtr, bench.ytr, { ...PARAMS, epochs: 1 }, { rng: createRng(99) })
	).dispose?.();

	const msPerEpoch: number[] = [];
	const trainR2: number[] = [];
	const testR2: number[] = [];
	for (const seed of SEEDS) {
		const t0 = performance.now();
		const model = await feedforwardMlp.fit(bench.Xtr, bench.ytr, PARAMS, { rng: createRng(seed) });
		msPerEpoch.push((performance.now() - t0) / PARAMS.epochs);
		trainR2.push(regressionMetrics(bench.ytr, await model.predict(bench.Xtr)).r2);
		testR2.push(regressionMetrics(bench.yte, await model.predict(bench.Xte)).r2);
		model.dispose?.();
	}
	const seeds = `median of seeds ${SEEDS.join(',')}`;
	const fmt = (v: number[]): string => v.map((x) => x.toFixed(3)).join(' / ');
	emit(
		'mlp_ms_per_epoch',
		median(msPerEpoch),
		'ms',
		`${backend}, ${shape}, 64-64 relu, batch 200; ${seeds}; ${ANCHOR_NOTE}`
	);
	emit('mlp_train_r2', median(trainR2), 'r2', `${seeds}: ${fmt(trainR2)}; y standardised inside the learner`);
	emit('mlp_test_r2', median(testR2), 'r2', `${seeds}: ${fmt(testR2)}; seed noise dominates (anchors §2)`);

	const sk = runSklearn(bench);
	if (typeof sk === 'string') {
		emit('sklearn_mlp_ms_per_epoch', Number.NaN, 'ms', `skipped: ${sk}`);
		return;
	}
	const skMs = median(sk.map((r) => r.ms_per_epoch));
	const skNote = `sklearn MLPRegressor(64,64) forced ${PARAMS.epochs} epochs, 1 thread, ${seeds}`;
	emit('sklearn_mlp_ms_per_epoch', skMs, 'ms', skNote);
	emit(
		'sklearn_mlp_train_r2',
		median(sk.map((r) => r.train_r2)),
		'r2',
		`${skNote}: ${fmt(sk.map((r) => r.train_r2))}`
	);
	emit(
		'sklearn_mlp_test_r2',
		median(sk.map((r) => r.test_r2)),
		'r2',
		`${skNote}: ${fmt(sk.map((r) => r.test_r2))}`
	);
	emit('mlp_epoch_time_ratio_vs_sklearn', median(msPerEpoch) / skMs, 'x', 'target <= 5x (anchors §5.5)');
}

await main();

/**
 * Our histogram GBM (the lightgbm entry, leaf-wise; and the xgboost entry's depth-wise core) against scikit-learn's
 * HistGradientBoostingRegressor on the bench matrix of bench/matrix.ts, and how the fit time grows with rows: the
 * real training matrix (4,035 × 13) tiled 1×, 4× and 16× (64,560 rows).
 * Run: npx tsx bench/gbm.ts. Prints one JSON object per line: { name, value, unit, note }.
 *
 * Configs: `lightgbm` = HistGradientBoostingRegressor() defaults (100 trees, learning rate 0.1, 31 leaves, leaf ≥ 20
 * rows, no L2, 255 bins) against our lightgbm defaults; `xgboost` = max_depth 6, no leaf cap, leaf ≥ 20, no L2 on
 * both sides. Early stopping is off on both sides, so the tiled matrices (> 10,000 rows, where 'auto' would turn
 * it on) do the same work.
 *
 * Timing is interleaved: ROUNDS times, scikit-learn (single thread: OMP_NUM_THREADS=1) fits every config and scale
 * REPEATS times after a warm-up fit (median), then we do the same; the figure is the median over rounds. Both
 * wall-clock and process CPU time are reported: the box is shared, and CPU time is the steadier of the two when
 * other work competes for the cores. A ratio is ours / scikit-learn's (below 1 = we are faster).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../src/lib/domain/matrix';
import { createRng } from '../src/lib/domain/random';
import { fitHistGbm, LIGHTGBM_FIXED, type HistGbmParams } from '../src/lib/models/trees/hist-gbm';
import { buildBenchMatrix, writeBenchMatrix } from './matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./sklearn_gbm.py', import.meta.url));
/** One round of scikit-learn fits takes ~10 s; ten minutes means something is wrong, not slow. */
const SKLEARN_TIMEOUT_MS = 600_000;
const ROUNDS = Number(process.env.GBM_BENCH_ROUNDS ?? 3);
const REPEATS = 3;
const SCALES = [1, 4, 16];

const CONFIGS: Record<string, HistGbmParams> = {
	lightgbm: {
		...LIGHTGBM_FIXED,
		early_stopping: false,
		n_estimators: 100,
		max_leaf_nodes: 31,
		learning_rate: 0.1
	},
	xgboost: {
		n_estimators: 100,
		learning_rate: 0.1,
		max_depth: 6,
		min_samples_leaf: 20,
		reg_lambda: 0,
		subsample: 1,
		max_bins: 255
	}
};

interface SkFit {
	fit_seconds: number;
	fit_cpu_seconds: number;
	trees: number;
	leaves: number;
	train_r2?: number;
	test_r2?: number;
}
interface SkResult {
	sklearn_version: string;
	configs: Record<string, Record<string, SkFit>>;
}

function emit(name: string, value: number | string | null, unit: string, note = ''): void {
	console.log(JSON.stringify({ name, value, unit, note }));
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function round(v: number, digits: number): number {
	return Number(v.toFixed(digits));
}

function r2(y: Float64Array, yhat: Float64Array): number {
	let mean = 0;
	for (let i = 0; i < y.length; i++) mean += y[i];
	mean /= y.length;
	let ssRes = 0;
	let ssTot = 0;
	for (let i = 0; i < y.length; i++) {
		ssRes += (y[i] - yhat[i]) ** 2;
		ssTot += (y[i] - mean) ** 2;
	}
	return 1 - ssRes / ssTot;
}

/** The training rows repeated `k` times in order (np.tile, as sklearn_gbm.py does). */
function tile(X: Matrix, y: Float64Array, k: number): { X: Matrix; y: Float64Array } {
	const data = new Float64Array(X.data.length * k);
	const yy = new Float64Array(y.length * k);
	for (let t = 0; t < k; t++) {
		data.set(X.data, t * X.data.length);
		yy.set(y, t * y.length);
	}
	return { X: { data, rows: X.rows * k, cols: X.cols }, y: yy };
}

function runSklearn(dir: string): SkResult | string {
	const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, dir, SCALES.join(','), String(REPEATS)], {
		env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
		encoding: 'utf8',
		timeout: SKLEARN_TIMEOUT_MS
	});
	if (run.status !== 0) {
		const detail = (run.stderr || String(run.error ?? '')).trim().split('\n').pop() ?? '';
		return `sklearn_gbm.py failed (exit ${run.status}): ${detail}`;
	}
	return JSON.parse(run.stdout) as SkResult;
}

/** Median wall and CPU seconds of REPEATS fits. */
function timeOurs(X: Matrix, y: Float64Array, params: HistGbmParams): { wall: number; cpu: number } {
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let k = 0; k < REPEATS; k++) {
		const c0 = process.cpuUsage();
		const t0 = performance.now();
		fitHistGbm(X, y, params, { rng: createRng(0) });
		wall.push((performance.now() - t0) / 1000);
		const c = process.cpuUsage(c0);
		cpu.push((c.user + c.system) / 1e6);
	}
	return { wall: median(wall), cpu: median(cpu) };
}

function main(): void {
	const m = buildBenchMatrix();
	const written = writeBenchMatrix(m);
	emit('gbm_matrix_shape', `${m.Xtr.rows}x${m.Xtr.cols} train, ${m.Xte.rows} test`, 'rows x cols');
	const tiled = SCALES.map((k) => tile(m.Xtr, m.ytr, k));
	const key = (config: string, scale: number): string => `${config}@${scale}`;
	const ours: Record<string, { wall: number[]; cpu: number[] }> = {};
	const theirs: Record<string, { wall: number[]; cpu: number[] }> = {};
	let sk: SkResult | null = null;
	let why = existsSync(SYSTEM_PYTHON) ? '' : `${SYSTEM_PYTHON} not found`;
	for (const params of Object.values(CONFIGS)) fitHistGbm(m.Xtr, m.ytr, params, { rng: createRng(0) }); // JIT
	for (let r = 0; r < ROUNDS; r++) {
		if (!why) {
			const result = runSklearn(written.dir);
			if (typeof result === 'string') why = result;
			else {
				sk = result;
				for (const [config, byScale] of Object.entries(result.configs)) {
					for (const [scale, fit] of Object.entries(byScale)) {
						const t = (theirs[key(config, Number(scale))] ??= { wall: [], cpu: [] });
						t.wall.push(fit.fit_seconds);
						t.cpu.push(fit.fit_cpu_seconds);
					}
				}
			}
		}
		for (const [config, params] of Object.entries(CONFIGS)) {
			SCALES.forEach((scale, s) => {
				const t = timeOurs(tiled[s].X, tiled[s].y, params);
				const o = (ours[key(config, scale)] ??= { wall: [], cpu: [] });
				o.wall.push(t.wall);
				o.cpu.push(t.cpu);
			});
		}
	}
	rmSync(written.dir, { recursive: true, force: true });
	if (sk) emit('gbm_sklearn_reference', sk.sklearn_version, 'version', 'OMP_NUM_THREADS=1, interleaved');
	else emit('gbm_sklearn_reference', null, '', `skipped: ${why}; our figures follow without ratios`);

	for (const [config, params] of Object.entries(CONFIGS)) {
		const model = fitHistGbm(m.Xtr, m.ytr, params, { rng: createRng(0) });
		const ref = sk?.configs[config]?.['1'];
		for (const [split, ours1, theirs1] of [
			['train', r2(m.ytr, model.predict(m.Xtr)), ref?.train_r2],
			['test', r2(m.yte, model.predict(m.Xte)), ref?.test_r2]
		] as const) {
			const note =
				theirs1 === undefined
					? 'no sklearn reference'
					: `sklearn ${round(theirs1, 5)}, difference ${(ours1 - theirs1).toExponential(2)}`;
			emit(`gbm_${config}_${split}_r2`, round(ours1, 5), 'R²', note);
		}
		const base = ours[key(config, 1)];
		const skBase = theirs[key(config, 1)];
		for (const scale of SCALES) {
			const o = ours[key(config, scale)];
			const t = theirs[key(config, scale)];
			const rows = m.Xtr.rows * scale;
			const wall = median(o.wall);
			const cpu = median(o.cpu);
			emit(
				`gbm_${config}_${scale}x_fit_ms`,
				round(wall * 1000, 1),
				'ms',
				`${rows} rows; CPU ${round(cpu * 1000, 1)} ms` +
					(t
						? `; sklearn ${round(median(t.wall) * 1000, 1)} ms, CPU ${round(median(t.cpu) * 1000, 1)} ms`
						: '')
			);
			if (t) {
				emit(
					`gbm_${config}_${scale}x_fit_ratio_vs_sklearn`,
					round(wall / median(t.wall), 2),
					'×',
					`ours / HistGradientBoostingRegressor, wall clock; CPU time ${round(cpu / median(t.cpu), 2)}×` +
						(config === 'lightgbm' ? ' (target ≤ 1.0)' : '')
				);
			}
			if (scale !== 1) {
				emit(
					`gbm_${config}_${scale}x_growth`,
					round(wall / median(base.wall), 2),
					'× of 1×',
					`fit time at ${scale}× the rows over 1×` +
						(skBase && t ? `; sklearn ${round(median(t.wall) / median(skBase.wall), 2)}×` : '')
				);
			}
		}
	}
}

main();

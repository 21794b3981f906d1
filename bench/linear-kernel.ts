/**
 * Bayesian ridge, SVR and the online SGD regression against scikit-learn's make_pipeline(StandardScaler(), ...) on the
 * bench matrix of bench/matrix.ts (js-model-anchors.md §1), and how their fit time grows with rows (the training
 * rows tiled 1×, 4×, 16×). Run: npx tsx bench/linear-kernel.ts. Prints JSON lines { name, value, unit, note }.
 *
 * Timing is interleaved: each round, sklearn (single thread, OMP_NUM_THREADS=1) fits every task, then we fit the
 * same tasks, so both see the same machine load; a figure is the median over rounds of each round's median. Both
 * sides time the whole fit including standardisation. A ratio's value is ours / sklearn's (below 1 = we are faster).
 *
 * SVR with y × 50 (most rows become support vectors) costs roughly rows²: at 4× it takes minutes on each side, so it
 * runs in the first round only, and 16× is not run (its time is projected from the 1× → 4× growth and said so).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../src/lib/domain/matrix';
import { fitSvr } from '../src/lib/models/kernel/svr';
import { fitBayesianRidge } from '../src/lib/models/linear/bayesian-ridge';
import { fitOnlineSgd } from '../src/lib/models/linear/online-sgd';
import { buildBenchMatrix, writeBenchMatrix } from './matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./sklearn_linear_kernel.py', import.meta.url));
/** A round's sklearn fits take a few minutes at most (the 4× scaled-target SVR dominates). */
const SKLEARN_TIMEOUT_MS = 30 * 60_000;
const ROUNDS = 3;
/** The scaled-target SVR case (must match sklearn_linear_kernel.py SVR_TARGET_SCALE). */
const SVR_TARGET_SCALE = 50;

type Config = 'bayesian_ridge' | 'svr_rbf' | 'svr_rbf_y50' | 'online_sgd';
/** [config, tile, repeats per round, rounds it runs in]. */
const TASKS: [Config, number, number, number][] = [
	['bayesian_ridge', 1, 21, ROUNDS],
	['bayesian_ridge', 4, 5, ROUNDS],
	['bayesian_ridge', 16, 3, ROUNDS],
	['svr_rbf', 1, 9, ROUNDS],
	['svr_rbf', 4, 3, ROUNDS],
	['svr_rbf', 16, 1, ROUNDS],
	['online_sgd', 1, 9, ROUNDS],
	['online_sgd', 4, 3, ROUNDS],
	['online_sgd', 16, 1, ROUNDS],
	['svr_rbf_y50', 1, 1, ROUNDS],
	['svr_rbf_y50', 4, 1, 1]
];

const FIT: Record<Config, (X: Matrix, y: Float64Array) => unknown> = {
	bayesian_ridge: (X, y) => fitBayesianRidge(X, y, { alpha_1: 1e-6, alpha_2: 1e-6, lambda_1: 1e-6 }),
	svr_rbf: (X, y) => fitSvr(X, y, { C: 1, kernel: 'rbf', gamma: 'scale' }),
	svr_rbf_y50: (X, y) =>
		fitSvr(
			X,
			y.map((v) => v * SVR_TARGET_SCALE),
			{ C: 1, kernel: 'rbf', gamma: 'scale' }
		),
	online_sgd: (X, y) => fitOnlineSgd(X, y, { learning_rate: 0.01, l2_regularization: 0 })
};

interface SkRound {
	sklearn_version: string;
	seconds: Record<string, number>;
	extra: Record<string, { support_vectors?: number; n_iter?: number }>;
}

function emit(name: string, value: number | string | null, unit: string, note = ''): void {
	console.log(JSON.stringify({ name, value, unit, note }));
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function tile(X: Matrix, y: Float64Array, k: number): { X: Matrix; y: Float64Array } {
	const data = new Float64Array(X.data.length * k);
	const yy = new Float64Array(y.length * k);
	for (let r = 0; r < k; r++) {
		data.set(X.data, r * X.data.length);
		yy.set(y, r * y.length);
	}
	return { X: { data, rows: X.rows * k, cols: X.cols }, y: yy };
}

function runSklearn(dir: string, tasks: [Config, number, number][]): SkRound | string {
	const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, dir, JSON.stringify(tasks)], {
		env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
		encoding: 'utf8',
		timeout: SKLEARN_TIMEOUT_MS
	});
	if (run.status !== 0) {
		const detail = (run.stderr || String(run.error ?? '')).trim().split('\n').pop() ?? '';
		return `sklearn_linear_kernel.py failed (exit ${run.status}): ${detail}`;
	}
	return JSON.parse(run.stdout) as SkRound;
}

function main(): void {
	const m = buildBenchMatrix();
	const written = writeBenchMatrix(m);
	emit(
		'linear_kernel_matrix_shape',
		`${m.Xtr.rows}x${m.Xtr.cols}`,
		'rows x cols',
		'bench/matrix.ts training rows'
	);
	const haveSklearn = existsSync(SYSTEM_PYTHON);
	let why = haveSklearn ? '' : `${SYSTEM_PYTHON} not found`;
	const tiles = new Map([1, 4, 16].map((k) => [k, tile(m.Xtr, m.ytr, k)]));
	const ours: Record<string, number[]> = {};
	const theirs: Record<string, number[]> = {};
	let version = '';
	let extra: SkRound['extra'] = {};
	for (const config of Object.keys(FIT) as Config[]) FIT[config](m.Xtr, m.ytr); // JIT warm-up
	for (let round = 0; round < ROUNDS; round++) {
		const tasks = TASKS.filter((t) => round < t[3]).map(([c, k, r]) => [c, k, r] as [Config, number, number]);
		if (!why) {
			const r = runSklearn(written.dir, tasks);
			if (typeof r === 'string') why = r;
			else {
				version = r.sklearn_version;
				extra = { ...r.extra, ...extra };
				for (const [key, s] of Object.entries(r.seconds)) (theirs[key] ??= []).push(s);
			}
		}
		for (const [config, k, repeats] of tasks) {
			const { X, y } = tiles.get(k)!;
			const times: number[] = [];
			for (let i = 0; i < repeats; i++) {
				const t0 = performance.now();
				FIT[config](X, y);
				times.push((performance.now() - t0) / 1000);
			}
			(ours[`${config}@${k}`] ??= []).push(median(times));
		}
	}
	rmSync(written.dir, { recursive: true, force: true });
	if (version) emit('linear_kernel_sklearn_reference', version, 'version', 'OMP_NUM_THREADS=1, interleaved');
	else
		emit('linear_kernel_sklearn_reference', null, '', `skipped: ${why}; our figures follow without ratios`);

	for (const [config, k] of TASKS) {
		const key = `${config}@${k}`;
		const o = median(ours[key]);
		const t = theirs[key] ? median(theirs[key]) : null;
		const rounds = ours[key].length;
		const sk = extra[key];
		const skNote = sk
			? `; sklearn ${sk.n_iter ?? '?'} iterations${sk.support_vectors ? `, ${sk.support_vectors} SVs` : ''}`
			: '';
		emit(
			`${config}_${k}x_fit_ms`,
			Number((o * 1000).toFixed(3)),
			'ms',
			`${m.Xtr.rows * k} rows, median of ${rounds} round(s)` +
				(t ? `; sklearn ${(t * 1000).toFixed(3)} ms` : '') +
				skNote
		);
		if (t) emit(`${config}_${k}x_fit_ratio_vs_sklearn`, Number((o / t).toFixed(3)), '×', 'ours / sklearn');
		if (k > 1) {
			const base = median(ours[`${config}@1`]);
			const baseSk = theirs[`${config}@1`] ? median(theirs[`${config}@1`]) : null;
			emit(
				`${config}_${k}x_growth`,
				Number((o / base).toFixed(2)),
				'× the 1× time',
				baseSk && t ? `sklearn ${(t / baseSk).toFixed(2)}×` : ''
			);
		}
	}
	const g = median(ours['svr_rbf_y50@4']) / median(ours['svr_rbf_y50@1']);
	emit(
		'svr_rbf_y50_16x_fit_ms',
		null,
		'ms',
		`not run: at the 1×→4× growth (${g.toFixed(1)}×) 16× would take about ` +
			`${((median(ours['svr_rbf_y50@4']) * g) / 60).toFixed(0)} min on each side`
	);
}

main();

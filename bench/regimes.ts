/**
 * Our regime and clustering models against their references, fit time only. Run:
 *   npx tsx bench/regimes.ts
 * Prints one JSON object per line: { name, value, unit, note }.
 *
 * Data: k-means on the training matrix of bench/matrix.ts (4,035 × 13, standardised); the Markov models on the
 * daily log returns of the same 4,035 training days (bars 1 … 4,035 of the bundled S&P 500 file). Growth: the
 * inputs tiled to 1×, 4× and 16× their rows.
 * Timing: interleaved (ours, reference, ours, reference, …), median of REPEATS each, reference single-threaded
 * (OMP/OPENBLAS/MKL_NUM_THREADS=1). The reference runs in a fresh python per fit; only its fit is timed.
 * PELT has no reference library here (ruptures is not installed): its figures are ours alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../src/lib/domain/matrix';
import { createRng } from '../src/lib/domain/random';
import { fitSwitching, RETURN_SCALE, type SwitchingSpec } from '../src/lib/models/regimes/hamilton';
import { fitKMeans } from '../src/lib/models/regimes/kmeans';
import { fitPelt, runPelt, type PeltModel } from '../src/lib/models/regimes/pelt';
import { sp500Bars } from '../src/lib/testing/sp500';
import { buildBenchMatrix } from './matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const REF_SCRIPT = fileURLToPath(new URL('./regimes_ref.py', import.meta.url));
/** Medians of this many interleaved fits (5: the 2-core box is shared, single runs vary by ±50 %). */
const REPEATS = 5;
const TILES = (process.env.BENCH_TILES ?? '1,4,16').split(',').map(Number);
const THREADS_1 = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

function emit(name: string, value: number | string | null, unit: string, note = ''): void {
	console.log(JSON.stringify({ name, value, unit, note }));
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const round = (v: number, d = 4): number => Number(v.toFixed(d));

const dir = mkdtempSync(join(tmpdir(), 'mltrainer-regimes-bench-'));
let fileNo = 0;

function writeF64(values: Float64Array): string {
	const path = join(dir, `in-${fileNo++}.f64`);
	const bytes = new Uint8Array(values.length * 8);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
	writeFileSync(path, bytes);
	return path;
}

function reference(file: string, spec: object): { fit_seconds: number } & Record<string, number> {
	const run = spawnSync(SYSTEM_PYTHON, [REF_SCRIPT, file, JSON.stringify(spec)], {
		env: { ...process.env, ...THREADS_1 },
		encoding: 'utf8',
		timeout: 600_000
	});
	if (run.status !== 0) throw new Error(`regimes_ref.py failed: ${run.stderr.trim().split('\n').pop()}`);
	return JSON.parse(run.stdout);
}

function tile(values: Float64Array, times: number): Float64Array {
	const out = new Float64Array(values.length * times);
	for (let i = 0; i < times; i++) out.set(values, i * values.length);
	return out;
}

/** Interleaved medians of our fit and the reference's, in seconds. */
function compare(
	name: string,
	ours: () => void,
	file: string,
	spec: object,
	refName: string,
	rows: number,
	repeats = REPEATS
): void {
	// Two warm-up calls: V8 optimises the hot loops during the first ones.
	ours();
	ours();
	const mine: number[] = [];
	const theirs: number[] = [];
	for (let i = 0; i < repeats; i++) {
		const t0 = performance.now();
		ours();
		mine.push((performance.now() - t0) / 1000);
		theirs.push(reference(file, spec).fit_seconds);
	}
	const a = median(mine);
	const b = median(theirs);
	emit(`${name}_fit_seconds`, round(a, 5), 's', `${rows} rows; ${refName} ${round(b, 5)} s`);
	emit(`${name}_fit_ratio`, round(a / b, 2), '×', `ours / ${refName}, median of ${repeats} interleaved`);
}

function kmeansBench(Xtr: Matrix): void {
	for (const times of TILES) {
		const X: Matrix = { data: tile(Xtr.data, times), rows: Xtr.rows * times, cols: Xtr.cols };
		const file = writeF64(X.data);
		for (const init of ['k-means++', 'random'] as const) {
			compare(
				`kmeans_${init}_${times}x`,
				() => fitKMeans(X, { n_clusters: 3, init, max_iter: 300 }, { rng: createRng(0) }),
				file,
				{ model: 'kmeans', cols: X.cols, n_clusters: 3, init },
				`sklearn KMeans(3, ${init}, n_init=10)`,
				X.rows
			);
		}
	}
}

/** Catalog id → the model it fits (defaults: HMM 3 states full; Markov switching and regime volatility 2). */
const SWITCHING: [string, SwitchingSpec][] = [
	['hidden_markov_model', { k: 3, switchingMean: true, switchingVariance: true }],
	['markov_switching', { k: 2, switchingMean: true, switchingVariance: true, polish: true }],
	['regime_switching_volatility', { k: 2, switchingMean: false, switchingVariance: true, polish: true }]
];

function switchingBench(returns: Float64Array, only: string[]): void {
	for (const times of TILES) {
		const r = tile(returns, times);
		// statsmodels sees the returns × RETURN_SCALE (its optimiser fails on raw daily returns; ours scales inside).
		const file = writeF64(r.map((v) => v * RETURN_SCALE));
		for (const [id, spec] of SWITCHING) {
			if (!only.includes(id)) continue;
			if (times > 1 && !process.env.BENCH_REF_ALL) {
				// statsmodels takes ~30 s per 3-regime fit at 1×: growth is ours alone unless BENCH_REF_ALL is set.
				const run = (): number => {
					const t0 = performance.now();
					fitSwitching(r, spec, { rng: createRng(0) });
					return (performance.now() - t0) / 1000;
				};
				run();
				emit(
					`${id}_${times}x_fit_seconds`,
					round(median(Array.from({ length: REPEATS }, run)), 5),
					's',
					`${r.length} rows; ours only`
				);
				continue;
			}
			compare(
				`${id}_${times}x`,
				() => fitSwitching(r, spec, { rng: createRng(0) }),
				file,
				{
					model: 'markov',
					k: spec.k,
					switching_trend: spec.switchingMean,
					switching_variance: spec.switchingVariance
				},
				`statsmodels MarkovRegression(k=${spec.k}, switching_trend=${spec.switchingMean}, switching_variance=${spec.switchingVariance}).fit()`,
				r.length
			);
		}
	}
}

/** PELT has no reference here: our fit (moments; rbf's bandwidth median) plus one online pass, per cost. */
function peltBench(returns: Float64Array): void {
	for (const times of TILES) {
		const r = tile(returns, times);
		for (const model of ['rbf', 'l2', 'normal', 'l1', 'linear'] as PeltModel[]) {
			const run = (): number => {
				const t0 = performance.now();
				const fit = fitPelt(r.subarray(0, returns.length), { model, min_size: 2, penalty: 1 });
				runPelt(fit, r);
				return (performance.now() - t0) / 1000;
			};
			run();
			const s = median(Array.from({ length: REPEATS }, run));
			emit(
				`pelt_${model}_${times}x_seconds`,
				round(s, 5),
				's',
				`fit on ${returns.length} returns + online pass over ${r.length}; penalty 1, min_size 2; no reference library`
			);
		}
	}
}

const m = buildBenchMatrix();
emit('matrix_shape', `${m.Xtr.rows}x${m.Xtr.cols}`, 'rows x cols', 'bench/matrix.ts training matrix');
/** BENCH_ONLY=id,id runs just those entries. */
const ONLY = process.env.BENCH_ONLY?.split(',') ?? ['kmeans_clustering', ...SWITCHING.map(([id]) => id)];
const close = sp500Bars().close;
const returns = Float64Array.from({ length: m.Xtr.rows }, (_, t) => Math.log(close[t + 1] / close[t]));
try {
	if (ONLY.includes('kmeans_clustering')) kmeansBench(m.Xtr);
	switchingBench(returns, ONLY);
	if (ONLY.includes('bayesian_change_point_detection')) peltBench(returns);
} finally {
	rmSync(dir, { recursive: true, force: true });
}

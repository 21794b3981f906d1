/**
 * The two boosting entries against their references on the fixed bench matrix (js-model-anchors.md §1, 4,035 × 13
 * real S&P 500 rows). Run: npx tsx bench/boosting.ts [gbr|catboost] (both by default). Prints one JSON object per
 * line: { name, value, unit, note }. SKLEARN_PYTHON picks the interpreter (default /usr/bin/python3).
 *
 * - `gradient_boosting` (trees/exact-gbm.ts) against scikit-learn's GradientBoostingRegressor(100, 0.1), defaults.
 * - `catboost` (trees/oblivious-gbm.ts) in plain mode against the NumPy oblivious booster of bench/oblivious_ref.py
 *   (the same algorithm and bins; there is no CatBoost library here), and in ordered mode on its own.
 *
 * Timing is interleaved: each round runs the reference once (single thread, OMP_NUM_THREADS=1, one fresh python
 * process; the time is measured inside it, so start-up is excluded) and then ours once; figures are medians over
 * ROUNDS rounds, ratios are ours / reference (below 1 = we are faster). Growth: our fit time on the training matrix
 * tiled 1×, 4× and 16× (median of 3 each).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../src/lib/domain/matrix';
import { createRng } from '../src/lib/domain/random';
import { fitExactGbm } from '../src/lib/models/trees/exact-gbm';
import { fitObliviousGbm, type ObliviousGbmParams } from '../src/lib/models/trees/oblivious-gbm';
import { buildBenchMatrix, writeBenchMatrix, type BenchMatrix } from './matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./sklearn_boosting.py', import.meta.url));
/** sklearn's GBR takes ~1.5 s and the NumPy booster a few seconds; ten minutes means something is wrong. */
const REFERENCE_TIMEOUT_MS = 600_000;
const ROUNDS = 3;
const GROWTH_REPEATS = 3;
const GROWTH_FACTORS = [1, 4, 16];

interface RefResult {
	version: string;
	fit_seconds: number;
	train_r2: number;
	test_r2: number;
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

function timeMs(fn: () => void): number {
	const t0 = performance.now();
	fn();
	return performance.now() - t0;
}

/** The training matrix repeated `k` times (rows tiled), so growth is measured on the same real values. */
function tile(X: Matrix, y: Float64Array, k: number): { X: Matrix; y: Float64Array } {
	const data = new Float64Array(X.data.length * k);
	const yy = new Float64Array(y.length * k);
	for (let r = 0; r < k; r++) {
		data.set(X.data, r * X.data.length);
		yy.set(y, r * y.length);
	}
	return { X: { data, rows: X.rows * k, cols: X.cols }, y: yy };
}

function runReference(dir: string, args: string[]): RefResult | string {
	if (!existsSync(SYSTEM_PYTHON)) return `${SYSTEM_PYTHON} not found`;
	const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, dir, ...args], {
		env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
		encoding: 'utf8',
		timeout: REFERENCE_TIMEOUT_MS
	});
	if (run.status !== 0) {
		const detail = (run.stderr || String(run.error ?? '')).trim().split('\n').pop() ?? '';
		return `sklearn_boosting.py ${args[0]} failed (exit ${run.status}): ${detail}`;
	}
	return JSON.parse(run.stdout) as RefResult;
}

/** Interleaves reference and ours for ROUNDS rounds; returns medians and the last results. */
function interleave(
	dir: string,
	args: string[],
	ours: () => void
): { ref: RefResult | null; why: string; refMs: number; oursMs: number } {
	ours(); // JIT warm-up
	const refTimes: number[] = [];
	const ourTimes: number[] = [];
	let ref: RefResult | null = null;
	let why = '';
	for (let r = 0; r < ROUNDS; r++) {
		if (!why) {
			const res = runReference(dir, args);
			if (typeof res === 'string') why = res;
			else {
				ref = res;
				refTimes.push(res.fit_seconds * 1000);
			}
		}
		ourTimes.push(timeMs(ours));
	}
	return { ref, why, refMs: refTimes.length ? median(refTimes) : Number.NaN, oursMs: median(ourTimes) };
}

function reportAccuracy(
	prefix: string,
	m: BenchMatrix,
	predict: (X: Matrix) => Float64Array,
	ref: RefResult | null,
	refName: string
): void {
	for (const [split, X, y, theirs] of [
		['train', m.Xtr, m.ytr, ref?.train_r2],
		['test', m.Xte, m.yte, ref?.test_r2]
	] as const) {
		const ours = r2(y, predict(X));
		const note =
			theirs === undefined
				? 'no reference'
				: `${refName} ${round(theirs, 5)}, difference ${ours - theirs >= 0 ? '+' : ''}${(ours - theirs).toExponential(2)}`;
		emit(`${prefix}_${split}_r2`, round(ours, 5), 'R²', note);
	}
}

function growth(
	prefix: string,
	m: BenchMatrix,
	fit: (X: Matrix, y: Float64Array) => void,
	perUnit = 1,
	unitNote = ''
): void {
	let base = 0;
	for (const k of GROWTH_FACTORS) {
		const { X, y } = tile(m.Xtr, m.ytr, k);
		fit(X, y);
		const ms = median(Array.from({ length: GROWTH_REPEATS }, () => timeMs(() => fit(X, y)))) / perUnit;
		if (k === 1) base = ms;
		emit(
			`${prefix}_growth_${k}x_ms`,
			round(ms, 3),
			perUnit === 1 ? 'ms' : 'ms/iteration',
			`${X.rows} rows${unitNote}`
		);
		if (k > 1) emit(`${prefix}_growth_${k}x_ratio`, round(ms / base, 2), '× of 1×', `rows grew ${k}×`);
	}
}

function benchGbr(m: BenchMatrix, dir: string): void {
	const params = { n_estimators: 100, learning_rate: 0.1 };
	const ctx = { rng: createRng(0) };
	const { ref, why, refMs, oursMs } = interleave(dir, ['gbr'], () => fitExactGbm(m.Xtr, m.ytr, params, ctx));
	if (!ref) emit('gbr_reference', null, '', `skipped: ${why}; our figures follow without ratios`);
	else
		emit(
			'gbr_reference',
			`scikit-learn ${ref.version}`,
			'version',
			'GradientBoostingRegressor(100, 0.1), 1 thread'
		);
	emit('gbr_fit_ms', round(oursMs, 2), 'ms', ref ? `sklearn ${round(refMs, 1)} ms; median of ${ROUNDS}` : '');
	if (ref)
		emit(
			'gbr_fit_ratio_vs_sklearn',
			round(oursMs / refMs, 3),
			'×',
			'ours / GradientBoostingRegressor (target ≤ 2)'
		);
	const model = fitExactGbm(m.Xtr, m.ytr, params, ctx);
	reportAccuracy('gbr', m, (X) => model.predict(X), ref, 'sklearn random_state 0');
	// Exact ties between columns go to sklearn's random feature order: its own test R² moves with the seed.
	const seeds = ref ? runReference(dir, ['gbr-seeds']) : null;
	if (seeds && typeof seeds !== 'string') {
		const spread = seeds as unknown as { train_r2: number[]; test_r2: number[] };
		for (const split of ['train', 'test'] as const) {
			const v = spread[`${split}_r2`];
			const sorted = [...v].sort((a, b) => a - b);
			emit(
				`gbr_sklearn_${split}_r2_seed_range`,
				`${round(sorted[0], 5)} … ${round(sorted[sorted.length - 1], 5)}`,
				'R²',
				`random_state 0–${v.length - 1}, median ${round(median(v), 5)}`
			);
		}
	}
	growth('gbr', m, (X, y) => fitExactGbm(X, y, params, ctx));
}

/** The catalog's defaults; growth uses fewer iterations (the cost per iteration is what grows). */
const CATBOOST_DEFAULTS = { iterations: 1000, depth: 6, learning_rate: 0.03 };
const CATBOOST_GROWTH_ITERATIONS = 100;

function benchCatboost(m: BenchMatrix, dir: string): void {
	const plain: ObliviousGbmParams = { ...CATBOOST_DEFAULTS, boosting_type: 'Plain' };
	const ordered: ObliviousGbmParams = { ...CATBOOST_DEFAULTS, boosting_type: 'Ordered' };
	const ctx = { rng: createRng(0) };
	const { ref, why, refMs, oursMs } = interleave(
		dir,
		['oblivious', String(CATBOOST_DEFAULTS.iterations)],
		() => fitObliviousGbm(m.Xtr, m.ytr, plain, ctx)
	);
	const perIt = (ms: number): number => round(ms / CATBOOST_DEFAULTS.iterations, 4);
	if (!ref) emit('catboost_reference', null, '', `skipped: ${why}; our figures follow without ratios`);
	else
		emit(
			'catboost_reference',
			ref.version,
			'version',
			'bench/oblivious_ref.py: the same plain algorithm and bins in NumPy (no CatBoost library here), 1 thread'
		);
	emit('catboost_plain_fit_ms', round(oursMs, 1), 'ms', `1,000 iterations, depth 6; median of ${ROUNDS}`);
	emit(
		'catboost_plain_ms_per_iteration',
		perIt(oursMs),
		'ms/iteration',
		ref ? `NumPy reference ${perIt(refMs)} ms/iteration` : ''
	);
	if (ref)
		emit(
			'catboost_plain_fit_ratio_vs_numpy',
			round(oursMs / refMs, 3),
			'×',
			'ours / NumPy reference: a like-for-like algorithm check, not a ratio to CatBoost (C++, unavailable here)'
		);
	const plainModel = fitObliviousGbm(m.Xtr, m.ytr, plain, ctx);
	reportAccuracy('catboost_plain', m, (X) => plainModel.predict(X), ref, 'NumPy reference');

	const orderedTimes = Array.from({ length: ROUNDS }, () =>
		timeMs(() => fitObliviousGbm(m.Xtr, m.ytr, ordered, { rng: createRng(0) }))
	);
	emit(
		'catboost_ordered_fit_ms',
		round(median(orderedTimes), 1),
		'ms',
		`the entry's mode; ${perIt(median(orderedTimes))} ms/iteration; median of ${ROUNDS}`
	);
	for (const seed of [0, 1, 2]) {
		const model = fitObliviousGbm(m.Xtr, m.ytr, ordered, { rng: createRng(seed) });
		emit(
			`catboost_ordered_seed${seed}_test_r2`,
			round(r2(m.yte, model.predict(m.Xte)), 5),
			'R²',
			`train ${round(r2(m.ytr, model.predict(m.Xtr)), 5)}; the permutation comes from the seed`
		);
	}
	const growthParams = { ...ordered, iterations: CATBOOST_GROWTH_ITERATIONS };
	growth(
		'catboost_ordered',
		m,
		(X, y) => fitObliviousGbm(X, y, growthParams, { rng: createRng(0) }),
		CATBOOST_GROWTH_ITERATIONS,
		`, ${CATBOOST_GROWTH_ITERATIONS} iterations, depth 6`
	);
}

function main(): void {
	const which = process.argv[2];
	const m = buildBenchMatrix();
	const written = writeBenchMatrix(m);
	emit(
		'boosting_matrix_shape',
		`${m.Xtr.rows}x${m.Xtr.cols} train, ${m.Xte.rows}x${m.Xte.cols} test`,
		'rows x cols'
	);
	try {
		if (!which || which === 'gbr') benchGbr(m, written.dir);
		if (!which || which === 'catboost') benchCatboost(m, written.dir);
	} finally {
		rmSync(written.dir, { recursive: true, force: true });
	}
}

main();

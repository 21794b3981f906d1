/**
 * Our ridge and histogram GBM against scikit-learn on the fixed real-data matrix of js-model-anchors.md §1.
 * Run: npx tsx bench/learners.ts. Prints one JSON object per line: { name, value, unit, note }.
 * SKLEARN_PYTHON picks the interpreter for the sklearn reference (default /usr/bin/python3).
 *
 * Timing: sklearn runs first (single thread, OMP_NUM_THREADS=1), then ours, sequentially, so ratios compare
 * figures from the same run. GBM: median of 3 fits (and predicts) after one warm-up. Ridge: median of 21 after one warm-up
 * (sub-millisecond fits; 3 would be timer noise), with the cold first call reported separately.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRng } from '../src/lib/domain/random';
import { fitRidge } from '../src/lib/models/linear/ridge';
import { fitHistGbm, type HistGbmParams } from '../src/lib/models/trees/hist-gbm';
import { buildBenchMatrix, writeBenchMatrix } from './matrix';

/** Debian's python with python3-sklearn; the pyenv python3 on PATH has no sklearn. Override to test the skip path. */
const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SKLEARN_SCRIPT = fileURLToPath(new URL('./sklearn_ref.py', import.meta.url));
/** sklearn's HGB fit takes ~0.1 s; a minute means something is wrong, not slow. */
const SKLEARN_TIMEOUT_MS = 120_000;
const GBM_REPEATS = 3;
const RIDGE_REPEATS = 21;
const RIDGE_ALPHA = 1;

const GBM_PARAMS: HistGbmParams = {
	n_estimators: 100,
	learning_rate: 0.1,
	max_depth: 6,
	min_samples_leaf: 20,
	reg_lambda: 0,
	subsample: 1,
	max_bins: 255
};

interface SkModel {
	fit_seconds: number;
	predict_seconds: number;
	train_r2: number;
	test_r2: number;
}
interface SkResult {
	sklearn_version: string;
	hist_gbm: SkModel;
	ridge: SkModel & { coefficients: number[]; intercept: number };
}

function emit(name: string, value: number | string | null, unit: string, note = ''): void {
	console.log(JSON.stringify({ name, value, unit, note }));
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

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function runSklearn(dir: string): { result: SkResult | null; why: string } {
	if (!existsSync(SYSTEM_PYTHON)) return { result: null, why: `${SYSTEM_PYTHON} not found` };
	const run = spawnSync(SYSTEM_PYTHON, [SKLEARN_SCRIPT, dir], {
		env: { ...process.env, OMP_NUM_THREADS: '1' },
		encoding: 'utf8',
		timeout: SKLEARN_TIMEOUT_MS
	});
	if (run.status !== 0) {
		const detail = (run.stderr || String(run.error ?? '')).trim().split('\n').pop() ?? '';
		return { result: null, why: `sklearn_ref.py failed (exit ${run.status}): ${detail}` };
	}
	return { result: JSON.parse(run.stdout) as SkResult, why: '' };
}

function time<T>(fn: () => T): { seconds: number; value: T } {
	const t0 = performance.now();
	const value = fn();
	return { seconds: (performance.now() - t0) / 1000, value };
}

/** Median predict time after one warm-up call, like the fits. */
function timePredict(fn: () => Float64Array, repeats: number): { seconds: number; value: Float64Array } {
	const value = fn();
	const seconds = median(Array.from({ length: repeats }, () => time(fn).seconds));
	return { seconds, value };
}

function main(): void {
	const m = buildBenchMatrix();
	const written = writeBenchMatrix(m);
	emit('matrix_shape', `${m.Xtr.rows}x${m.Xtr.cols} train, ${m.Xte.rows}x${m.Xte.cols} test`, 'rows x cols');
	emit(
		'csv_sha256',
		m.csvSha256.slice(0, 12),
		'hex prefix',
		'node_modules/vega-datasets/data/sp500-2000.csv'
	);
	emit(
		'matrix_sha256',
		Object.entries(written.sha256Prefix)
			.map(([k, v]) => `${k}=${v}`)
			.join(' '),
		'hex prefix'
	);

	const { result: sk, why } = runSklearn(written.dir);
	rmSync(written.dir, { recursive: true, force: true });
	if (!sk) emit('sklearn_reference', null, '', `skipped: ${why}; our figures follow without ratios`);
	else emit('sklearn_reference', sk.sklearn_version, 'version', 'OMP_NUM_THREADS=1, same run');

	// GBM
	const ctx = { rng: createRng(0) };
	fitHistGbm(m.Xtr, m.ytr, GBM_PARAMS, ctx);
	const gbmRuns = Array.from({ length: GBM_REPEATS }, () =>
		time(() => fitHistGbm(m.Xtr, m.ytr, GBM_PARAMS, ctx))
	);
	const gbmFit = median(gbmRuns.map((r) => r.seconds));
	const gbm = gbmRuns[0].value;
	const gbmPredict = timePredict(() => gbm.predict(m.Xte), GBM_REPEATS);
	const gbmTrain = r2(m.ytr, gbm.predict(m.Xtr));
	const gbmTest = r2(m.yte, gbmPredict.value);
	report(
		'gbm',
		gbmFit,
		gbmPredict.seconds,
		gbmTrain,
		gbmTest,
		sk?.hist_gbm ?? null,
		'HistGradientBoostingRegressor'
	);

	// Ridge
	const cold = time(() => fitRidge(m.Xtr, m.ytr, { alpha: RIDGE_ALPHA, fit_intercept: true }));
	const ridgeRuns = Array.from({ length: RIDGE_REPEATS }, () =>
		time(() => fitRidge(m.Xtr, m.ytr, { alpha: RIDGE_ALPHA, fit_intercept: true }))
	);
	const ridgeFit = median(ridgeRuns.map((r) => r.seconds));
	const ridgeModel = cold.value;
	const ridgePredict = timePredict(() => ridgeModel.predict(m.Xte), RIDGE_REPEATS);
	const ridgeTrain = r2(m.ytr, ridgeModel.predict(m.Xtr));
	const ridgeTest = r2(m.yte, ridgePredict.value);
	report('ridge', ridgeFit, ridgePredict.seconds, ridgeTrain, ridgeTest, sk?.ridge ?? null, 'Ridge(alpha=1)');
	emit(
		'ridge_cold_fit_seconds',
		round(cold.seconds, 5),
		's',
		'first call, before JIT warm-up (target ≤ 0.010)'
	);
	if (sk) {
		let worst = Math.abs(ridgeModel.intercept - sk.ridge.intercept) / Math.abs(sk.ridge.intercept);
		sk.ridge.coefficients.forEach((c, j) => {
			worst = Math.max(worst, Math.abs(ridgeModel.coefficients[j] - c) / Math.abs(c));
		});
		emit(
			'ridge_coef_max_rel_diff',
			Number(worst.toExponential(2)),
			'relative',
			'vs sklearn coef_ and intercept_ (target ≤ 1e-8)'
		);
	}
}

function round(v: number, digits: number): number {
	return Number(v.toFixed(digits));
}

function report(
	prefix: string,
	fitSeconds: number,
	predictSeconds: number,
	trainR2: number,
	testR2: number,
	sk: SkModel | null,
	skName: string
): void {
	const fitNote = sk ? `sklearn ${skName} ${round(sk.fit_seconds, 5)} s` : 'no sklearn reference';
	emit(`${prefix}_fit_seconds`, round(fitSeconds, 5), 's', fitNote);
	if (sk)
		emit(`${prefix}_fit_ratio_vs_sklearn`, round(fitSeconds / sk.fit_seconds, 2), '×', `ours / ${skName}`);
	emit(
		`${prefix}_predict_ms`,
		round(predictSeconds * 1000, 3),
		'ms',
		sk ? `1,011 test rows; sklearn ${round(sk.predict_seconds * 1000, 3)} ms` : '1,011 test rows'
	);
	for (const [split, ours, theirs] of [
		['train', trainR2, sk?.train_r2],
		['test', testR2, sk?.test_r2]
	] as const) {
		const note =
			theirs === undefined
				? 'no sklearn reference'
				: `sklearn ${round(theirs, 5)}, difference ${ours - theirs >= 0 ? '+' : ''}${(ours - theirs).toExponential(2)}`;
		emit(`${prefix}_${split}_r2`, round(ours, 5), 'R²', note);
	}
}

main();

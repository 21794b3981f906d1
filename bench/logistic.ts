/**
 * Our logistic regression against scikit-learn's make_pipeline(StandardScaler(), LogisticRegression(...)) on every
 * complete row of the real S&P 500 direction matrix (13 causal features, label = 5-day forward return > 0).
 * Run: npx tsx bench/logistic.ts. Prints one JSON object per line: { name, value, unit, note }.
 *
 * Timing is interleaved: ROUNDS times, sklearn fits each config REPEATS times (median, single thread) and then we
 * do the same, so both sides see the same machine load; the figure is the median over rounds. Both sides time
 * the whole fit including standardisation. `value` of a ratio is ours / sklearn's (below 1 = we are faster).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fitLogistic, type LogisticParams } from '../src/lib/models/linear/logistic';
import { directionMatrix } from '../src/lib/testing/direction-matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./sklearn_logistic.py', import.meta.url));
/** A few milliseconds per fit: a minute means something is wrong, not slow. */
const SKLEARN_TIMEOUT_MS = 120_000;
const ROUNDS = 5;
const REPEATS = 9;

/** sklearn config name → our params (same penalty and C). */
const CONFIGS: Record<string, LogisticParams> = {
	l2_C1_lbfgs: { C: 1, penalty: 'l2', max_iter: 100 },
	l2_C1_newton_cholesky: { C: 1, penalty: 'l2', max_iter: 100 },
	'l1_C0.1_saga': { C: 0.1, penalty: 'l1', max_iter: 100 },
	'elasticnet_C0.1_saga': { C: 0.1, penalty: 'elasticnet', max_iter: 100 },
	none_lbfgs: { C: 1, penalty: 'none', max_iter: 100 }
};

interface SkConfig {
	fit_seconds: number;
	n_iter: number;
	probabilities: number[];
}
interface SkResult {
	sklearn_version: string;
	configs: Record<string, SkConfig>;
}

function emit(name: string, value: number | string | null, unit: string, note = ''): void {
	console.log(JSON.stringify({ name, value, unit, note }));
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function f64Bytes(values: Float64Array): Uint8Array {
	return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

function runSklearn(dir: string): SkResult | string {
	const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, dir, String(REPEATS)], {
		env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
		encoding: 'utf8',
		timeout: SKLEARN_TIMEOUT_MS
	});
	if (run.status !== 0) {
		const detail = (run.stderr || String(run.error ?? '')).trim().split('\n').pop() ?? '';
		return `sklearn_logistic.py failed (exit ${run.status}): ${detail}`;
	}
	return JSON.parse(run.stdout) as SkResult;
}

function main(): void {
	const { X, y } = directionMatrix();
	emit('logistic_matrix_shape', `${X.rows}x${X.cols}`, 'rows x cols', 'every complete row, raw features');
	const dir = mkdtempSync(join(tmpdir(), 'mltrainer-logistic-bench-'));
	writeFileSync(join(dir, 'X.f64'), f64Bytes(X.data));
	writeFileSync(join(dir, 'y.f64'), f64Bytes(y));
	writeFileSync(join(dir, 'meta.json'), JSON.stringify({ cols: X.cols }));
	const haveSklearn = existsSync(SYSTEM_PYTHON);

	const ours: Record<string, number[]> = {};
	const theirs: Record<string, number[]> = {};
	let sk: SkResult | null = null;
	let why = haveSklearn ? '' : `${SYSTEM_PYTHON} not found`;
	for (const params of Object.values(CONFIGS)) fitLogistic(X, y, params); // JIT warm-up
	for (let round = 0; round < ROUNDS; round++) {
		if (haveSklearn && !why) {
			const r = runSklearn(dir);
			if (typeof r === 'string') why = r;
			else {
				sk = r;
				for (const [name, c] of Object.entries(r.configs)) (theirs[name] ??= []).push(c.fit_seconds);
			}
		}
		for (const [name, params] of Object.entries(CONFIGS)) {
			const times: number[] = [];
			for (let k = 0; k < REPEATS; k++) {
				const t0 = performance.now();
				fitLogistic(X, y, params);
				times.push((performance.now() - t0) / 1000);
			}
			(ours[name] ??= []).push(median(times));
		}
	}
	rmSync(dir, { recursive: true, force: true });
	if (sk) emit('logistic_sklearn_reference', sk.sklearn_version, 'version', 'OMP_NUM_THREADS=1, interleaved');
	else emit('logistic_sklearn_reference', null, '', `skipped: ${why}; our figures follow without ratios`);

	for (const [name, params] of Object.entries(CONFIGS)) {
		const model = fitLogistic(X, y, params);
		const oursSeconds = median(ours[name]);
		const ref = sk?.configs[name];
		const skSeconds = ref ? median(theirs[name]) : null;
		const fitNote =
			`${model.info.solver}, ${model.info.iterations} iterations` +
			(ref && skSeconds ? `; sklearn ${(skSeconds * 1000).toFixed(3)} ms, ${ref.n_iter} iterations` : '');
		emit(`logistic_${name}_fit_ms`, Number((oursSeconds * 1000).toFixed(3)), 'ms', fitNote);
		if (!ref || !skSeconds) continue;
		emit(
			`logistic_${name}_fit_ratio_vs_sklearn`,
			Number((oursSeconds / skSeconds).toFixed(3)),
			'×',
			'ours / sklearn, median of rounds'
		);
		const p = model.predict({
			data: X.data.subarray(0, ref.probabilities.length * X.cols),
			rows: ref.probabilities.length,
			cols: X.cols
		});
		const gap = ref.probabilities.reduce((g, v, i) => Math.max(g, Math.abs(p[i] - v)), 0);
		emit(
			`logistic_${name}_max_probability_gap`,
			Number(gap.toExponential(2)),
			'absolute',
			`first ${ref.probabilities.length} rows, vs sklearn at its own tolerance`
		);
	}
}

main();

/**
 * Our ensembles against scikit-learn on the bench matrix (bench/matrix.ts: 4,035 × 13 standardised training rows
 * of the real S&P 500 file): stacking_ensemble vs StackingRegressor(ridge, k-NN, depth-5 tree; RidgeCV final;
 * KFold(5)), voting_classifier (soft and hard) vs VotingClassifier(logistic, 5-NN, depth-5 Gini tree) on the
 * label y > 0. Run: npx tsx bench/ensembles.ts [stacking|voting_soft|voting_hard …] (all three by default).
 * Prints one JSON object per line: { name, value, unit, note }.
 *
 * Timing is interleaved: for each size, ours then scikit-learn's (one process per turn, single thread:
 * OMP_NUM_THREADS=1, one warm-up fit each), ROUNDS times; the figure is the median. Growth: the training rows
 * tiled 1×, 4× and 16×. Tiling repeats rows exactly, so k exact copies of a query bound a k-d tree search at
 * distance 0; both sides' k-NN use a k-d tree there (ours: neighbors/kd-tree.ts, picked by scikit-learn's 'auto'
 * rule), so the comparison is like for like.
 * `value` of a ratio is ours / scikit-learn's (below 1 = we are faster).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../src/lib/domain/matrix';
import { fitStacking } from '../src/lib/models/ensembles/stacking';
import { fitVoting } from '../src/lib/models/ensembles/voting';
import { buildBenchMatrix, writeBenchMatrix } from './matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./sklearn_ensembles.py', import.meta.url));
/** A 16× stacking fit takes seconds in scikit-learn; ten minutes means something is wrong. */
const SKLEARN_TIMEOUT_MS = 600_000;
const TILES = [1, 4, 16] as const;
/** Rounds per size (ours + theirs each round). */
const ROUNDS: Record<(typeof TILES)[number], number> = { 1: 5, 4: 3, 16: 3 };

type ModelName = 'stacking' | 'voting_soft' | 'voting_hard';
const ALL_MODELS: ModelName[] = ['stacking', 'voting_soft', 'voting_hard'];
const picked = process.argv.slice(2).filter((a): a is ModelName => (ALL_MODELS as string[]).includes(a));
const MODELS: ModelName[] = picked.length > 0 ? picked : ALL_MODELS;

function emit(name: string, value: number | string | null, unit: string, note = ''): void {
	console.log(JSON.stringify({ name, value, unit, note }));
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function tile(X: Matrix, y: Float64Array, times: number): { X: Matrix; y: Float64Array } {
	const data = new Float64Array(X.data.length * times);
	const yy = new Float64Array(y.length * times);
	for (let t = 0; t < times; t++) {
		data.set(X.data, t * X.data.length);
		yy.set(y, t * y.length);
	}
	return { X: { data, rows: X.rows * times, cols: X.cols }, y: yy };
}

function fitOurs(model: ModelName, X: Matrix, y: Float64Array): void {
	if (model === 'stacking') fitStacking(X, y, { cv: 5, n_jobs: -1 });
	else fitVoting(X, y, { voting: model === 'voting_soft' ? 'soft' : 'hard', weights: [] });
}

function fitTheirs(dir: string, model: ModelName, tiles: number): number | string {
	const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, dir, model, String(tiles), '1'], {
		env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
		encoding: 'utf8',
		timeout: SKLEARN_TIMEOUT_MS
	});
	if (run.status !== 0) {
		const detail = (run.stderr || String(run.error ?? '')).trim().split('\n').pop() ?? '';
		return `sklearn_ensembles.py failed (exit ${run.status}): ${detail}`;
	}
	return (JSON.parse(run.stdout) as { fit_seconds: number[] }).fit_seconds[0];
}

function main(): void {
	const m = buildBenchMatrix();
	const written = writeBenchMatrix(m);
	const labels = Float64Array.from(m.ytr, (v) => (v > 0 ? 1 : 0));
	emit('ensembles_matrix_shape', `${m.Xtr.rows}x${m.Xtr.cols}`, 'rows x cols', 'bench matrix training rows');
	const haveSklearn = existsSync(SYSTEM_PYTHON);
	let why = haveSklearn ? '' : `${SYSTEM_PYTHON} not found`;

	for (const model of MODELS) {
		const y = model === 'stacking' ? m.ytr : labels;
		fitOurs(model, m.Xtr, y); // JIT warm-up
		const oursBySize: number[] = [];
		const theirsBySize: number[] = [];
		for (const times of TILES) {
			const data = tile(m.Xtr, y, times);
			const ours: number[] = [];
			const theirs: number[] = [];
			for (let round = 0; round < ROUNDS[times]; round++) {
				const t0 = performance.now();
				fitOurs(model, data.X, data.y);
				ours.push((performance.now() - t0) / 1000);
				if (haveSklearn && !why) {
					const r = fitTheirs(written.dir, model, times);
					if (typeof r === 'string') why = r;
					else theirs.push(r);
				}
			}
			const o = median(ours);
			oursBySize.push(o);
			const rows = data.X.rows.toLocaleString('en');
			const runs = `median of ${ours.length}`;
			emit(
				`ensembles_${model}_${times}x_fit_ms`,
				Number((o * 1000).toFixed(1)),
				'ms',
				`${rows} rows, ${runs}`
			);
			if (theirs.length === 0) continue;
			const t = median(theirs);
			theirsBySize.push(t);
			emit(
				`ensembles_${model}_${times}x_fit_ratio_vs_sklearn`,
				Number((o / t).toFixed(2)),
				'×',
				`${rows} rows; sklearn ${(t * 1000).toFixed(1)} ms (${runs}, single thread, interleaved); target ≤ 2`
			);
		}
		for (let k = 1; k < TILES.length; k++) {
			const note =
				theirsBySize.length === TILES.length
					? `sklearn grows ${(theirsBySize[k] / theirsBySize[0]).toFixed(1)}×`
					: 'no sklearn reference';
			emit(
				`ensembles_${model}_growth_${TILES[k]}x`,
				Number((oursBySize[k] / oursBySize[0]).toFixed(1)),
				'× the 1× fit time',
				note
			);
		}
	}
	rmSync(written.dir, { recursive: true, force: true });
	if (why)
		emit('ensembles_sklearn_reference', null, '', `skipped: ${why}; our figures follow without ratios`);
}

main();

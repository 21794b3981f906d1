/**
 * The fixed benchmark matrix of js-model-anchors.md §1, rebuilt from the bundled real S&P 500 file so that every
 * learner bench (ours and scikit-learn's) sees identical bytes: 13 causal features, 5-day forward log return,
 * complete rows only, time-ordered 80/20 split with a 5-row embargo, StandardScaler fitted on train only.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOhlcvCsv } from '../src/lib/data/csv-bars';
import { computeFeatures } from '../src/lib/domain/features';
import type { Matrix } from '../src/lib/domain/matrix';
import { forwardLogReturn } from '../src/lib/domain/targets';

/** Resolved from this file, so the bench runs from any working directory. */
export const SP500_CSV_PATH = fileURLToPath(
	new URL('../node_modules/vega-datasets/data/sp500-2000.csv', import.meta.url)
);
/** The anchors doc's target: 5 trading days ahead. */
export const BENCH_HORIZON_DAYS = 5;
export const BENCH_TRAIN_FRACTION = 0.8;
/** Embargo rows between the last train row and the first test row (= the horizon, so no target overlaps). */
export const BENCH_EMBARGO_ROWS = 5;

export interface BenchMatrix {
	readonly Xtr: Matrix;
	readonly ytr: Float64Array;
	readonly Xte: Matrix;
	readonly yte: Float64Array;
	readonly featureNames: readonly string[];
	/** sha256 of the CSV file, hex. */
	readonly csvSha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** Builds the matrix from the CSV at `csvPath` (the bundled S&P 500 file by default). */
export function buildBenchMatrix(csvPath: string = SP500_CSV_PATH): BenchMatrix {
	const raw = readFileSync(csvPath);
	const bars = parseOhlcvCsv(raw.toString('utf8'));
	const { names, matrix: F } = computeFeatures(bars);
	const y = forwardLogReturn(bars.close, BENCH_HORIZON_DAYS);
	const cols = F.cols;

	const keep: number[] = [];
	for (let r = 0; r < F.rows; r++) {
		let ok = Number.isFinite(y[r]);
		for (let c = 0; ok && c < cols; c++) ok = Number.isFinite(F.data[r * cols + c]);
		if (ok) keep.push(r);
	}
	const n = keep.length;
	const split = Math.floor(n * BENCH_TRAIN_FRACTION);
	const trainRows = keep.slice(0, split - BENCH_EMBARGO_ROWS);
	const testRows = keep.slice(split);

	const take = (rows: number[]): { X: Matrix; y: Float64Array } => {
		const data = new Float64Array(rows.length * cols);
		const yy = new Float64Array(rows.length);
		rows.forEach((r, i) => {
			data.set(F.data.subarray(r * cols, (r + 1) * cols), i * cols);
			yy[i] = y[r];
		});
		return { X: { data, rows: rows.length, cols }, y: yy };
	};
	const tr = take(trainRows);
	const te = take(testRows);
	standardiseInPlace(tr.X, te.X);
	return {
		Xtr: tr.X,
		ytr: tr.y,
		Xte: te.X,
		yte: te.y,
		featureNames: names,
		csvSha256: sha256Hex(raw)
	};
}

/** StandardScaler semantics: train mean and population std; a constant column gets scale 1. */
function standardiseInPlace(train: Matrix, test: Matrix): void {
	const { cols } = train;
	for (let c = 0; c < cols; c++) {
		let sum = 0;
		for (let r = 0; r < train.rows; r++) sum += train.data[r * cols + c];
		const mean = sum / train.rows;
		let ss = 0;
		for (let r = 0; r < train.rows; r++) ss += (train.data[r * cols + c] - mean) ** 2;
		const sd = Math.sqrt(ss / train.rows);
		const scale = sd > 0 ? sd : 1;
		for (const m of [train, test]) {
			for (let r = 0; r < m.rows; r++) m.data[r * cols + c] = (m.data[r * cols + c] - mean) / scale;
		}
	}
}

export interface WrittenMatrix {
	readonly dir: string;
	/** sha256 prefix (12 hex) per file name. */
	readonly sha256Prefix: Readonly<Record<string, string>>;
}

/**
 * Writes Xtr/ytr/Xte/yte as little-endian float64 (numpy.fromfile's '<f8') plus meta.json ({ cols }) into a new
 * temp directory.
 */
export function writeBenchMatrix(m: BenchMatrix): WrittenMatrix {
	const dir = mkdtempSync(join(tmpdir(), 'mltrainer-bench-'));
	const files: Record<string, Float64Array> = {
		'Xtr.f64': m.Xtr.data,
		'ytr.f64': m.ytr,
		'Xte.f64': m.Xte.data,
		'yte.f64': m.yte
	};
	const sha256Prefix: Record<string, string> = {};
	for (const [name, values] of Object.entries(files)) {
		const bytes = new Uint8Array(values.length * 8);
		const view = new DataView(bytes.buffer);
		for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
		writeFileSync(join(dir, name), bytes);
		sha256Prefix[name] = sha256Hex(bytes).slice(0, 12);
	}
	writeFileSync(join(dir, 'meta.json'), JSON.stringify({ cols: m.Xtr.cols }));
	return { dir, sha256Prefix };
}

/**
 * Regenerates the committed scikit-learn fixtures of the logistic learner and the classification metrics:
 *   npx tsx bench/make-logistic-fixture.ts
 * Writes the real S&P 500 direction matrix (src/lib/testing/direction-matrix.ts) as little-endian float64 into a
 * temp directory and runs bench/make-logistic-fixture.py with /usr/bin/python3 (python3-sklearn), which writes
 * src/lib/models/linear/logistic.fixture.json and src/lib/domain/classification-metrics.fixture.json.
 * The specs read those JSON files; they never need python.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { directionMatrix, FIXTURE_ROWS, sliceRows } from '../src/lib/testing/direction-matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./make-logistic-fixture.py', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUTS = [
	join(ROOT, 'src/lib/models/linear/logistic.fixture.json'),
	join(ROOT, 'src/lib/domain/classification-metrics.fixture.json')
];

function f64Bytes(values: Float64Array): Uint8Array {
	const bytes = new Uint8Array(values.length * 8);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
	return bytes;
}

const m = directionMatrix();
const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-logistic-'));
writeFileSync(join(dir, 'Xtr.f64'), f64Bytes(train.X.data));
writeFileSync(join(dir, 'ytr.f64'), f64Bytes(train.y));
writeFileSync(join(dir, 'Xte.f64'), f64Bytes(test.X.data));
writeFileSync(join(dir, 'yte.f64'), f64Bytes(test.y));
writeFileSync(
	join(dir, 'meta.json'),
	JSON.stringify({ cols: train.X.cols, rows: FIXTURE_ROWS, feature_names: m.featureNames })
);
const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, dir, ...OUTPUTS], {
	env: { ...process.env, OMP_NUM_THREADS: '1' },
	stdio: 'inherit'
});
rmSync(dir, { recursive: true, force: true });
if (run.status !== 0) process.exit(run.status ?? 1);
// The committed JSON follows the repository's formatting, so a regenerated fixture diffs only where numbers moved.
const pretty = spawnSync('npx', ['prettier', '--write', ...OUTPUTS], { stdio: 'inherit' });
process.exit(pretty.status ?? 1);

/**
 * Regenerates the committed scikit-learn fixture of linear regression, lasso and elastic net:
 *   npx tsx bench/make-linear-fixture.ts
 * Writes the real S&P 500 forward-return matrix (forwardReturnMatrix in src/lib/testing/direction-matrix.ts) as
 * little-endian float64 into a temp directory and runs bench/make-linear-fixture.py with /usr/bin/python3
 * (python3-sklearn), which writes src/lib/models/linear/linear.fixture.json. The specs read that JSON file; they
 * never need python.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_ROWS, forwardReturnMatrix, sliceRows } from '../src/lib/testing/direction-matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./make-linear-fixture.py', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUTS = [join(ROOT, 'src/lib/models/linear/linear.fixture.json')];

function f64Bytes(values: Float64Array): Uint8Array {
	const bytes = new Uint8Array(values.length * 8);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
	return bytes;
}

const m = forwardReturnMatrix();
const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-linear-'));
writeFileSync(join(dir, 'Xtr.f64'), f64Bytes(train.X.data));
writeFileSync(join(dir, 'ytr.f64'), f64Bytes(train.y));
writeFileSync(join(dir, 'Xte.f64'), f64Bytes(test.X.data));
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

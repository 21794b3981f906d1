/**
 * Regenerates the committed scikit-learn fixture of classic gradient boosting (GradientBoostingRegressor):
 *   npx tsx bench/make-exact-gbm-fixture.ts
 * Writes the real S&P 500 return matrix (src/lib/testing/return-matrix.ts), X rounded to float32 (sklearn's trees
 * cast to float32; pre-rounding makes that cast lossless), as little-endian float64 into a temp directory and runs
 * bench/make-exact-gbm-fixture.py with /usr/bin/python3, which writes src/lib/models/trees/exact-gbm.fixture.json.
 * The spec reads that JSON; it never needs python.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_ROWS, sliceRows } from '../src/lib/testing/direction-matrix';
import { returnMatrix } from '../src/lib/testing/return-matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./make-exact-gbm-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/trees/exact-gbm.fixture.json', import.meta.url));

function f64Bytes(values: Float64Array): Uint8Array {
	const bytes = new Uint8Array(values.length * 8);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
	return bytes;
}

const m = returnMatrix();
const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-exact-gbm-'));
writeFileSync(join(dir, 'Xtr.f64'), f64Bytes(Float64Array.from(train.X.data, Math.fround)));
writeFileSync(join(dir, 'ytr.f64'), f64Bytes(train.y));
writeFileSync(join(dir, 'Xte.f64'), f64Bytes(Float64Array.from(test.X.data, Math.fround)));
writeFileSync(join(dir, 'yte.f64'), f64Bytes(test.y));
writeFileSync(
	join(dir, 'meta.json'),
	JSON.stringify({ cols: train.X.cols, rows: FIXTURE_ROWS, feature_names: m.featureNames })
);
const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, dir, OUTPUT], {
	env: { ...process.env, OMP_NUM_THREADS: '1' },
	stdio: 'inherit'
});
rmSync(dir, { recursive: true, force: true });
if (run.status !== 0) process.exit(run.status ?? 1);
// The committed JSON follows the repository's formatting, so a regenerated fixture diffs only where numbers moved.
const pretty = spawnSync('npx', ['prettier', '--write', OUTPUT], { stdio: 'inherit' });
process.exit(pretty.status ?? 1);

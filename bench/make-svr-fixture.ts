/**
 * Regenerates the committed scikit-learn fixture of ε-support vector regression:
 *   npx tsx bench/make-svr-fixture.ts
 * Writes the rows of FIXTURE_ROWS from the real S&P 500 forward-return matrix (src/lib/testing/direction-matrix.ts)
 * as little-endian float64 into a temp directory and runs bench/make-svr-fixture.py with
 * /usr/bin/python3, which writes src/lib/models/kernel/svr.fixture.json. The spec never needs python.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_ROWS, forwardReturnMatrix, sliceRows } from '../src/lib/testing/direction-matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./make-svr-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/kernel/svr.fixture.json', import.meta.url));

function f64Bytes(values: Float64Array): Uint8Array {
	return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

const m = forwardReturnMatrix();
const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-svr-'));
writeFileSync(join(dir, 'Xtr.f64'), f64Bytes(train.X.data));
writeFileSync(join(dir, 'ytr.f64'), f64Bytes(train.y));
writeFileSync(join(dir, 'Xte.f64'), f64Bytes(test.X.data));
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

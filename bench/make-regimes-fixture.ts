/**
 * Regenerates the committed reference fixture of the regime and clustering models:
 *   npx tsx bench/make-regimes-fixture.ts
 * Writes the real S&P 500 inputs (the direction matrix's first 1,260 rows for k-means; 1,260 daily log returns for
 * the Markov models; a short window of them for PELT) as little-endian float64 into a temp directory and runs
 * bench/make-regimes-fixture.py with /usr/bin/python3, which writes src/lib/models/regimes/regimes.fixture.json.
 * The specs read that JSON; they never need python.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGIME_FIXTURE, sp500Returns } from '../src/lib/testing/regime-returns';
import { directionMatrix, sliceRows } from '../src/lib/testing/direction-matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./make-regimes-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/regimes/regimes.fixture.json', import.meta.url));

function f64Bytes(values: Float64Array): Uint8Array {
	const bytes = new Uint8Array(values.length * 8);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
	return bytes;
}

const features = sliceRows(directionMatrix(), 0, REGIME_FIXTURE.kmeansRows).X;
const returns = sp500Returns(REGIME_FIXTURE.returnsStart, REGIME_FIXTURE.returnsCount);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-regimes-'));
writeFileSync(join(dir, 'X.f64'), f64Bytes(features.data));
writeFileSync(join(dir, 'r.f64'), f64Bytes(returns));
writeFileSync(join(dir, 'meta.json'), JSON.stringify({ cols: features.cols, ...REGIME_FIXTURE }));
const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, dir, OUTPUT], {
	env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
	stdio: 'inherit'
});
rmSync(dir, { recursive: true, force: true });
if (run.status !== 0) process.exit(run.status ?? 1);
const pretty = spawnSync('npx', ['prettier', '--write', OUTPUT], { stdio: 'inherit' });
process.exit(pretty.status ?? 1);

/**
 * Regenerates the committed statsmodels / NumPy fixture of the time-series models:
 *   npx tsx bench/make-timeseries-fixture.ts
 * Writes the log closes and daily log returns (as the fold runner computes them) of the real S&P 500 window of
 * src/lib/testing/timeseries-window.ts (training window plus the bars after it that the forecasts reach) as
 * little-endian float64 into a temp directory and runs bench/make-timeseries-fixture.py with /usr/bin/python3,
 * which writes src/lib/models/timeseries/timeseries.fixture.json.
 * The specs read that JSON; they never need python.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_WINDOW, fixtureLogCloses, fixtureLogReturns } from '../src/lib/testing/timeseries-window';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./make-timeseries-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(
	new URL('../src/lib/models/timeseries/timeseries.fixture.json', import.meta.url)
);

function f64Bytes(values: Float64Array): Uint8Array {
	const bytes = new Uint8Array(values.length * 8);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
	return bytes;
}

const dir = mkdtempSync(join(tmpdir(), 'mltrainer-timeseries-'));
writeFileSync(join(dir, 'logclose.f64'), f64Bytes(fixtureLogCloses()));
writeFileSync(join(dir, 'logreturn.f64'), f64Bytes(fixtureLogReturns()));
writeFileSync(join(dir, 'meta.json'), JSON.stringify(FIXTURE_WINDOW));
const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, dir, OUTPUT], {
	env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
	stdio: 'inherit'
});
rmSync(dir, { recursive: true, force: true });
if (run.status !== 0) process.exit(run.status ?? 1);
// The committed JSON follows the repository's formatting, so a regenerated fixture diffs only where numbers moved.
const pretty = spawnSync('npx', ['prettier', '--write', OUTPUT], { stdio: 'inherit' });
process.exit(pretty.status ?? 1);

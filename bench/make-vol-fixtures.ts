/**
 * Regenerates the committed reference fixtures of the series models (GARCH, Holt–Winters, Kalman filter,
 * Prophet-style regression):
 *   npx tsx bench/make-vol-fixtures.ts garch [exponential_smoothing …]
 * Writes the real S&P 500 closes (src/lib/testing/sp500.ts) as little-endian float64 into a temp directory and
 * runs bench/make-vol-fixtures.py with /usr/bin/python3 (statsmodels 0.13.5, SciPy 1.10), which writes one JSON
 * per entry beside its model. The specs read those JSONs; they never need python.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sp500Bars } from '../src/lib/testing/sp500';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./make-vol-fixtures.py', import.meta.url));
const OUTPUTS: Record<string, string> = {
	garch: '../src/lib/models/volatility/garch.fixture.json',
	exponential_smoothing: '../src/lib/models/smoothing/exponential-smoothing.fixture.json',
	kalman_filter: '../src/lib/models/smoothing/kalman-filter.fixture.json',
	prophet: '../src/lib/models/smoothing/prophet.fixture.json'
};

const entries = process.argv.slice(2);
if (entries.length === 0 || entries.some((e) => !(e in OUTPUTS))) {
	console.error(`usage: npx tsx bench/make-vol-fixtures.ts ${Object.keys(OUTPUTS).join('|')} …`);
	process.exit(2);
}
const close = sp500Bars().close;
const bytes = new Uint8Array(close.length * 8);
const view = new DataView(bytes.buffer);
close.forEach((c, i) => view.setFloat64(i * 8, c, true));
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-vol-'));
writeFileSync(join(dir, 'close.f64'), bytes);
let status = 0;
for (const entry of entries) {
	const out = fileURLToPath(new URL(OUTPUTS[entry], import.meta.url));
	const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, entry, dir, out], {
		env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
		stdio: 'inherit'
	});
	if (run.status !== 0) {
		status = run.status ?? 1;
		break;
	}
	// The committed JSON follows the repository's formatting, so a regenerated fixture diffs only where numbers moved.
	spawnSync('npx', ['prettier', '--write', out], { stdio: 'inherit' });
}
rmSync(dir, { recursive: true, force: true });
process.exit(status);

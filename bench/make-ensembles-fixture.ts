/**
 * Regenerates the committed scikit-learn fixtures of the ensembles (src/lib/models/ensembles/):
 *   npx tsx bench/make-ensembles-fixture.ts
 * Writes the bench matrix's rows (ensembles/fixture-rows.ts: real S&P 500 features, 4,035 train / 1,011 test,
 * X rounded to float32) twice — with the 5-day forward log return (stacking) and with the up/down label (voting,
 * gini tree) — as little-endian float64 into temp directories, and runs bench/make-ensembles-fixture.py with
 * /usr/bin/python3, which writes stacking.fixture.json and voting.fixture.json. The specs never need python.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSplitRows } from '../src/lib/models/ensembles/fixture-rows';
import { directionMatrix } from '../src/lib/testing/direction-matrix';
import { returnMatrix } from '../src/lib/testing/return-matrix';

const SYSTEM_PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./make-ensembles-fixture.py', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUTS = [
	join(ROOT, 'src/lib/models/ensembles/stacking.fixture.json'),
	join(ROOT, 'src/lib/models/ensembles/voting.fixture.json')
];

function f64Bytes(values: Float64Array): Uint8Array {
	const bytes = new Uint8Array(values.length * 8);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
	return bytes;
}

const dir = mkdtempSync(join(tmpdir(), 'mltrainer-ensembles-'));
for (const [name, m] of [
	['regression', returnMatrix()],
	['classification', directionMatrix()]
] as const) {
	const rows = benchSplitRows(m);
	const sub = join(dir, name);
	mkdirSync(sub);
	writeFileSync(join(sub, 'Xtr.f64'), f64Bytes(rows.Xtr.data));
	writeFileSync(join(sub, 'ytr.f64'), f64Bytes(rows.ytr));
	writeFileSync(join(sub, 'Xte.f64'), f64Bytes(rows.Xte.data));
	writeFileSync(join(sub, 'yte.f64'), f64Bytes(rows.yte));
	writeFileSync(
		join(sub, 'meta.json'),
		JSON.stringify({
			cols: rows.Xtr.cols,
			train_rows: rows.Xtr.rows,
			test_rows: rows.Xte.rows,
			feature_names: m.featureNames
		})
	);
}
const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, dir, ...OUTPUTS], {
	env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
	stdio: 'inherit'
});
rmSync(dir, { recursive: true, force: true });
if (run.status !== 0) process.exit(run.status ?? 1);
// The committed JSON follows the repository's formatting, so a regenerated fixture diffs only where numbers moved.
const pretty = spawnSync('npx', ['prettier', '--write', ...OUTPUTS], { stdio: 'inherit' });
process.exit(pretty.status ?? 1);

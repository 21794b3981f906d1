/**
 * Regenerates the committed statsmodels / NumPy fixture of the pairs-trading and sector-rotation backtests
 * (src/lib/models/portfolio/pairs.fixture.json):
 *   npx tsx bench/make-pairs-fixture.ts
 * Writes each case's closes as little-endian float64 into a temp directory and runs bench/make-pairs-fixture.py
 * with /usr/bin/python3 (statsmodels 0.13.5 coint and OLS; the backtest loops re-written in NumPy from their
 * stated rules).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAIR_CASES, ROTATION_CASES, caseCloses } from '../src/lib/testing/pairs-cases';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-pairs-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/portfolio/pairs.fixture.json', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'mltrainer-pairs-'));
const meta = { pairs: [] as object[], rotations: [] as object[] };
for (const c of PAIR_CASES) {
	const closes = caseCloses(c.data);
	closes.forEach((x, j) => writeFileSync(join(dir, `${c.name}.${j}.f64`), f64Bytes(x)));
	meta.pairs.push({ ...c, rows: closes[0].length });
}
for (const c of ROTATION_CASES) {
	const closes = caseCloses(c.data);
	closes.forEach((x, j) => writeFileSync(join(dir, `${c.name}.${j}.f64`), f64Bytes(x)));
	meta.rotations.push({ ...c, rows: closes[0].length, assets: closes.length });
}
writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
runFixtureScript(SCRIPT, dir, [OUTPUT]);

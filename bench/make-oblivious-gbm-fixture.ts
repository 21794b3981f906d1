/**
 * Regenerates the committed NumPy reference fixture of the CatBoost-style oblivious booster (plain mode):
 *   npx tsx bench/make-oblivious-gbm-fixture.ts
 * Writes the real S&P 500 return matrix (src/lib/testing/return-matrix.ts, raw float64 features) as little-endian
 * float64 into a temp directory and runs bench/make-oblivious-gbm-fixture.py with /usr/bin/python3 (NumPy only),
 * which writes src/lib/models/trees/oblivious-gbm.fixture.json.
 * The spec reads that JSON; it never needs python.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_ROWS, sliceRows } from '../src/lib/testing/direction-matrix';
import { returnMatrix } from '../src/lib/testing/return-matrix';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-oblivious-gbm-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/trees/oblivious-gbm.fixture.json', import.meta.url));

const m = returnMatrix();
const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-oblivious-gbm-'));
writeFileSync(join(dir, 'Xtr.f64'), f64Bytes(train.X.data));
writeFileSync(join(dir, 'ytr.f64'), f64Bytes(train.y));
writeFileSync(join(dir, 'Xte.f64'), f64Bytes(test.X.data));
writeFileSync(join(dir, 'yte.f64'), f64Bytes(test.y));
writeFileSync(
	join(dir, 'meta.json'),
	JSON.stringify({ cols: train.X.cols, rows: FIXTURE_ROWS, feature_names: m.featureNames })
);
runFixtureScript(SCRIPT, dir, [OUTPUT]);

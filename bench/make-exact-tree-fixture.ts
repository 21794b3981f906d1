/**
 * Regenerates the committed scikit-learn fixture of the exact regression tree:
 *   npx tsx bench/make-exact-tree-fixture.ts
 * Writes the real S&P 500 return matrix (src/lib/testing/return-matrix.ts), X rounded to float32 (sklearn's trees
 * cast to float32; pre-rounding makes that cast lossless), as little-endian float64 into a temp directory and runs
 * bench/make-exact-tree-fixture.py with /usr/bin/python3, which writes src/lib/models/trees/exact-tree.fixture.json.
 * The spec reads that JSON; it never needs python.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_ROWS, sliceRows } from '../src/lib/testing/direction-matrix';
import { returnMatrix } from '../src/lib/testing/return-matrix';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-exact-tree-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/trees/exact-tree.fixture.json', import.meta.url));

const m = returnMatrix();
const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-exact-tree-'));
writeFileSync(join(dir, 'Xtr.f64'), f64Bytes(Float64Array.from(train.X.data, Math.fround)));
writeFileSync(join(dir, 'ytr.f64'), f64Bytes(train.y));
writeFileSync(join(dir, 'Xte.f64'), f64Bytes(Float64Array.from(test.X.data, Math.fround)));
writeFileSync(
	join(dir, 'meta.json'),
	JSON.stringify({ cols: train.X.cols, rows: FIXTURE_ROWS, feature_names: m.featureNames })
);
runFixtureScript(SCRIPT, dir, [OUTPUT]);

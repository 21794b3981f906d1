/**
 * Regenerates the committed scikit-learn fixture of linear regression, lasso and elastic net:
 *   npx tsx bench/make-linear-fixture.ts
 * Writes the real S&P 500 forward-return matrix (forwardReturnMatrix in src/lib/testing/direction-matrix.ts) as
 * little-endian float64 into a temp directory and runs bench/make-linear-fixture.py with /usr/bin/python3
 * (python3-sklearn), which writes src/lib/models/linear/linear.fixture.json. The specs read that JSON file; they
 * never need python.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_ROWS, forwardReturnMatrix, sliceRows } from '../src/lib/testing/direction-matrix';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-linear-fixture.py', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUTS = [join(ROOT, 'src/lib/models/linear/linear.fixture.json')];

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
runFixtureScript(SCRIPT, dir, OUTPUTS);

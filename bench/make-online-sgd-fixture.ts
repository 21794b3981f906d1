/**
 * Regenerates the committed scikit-learn fixture of the online SGD linear regression:
 *   npx tsx bench/make-online-sgd-fixture.ts
 * Writes the rows of FIXTURE_ROWS from the real S&P 500 forward-return matrix (src/lib/testing/direction-matrix.ts)
 * as little-endian float64 into a temp directory and runs bench/make-online-sgd-fixture.py with
 * /usr/bin/python3, which writes src/lib/models/linear/online-sgd.fixture.json. The spec never needs python.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_ROWS, forwardReturnMatrix, sliceRows } from '../src/lib/testing/direction-matrix';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-online-sgd-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/linear/online-sgd.fixture.json', import.meta.url));

const m = forwardReturnMatrix();
const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-online-sgd-'));
writeFileSync(join(dir, 'Xtr.f64'), f64Bytes(train.X.data));
writeFileSync(join(dir, 'ytr.f64'), f64Bytes(train.y));
writeFileSync(join(dir, 'Xte.f64'), f64Bytes(test.X.data));
writeFileSync(join(dir, 'yte.f64'), f64Bytes(test.y));
writeFileSync(
	join(dir, 'meta.json'),
	JSON.stringify({ cols: train.X.cols, rows: FIXTURE_ROWS, feature_names: m.featureNames })
);
runFixtureScript(SCRIPT, dir, [OUTPUT]);

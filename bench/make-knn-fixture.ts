/**
 * Regenerates the committed scikit-learn fixture of the k-nearest-neighbours learner:
 *   npx tsx bench/make-knn-fixture.ts
 * Writes the rows of FIXTURE_ROWS from the real S&P 500 matrix (src/lib/testing/direction-matrix.ts) with the
 * regression target, the 5-day forward log return, as little-endian float64 into a temp directory and runs
 * bench/make-knn-fixture.py with /usr/bin/python3 (python3-sklearn), which writes
 * src/lib/models/neighbors/knn.fixture.json. The spec reads that JSON; it never needs python.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forwardLogReturn } from '../src/lib/domain/targets';
import { directionMatrix, FIXTURE_ROWS, sliceRows } from '../src/lib/testing/direction-matrix';
import { sp500Bars } from '../src/lib/testing/sp500';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-knn-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/neighbors/knn.fixture.json', import.meta.url));

const m = directionMatrix();
// The direction matrix's rows are exactly those with a finite forward return; swap its labels for the return.
const r = forwardLogReturn(sp500Bars().close, 5);
const returns = Float64Array.from(m.barIndex, (t) => r[t]);
const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
const ytr = returns.slice(FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainStart + train.X.rows);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-knn-'));
writeFileSync(join(dir, 'Xtr.f64'), f64Bytes(train.X.data));
writeFileSync(join(dir, 'ytr.f64'), f64Bytes(ytr));
writeFileSync(join(dir, 'Xte.f64'), f64Bytes(test.X.data));
writeFileSync(
	join(dir, 'meta.json'),
	JSON.stringify({ cols: train.X.cols, rows: FIXTURE_ROWS, feature_names: m.featureNames })
);
runFixtureScript(SCRIPT, dir, [OUTPUT]);

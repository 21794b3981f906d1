/**
 * Regenerates the committed scikit-learn fixtures of the logistic learner and the classification metrics:
 *   npx tsx bench/make-logistic-fixture.ts
 * Writes the real S&P 500 direction matrix (src/lib/testing/direction-matrix.ts) as little-endian float64 into a
 * temp directory and runs bench/make-logistic-fixture.py with /usr/bin/python3 (python3-sklearn), which writes
 * src/lib/models/linear/logistic.fixture.json and src/lib/domain/classification-metrics.fixture.json.
 * The specs read those JSON files; they never need python.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { directionMatrix, FIXTURE_ROWS, sliceRows } from '../src/lib/testing/direction-matrix';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-logistic-fixture.py', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUTS = [
	join(ROOT, 'src/lib/models/linear/logistic.fixture.json'),
	join(ROOT, 'src/lib/domain/classification-metrics.fixture.json')
];

const m = directionMatrix();
const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-logistic-'));
writeFileSync(join(dir, 'Xtr.f64'), f64Bytes(train.X.data));
writeFileSync(join(dir, 'ytr.f64'), f64Bytes(train.y));
writeFileSync(join(dir, 'Xte.f64'), f64Bytes(test.X.data));
writeFileSync(join(dir, 'yte.f64'), f64Bytes(test.y));
writeFileSync(
	join(dir, 'meta.json'),
	JSON.stringify({ cols: train.X.cols, rows: FIXTURE_ROWS, feature_names: m.featureNames })
);
runFixtureScript(SCRIPT, dir, OUTPUTS);

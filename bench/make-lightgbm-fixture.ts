/**
 * Regenerates the committed scikit-learn fixture of the histogram GBM (lightgbm and xgboost entries):
 *   npx tsx bench/make-lightgbm-fixture.ts
 * Writes the rows of bench/matrix.ts — every complete row of the real S&P 500 return matrix
 * (src/lib/testing/return-matrix.ts), split 80/20 in time order with a 5-row embargo — unscaled (tree splits do not
 * depend on feature scale) as little-endian float64 into a temp directory and runs bench/make-lightgbm-fixture.py
 * with /usr/bin/python3, which writes src/lib/models/trees/lightgbm.fixture.json. The spec reads that JSON and
 * takes the same rows with `gbmBenchRows`; it never needs python.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gbmBenchRows } from '../src/lib/testing/gbm-bench-rows';
import { returnMatrix } from '../src/lib/testing/return-matrix';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-lightgbm-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/trees/lightgbm.fixture.json', import.meta.url));

const m = returnMatrix();
const { train, test, rows } = gbmBenchRows(m);
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-lightgbm-'));
writeFileSync(join(dir, 'Xtr.f64'), f64Bytes(train.X.data));
writeFileSync(join(dir, 'ytr.f64'), f64Bytes(train.y));
writeFileSync(join(dir, 'Xte.f64'), f64Bytes(test.X.data));
writeFileSync(join(dir, 'yte.f64'), f64Bytes(test.y));
writeFileSync(
	join(dir, 'meta.json'),
	JSON.stringify({ cols: train.X.cols, rows, feature_names: m.featureNames })
);
runFixtureScript(SCRIPT, dir, [OUTPUT]);

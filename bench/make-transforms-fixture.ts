/**
 * Regenerates the committed reference fixtures of the transforms (src/lib/models/transforms):
 *   npx tsx bench/make-transforms-fixture.ts
 * Writes the real S&P 500 closes (src/lib/testing/sp500.ts) as little-endian float64 into a temp directory and
 * runs bench/make-transforms-fixture.py with /usr/bin/python3 (statsmodels 0.13.5, PyWavelets 1.1.1), which
 * writes one JSON per transform beside its module. The specs read those JSONs; they never need python.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sp500Bars } from '../src/lib/testing/sp500';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-transforms-fixture.py', import.meta.url));
const OUTPUTS = ['seasonal-decomposition.fixture.json', 'wavelet.fixture.json'].map((f) =>
	fileURLToPath(new URL(`../src/lib/models/transforms/${f}`, import.meta.url))
);

const dir = mkdtempSync(join(tmpdir(), 'mltrainer-transforms-'));
writeFileSync(join(dir, 'close.f64'), f64Bytes(sp500Bars().close));
runFixtureScript(SCRIPT, dir, OUTPUTS);

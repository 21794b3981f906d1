/**
 * Regenerates the committed NumPy/SciPy/pandas fixture of the risk measures (src/lib/models/risk):
 *   npx tsx bench/make-risk-fixture.ts
 * Writes the real S&P 500 bars (src/lib/testing/sp500.ts: dates, open, high, low, close, volume) as little-endian float64
 * into a temp directory and runs bench/make-risk-fixture.py with /usr/bin/python3 (NumPy, SciPy 1.10, pandas),
 * which writes src/lib/models/risk/risk.fixture.json. The specs read that JSON; they never need python.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sp500Bars } from '../src/lib/testing/sp500';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-risk-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/risk/risk.fixture.json', import.meta.url));

const bars = sp500Bars();
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-risk-'));
for (const col of ['t', 'open', 'high', 'low', 'close', 'volume'] as const)
	writeFileSync(join(dir, `${col}.f64`), f64Bytes(bars[col]));
runFixtureScript(SCRIPT, dir, [OUTPUT]);

/**
 * Regenerates the committed pandas reference fixture of the rule signals (src/lib/models/rules/):
 *   npx tsx bench/make-rules-fixture.ts
 * Writes the first ROWS real S&P 500 bars (close, high, low, volume) as little-endian float64 into a temp directory
 * and runs bench/make-rules-fixture.py with /usr/bin/python3, which writes src/lib/models/rules/rules.fixture.json.
 * The specs read that JSON; they never need python.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sp500Bars } from '../src/lib/testing/sp500';
import { f64Bytes, runFixtureScript } from './fixture-io';

/** Enough rows for several 50-bar windows and real swings both ways; keeps the JSON under ~100 KB. */
const ROWS = 400;
const SCRIPT = fileURLToPath(new URL('./make-rules-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/rules/rules.fixture.json', import.meta.url));

const bars = sp500Bars();
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-rules-'));
for (const col of ['close', 'high', 'low', 'volume'] as const)
	writeFileSync(join(dir, `${col}.f64`), f64Bytes(bars[col].slice(0, ROWS)));
runFixtureScript(SCRIPT, dir, [OUTPUT]);

/**
 * Regenerates the committed scipy / statsmodels fixture of src/lib/models/stats/:
 *   npx tsx bench/make-stats-fixture.ts
 * Writes the real series the specs test on as little-endian float64 into a temp directory — the bundled S&P 500
 * daily closes and volumes, the monthly AAPL and S&P 500 closes on their common months, and the monthly MSFT,
 * AMZN, IBM, AAPL closes on theirs (src/lib/testing/stocks.ts) — and runs bench/make-stats-fixture.py with
 * /usr/bin/python3, which writes src/lib/models/stats/stats.fixture.json. The specs never need python.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sp500Bars } from '../src/lib/testing/sp500';
import { alignedMonthly } from '../src/lib/testing/stocks';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SCRIPT = fileURLToPath(new URL('./make-stats-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/stats/stats.fixture.json', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'mltrainer-stats-'));
const sp = sp500Bars();
writeFileSync(join(dir, 'sp_close.f64'), f64Bytes(sp.close));
writeFileSync(join(dir, 'sp_volume.f64'), f64Bytes(sp.volume));
const [aapl, spm] = alignedMonthly(['AAPL', 'SP500']);
writeFileSync(join(dir, 'pair_aapl.f64'), f64Bytes(aapl.close));
writeFileSync(join(dir, 'pair_sp500.f64'), f64Bytes(spm.close));
const panel = alignedMonthly(['MSFT', 'AMZN', 'IBM', 'AAPL']);
['msft', 'amzn', 'ibm', 'aapl'].forEach((name, i) =>
	writeFileSync(join(dir, `panel_${name}.f64`), f64Bytes(panel[i].close))
);
runFixtureScript(SCRIPT, dir, [OUTPUT]);

/**
 * Regenerates the committed SciPy / scikit-learn fixture of the portfolio optimisers (src/lib/models/portfolio):
 *   npx tsx bench/make-portfolio-fixture.ts
 * Writes the real monthly closes of MSFT, AMZN, IBM and AAPL on their common months (src/lib/testing/stocks.ts)
 * as little-endian float64 into a temp directory and runs bench/make-portfolio-fixture.py with /usr/bin/python3
 * (SciPy 1.10 SLSQP, scikit-learn 1.2.1 LedoitWolf), which writes src/lib/models/portfolio/portfolio.fixture.json.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignedMonthly } from '../src/lib/testing/stocks';
import { f64Bytes, runFixtureScript } from './fixture-io';

const SYMBOLS = ['MSFT', 'AMZN', 'IBM', 'AAPL'] as const;
const SCRIPT = fileURLToPath(new URL('./make-portfolio-fixture.py', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/lib/models/portfolio/portfolio.fixture.json', import.meta.url));

const bars = alignedMonthly(SYMBOLS);
const rows = bars[0].close.length;
const closes = new Float64Array(rows * SYMBOLS.length); // row-major: months × symbols
bars.forEach((b, j) => b.close.forEach((c, i) => (closes[i * SYMBOLS.length + j] = c)));
const dir = mkdtempSync(join(tmpdir(), 'mltrainer-portfolio-'));
writeFileSync(join(dir, 'closes.f64'), f64Bytes(closes));
writeFileSync(join(dir, 'meta.json'), JSON.stringify({ rows, symbols: SYMBOLS }));
runFixtureScript(SCRIPT, dir, [OUTPUT]);

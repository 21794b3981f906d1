/**
 * Data-path bench: what issue 3's pipeline costs on realistic sizes, measured, not guessed.
 * - CSV import (inspect + parse, the work the import worker does) of a Yahoo-style file built by repeating the
 *   real S&P 500 rows with shifted dates, at 100k and 500k rows (a tenth and a half of a 50 MB file);
 * - the content hash of stored columns (checked before every trial and in the worker before every fold);
 * - the audit chain: appending 10,000 events' hashes and verifying them.
 *
 * Run: npx tsx bench/data.ts — prints one JSON line per figure: {"name","value","unit","note"}.
 */
import { performance } from 'node:perf_hooks';
import { chainEvent, verifyChain, type AuditEvent } from '../src/lib/compliance/audit';
import { inspectFile } from '../src/lib/data/import/inspect';
import { parseImport } from '../src/lib/data/import/parse';
import { contentSha256 } from '../src/lib/domain/content-hash';
import { sp500Text } from '../src/lib/testing/sp500';

function emit(name: string, value: number | string | null, unit: string, note = ''): void {
	console.log(JSON.stringify({ name, value, unit, note }));
}

const HOUR_MS = 3_600_000;

/**
 * Real S&P rows, repeated under hourly time stamps from 1960 so the file stays ascending and in the past
 * (500k daily rows would run centuries into the future, which the import rightly refuses).
 */
function yahooFile(rows: number): Uint8Array {
	const src = sp500Text().trim().split('\n').slice(1);
	const lines = ['Date,Open,High,Low,Close,Adj Close,Volume'];
	const start = Date.parse('1960-01-01T00:00:00Z');
	for (let i = 0; i < rows; i++) {
		const [, o, h, l, c, adj, v] = src[i % src.length].split(',');
		const day = new Date(start + i * HOUR_MS).toISOString().slice(0, 19).replace('T', ' ');
		lines.push([day, o, h, l, c, adj, v].join(','));
	}
	return new TextEncoder().encode(lines.join('\n'));
}

for (const rows of [100_000, 500_000]) {
	const bytes = yahooFile(rows);
	const t0 = performance.now();
	const inspected = inspectFile(bytes, 'bench.csv');
	const t1 = performance.now();
	if (!inspected.ok) throw new Error(inspected.message);
	const parsed = parseImport(bytes, {
		fileName: 'bench.csv',
		source: 'yahoo',
		kind: 'bars',
		mapping: inspected.suggested.mapping,
		dateFormat: inspected.suggested.dateFormat,
		decimal: '.',
		header: true,
		nowMs: Date.now(),
		delimiter: inspected.delimiter
	});
	const t2 = performance.now();
	if (!parsed.ok) throw new Error(parsed.message);
	const mb = bytes.length / 1e6;
	emit(`import inspect ${rows} rows`, Math.round(t1 - t0), 'ms', `${mb.toFixed(1)} MB`);
	emit(
		`import parse ${rows} rows`,
		Math.round(t2 - t1),
		'ms',
		`${(mb / ((t2 - t1) / 1000)).toFixed(1)} MB/s, ${parsed.validRows} valid`
	);
	const h0 = performance.now();
	contentSha256({ t: parsed.t, ...parsed.columns });
	emit(`content hash ${rows} rows x 6 columns`, Math.round(performance.now() - h0), 'ms');
}

const N = 10_000;
const a0 = performance.now();
const events: AuditEvent[] = [];
for (let i = 0; i < N; i++)
	events.push(
		chainEvent(
			events[i - 1],
			{ type: 'data.fetch', subject: `s${i}`, summary: `event ${i}`, detail: { i } },
			i
		)
	);
const a1 = performance.now();
const verdict = verifyChain(events);
const a2 = performance.now();
emit('audit chain append (hash) 10,000 events', Math.round(a1 - a0), 'ms');
emit('audit chain verify 10,000 events', Math.round(a2 - a1), 'ms', verdict.ok ? 'intact' : 'BROKEN');

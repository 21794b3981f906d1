/**
 * Strict parser for daily OHLCV CSV with the header `date,open,high,low,close[,adjclose],volume` (the format of
 * the bundled vega-datasets file and of Yahoo Finance downloads). It refuses rather than guesses: a bad row is
 * an error naming the line, never a silently dropped bar.
 */
import { allocateBars, checkBars, type Bars } from '../domain/series';

export class CsvFormatError extends Error {
	readonly code = 'csv_format';
	constructor(
		message: string,
		readonly line: number
	) {
		super(message);
	}
}

const REQUIRED = ['date', 'open', 'high', 'low', 'close', 'volume'] as const;

function parseDate(text: string, line: number): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
	if (!m) throw new CsvFormatError(`line ${line}: date "${text}" is not YYYY-MM-DD`, line);
	const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	if (new Date(t).toISOString().slice(0, 10) !== text.trim()) {
		throw new CsvFormatError(`line ${line}: date "${text}" does not exist`, line);
	}
	return t;
}

export function parseOhlcvCsv(text: string): Bars {
	const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
	if (lines.length < 2) throw new CsvFormatError('the file has no data rows', 1);
	const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
	const col: Record<string, number> = {};
	for (const name of REQUIRED) {
		const i = header.indexOf(name);
		if (i < 0) throw new CsvFormatError(`the header has no "${name}" column`, 1);
		col[name] = i;
	}
	const n = lines.length - 1;
	const bars = allocateBars(n);
	for (let r = 0; r < n; r++) {
		const line = r + 2;
		const cells = lines[r + 1].split(',');
		if (cells.length !== header.length) {
			throw new CsvFormatError(`line ${line}: expected ${header.length} fields, found ${cells.length}`, line);
		}
		bars.t[r] = parseDate(cells[col.date], line);
		for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
			const raw = cells[col[field]].trim();
			const v = raw === '' ? Number.NaN : Number(raw);
			if (!Number.isFinite(v))
				throw new CsvFormatError(`line ${line}: ${field} "${raw}" is not a number`, line);
			bars[field][r] = v;
		}
	}
	const problem = checkBars(bars);
	if (problem) throw new CsvFormatError(problem.message, problem.row + 2);
	return bars;
}

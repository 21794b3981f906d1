/**
 * Collects the rows that passed their cell checks and turns them into columns with strictly ascending, unique
 * times (the Series contract, ARCHITECTURE §4).
 *
 * Order: a file listed newest first (Quandl's default) is reversed with one warning. Any other out-of-order row
 * is reported as `unsorted_date` and kept: sorting loses nothing, and the report tells the user the file was
 * not in order.
 * Duplicates: rows with the same date and the same values are kept once (the others are skipped as
 * `duplicate_date`); rows with the same date and different values are all skipped, because choosing one would
 * be a guess.
 */
import type { RowErrorLog } from './report';
import type { ImportWarning } from './types';
import { warning } from './warnings';

const INITIAL_CAPACITY_ROWS = 1024;

export interface BuiltSeries {
	readonly t: Float64Array;
	/** One array per field, in the order given to the builder. */
	readonly fields: Float64Array[];
	readonly skipped: number;
	readonly warnings: ImportWarning[];
}

export class SeriesBuilder {
	readonly #width: number;
	#n = 0;
	#t = new Float64Array(INITIAL_CAPACITY_ROWS);
	#line = new Float64Array(INITIAL_CAPACITY_ROWS);
	#values = new Float64Array(0);

	constructor(readonly fieldNames: readonly string[]) {
		this.#width = fieldNames.length;
		this.#values = new Float64Array(INITIAL_CAPACITY_ROWS * this.#width);
	}

	get size(): number {
		return this.#n;
	}

	add(line: number, t: number, values: readonly number[]): void {
		if (this.#n === this.#t.length) this.#grow();
		this.#t[this.#n] = t;
		this.#line[this.#n] = line;
		for (let j = 0; j < this.#width; j++) this.#values[this.#n * this.#width + j] = values[j];
		this.#n++;
	}

	#grow(): void {
		const cap = this.#t.length * 2;
		const t = new Float64Array(cap);
		t.set(this.#t);
		const line = new Float64Array(cap);
		line.set(this.#line);
		const values = new Float64Array(cap * this.#width);
		values.set(this.#values);
		this.#t = t;
		this.#line = line;
		this.#values = values;
	}

	/** Sorts, removes duplicates (reporting them to `log`) and returns the columns. */
	finish(log: RowErrorLog, dateColumn: string, describe: (t: number) => string): BuiltSeries {
		const n = this.#n;
		const t = this.#t;
		const warnings: ImportWarning[] = [];
		let descending = n >= 2;
		for (let i = 1; i < n && descending; i++) if (!(t[i] < t[i - 1])) descending = false;
		if (descending) {
			warnings.push(
				warning(
					'newest_first',
					'The file lists dates newest first; the rows were put in ascending date order.',
					n
				)
			);
		} else {
			let late = 0;
			const lateLines: number[] = [];
			for (let i = 1; i < n; i++) {
				if (t[i] < t[i - 1]) {
					late++;
					lateLines.push(this.#line[i]);
					log.add(
						this.#line[i],
						dateColumn,
						'unsorted_date',
						`${describe(t[i])} comes after ${describe(t[i - 1])} in the file; the row is kept and the import sorted by date`
					);
				}
			}
			if (late > 0) {
				warnings.push(
					warning(
						'unsorted_dates',
						`${late} row(s) were out of date order; the import was sorted by date.`,
						late,
						lateLines
					)
				);
			}
		}
		const order = Array.from({ length: n }, (_, i) => (descending ? n - 1 - i : i));
		// Equal dates keep file order, so "the first of identical duplicates" means the first in the file. A file
		// already in order (the common case) skips the sort.
		if (!descending && warnings.length > 0)
			order.sort((a, b) => t[a] - t[b] || this.#line[a] - this.#line[b]);

		const keep: number[] = [];
		let skipped = 0;
		for (let g = 0; g < n;) {
			let end = g + 1;
			while (end < n && t[order[end]] === t[order[g]]) end++;
			if (end - g === 1) keep.push(order[g]);
			else skipped += this.#duplicates(order.slice(g, end), log, dateColumn, describe, keep);
			g = end;
		}

		const out = new Float64Array(keep.length);
		const fields = Array.from({ length: this.#width }, () => new Float64Array(keep.length));
		for (let k = 0; k < keep.length; k++) {
			const i = keep[k];
			out[k] = t[i];
			for (let j = 0; j < this.#width; j++) fields[j][k] = this.#values[i * this.#width + j];
		}
		return { t: out, fields, skipped, warnings };
	}

	#sameValues(a: number, b: number): boolean {
		for (let j = 0; j < this.#width; j++) {
			if (!Object.is(this.#values[a * this.#width + j], this.#values[b * this.#width + j])) return false;
		}
		return true;
	}

	#duplicates(
		group: number[],
		log: RowErrorLog,
		dateColumn: string,
		describe: (t: number) => string,
		keep: number[]
	): number {
		const first = group[0];
		const when = describe(this.#t[first]);
		const identical = group.every((i) => this.#sameValues(i, first));
		if (identical) {
			keep.push(first);
			for (const i of group.slice(1)) {
				log.add(
					this.#line[i],
					dateColumn,
					'duplicate_date',
					`${when} repeats line ${this.#line[first]} with the same values; kept once`
				);
			}
			return group.length - 1;
		}
		const lines = group.map((i) => this.#line[i]).join(', ');
		for (const i of group) {
			log.add(
				this.#line[i],
				dateColumn,
				'duplicate_date',
				`${when} appears on lines ${lines} with different values; all of them are skipped`
			);
		}
		return group.length;
	}
}

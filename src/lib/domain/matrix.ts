/** A dense row-major matrix of float64 values: element (r, c) is data[r * cols + c]. */
export interface Matrix {
	readonly data: Float64Array;
	readonly rows: number;
	readonly cols: number;
}

export function matrix(data: Float64Array, rows: number, cols: number): Matrix {
	if (data.length !== rows * cols) {
		throw new RangeError(`matrix data has ${data.length} values, expected ${rows} x ${cols}`);
	}
	return { data, rows, cols };
}

/** Rows of `m` picked by index, in the given order. */
export function takeRows(m: Matrix, rowIndex: ArrayLike<number>): Matrix {
	const out = new Float64Array(rowIndex.length * m.cols);
	for (let i = 0; i < rowIndex.length; i++) {
		const src = rowIndex[i] * m.cols;
		out.set(m.data.subarray(src, src + m.cols), i * m.cols);
	}
	return { data: out, rows: rowIndex.length, cols: m.cols };
}

export function takeValues(v: Float64Array, index: ArrayLike<number>): Float64Array {
	const out = new Float64Array(index.length);
	for (let i = 0; i < index.length; i++) out[i] = v[index[i]];
	return out;
}

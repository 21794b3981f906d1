/**
 * A least-recently-used cache of kernel rows with a fixed memory budget, as libsvm keeps (its `Cache` class):
 * rows are Float32Array (libsvm's `Qfloat` is float, so a cached value is exactly what libsvm would read back),
 * allocated on first use and recycled from the least recently used row once the budget is full.
 */

/** libsvm's and scikit-learn's default cache, 200 MB. */
export const DEFAULT_KERNEL_CACHE_BYTES = 200 * 1024 * 1024;

const BYTES_PER_VALUE = Float32Array.BYTES_PER_ELEMENT;
/**
 * Rows are allocated together in blocks of about 1 MB (64 rows of 4,000 floats; 4 rows of 64,000): one
 * allocation per block instead of one per row (less GC), without reserving far more rows than a short solve
 * touches (a fixed 64 rows would be 16 MB at 64,000 rows, for a solve that may fetch a few dozen).
 */
const BLOCK_BYTES = 1024 * 1024;
/** libsvm keeps room for at least two rows whatever the budget (the solver holds two at once). */
const MIN_ROWS = 2;

export class KernelRowCache {
	/** Rows the budget allows. */
	readonly capacity: number;
	private readonly rows: (Float32Array | null)[];
	/** Doubly linked LRU list over row indices; `head` is the least recently used, `tail` the most. */
	private readonly prev: Int32Array;
	private readonly next: Int32Array;
	private head = -1;
	private tail = -1;
	private count = 0;
	private block = new Float32Array(0);
	private blockRows = 0;
	private blockUsed = 0;
	hits = 0;
	misses = 0;

	/**
	 * @param n rows (and the length of each row)
	 * @param compute fills `out` with row i of the kernel matrix
	 */
	constructor(
		private readonly n: number,
		private readonly compute: (i: number, out: Float32Array) => void,
		budgetBytes = DEFAULT_KERNEL_CACHE_BYTES
	) {
		if (!(budgetBytes > 0)) throw new RangeError(`cache budget must be > 0 bytes, got ${budgetBytes}`);
		this.capacity = Math.min(n, Math.max(MIN_ROWS, Math.floor(budgetBytes / (BYTES_PER_VALUE * n))));
		this.rows = new Array<Float32Array | null>(n).fill(null);
		this.prev = new Int32Array(n).fill(-1);
		this.next = new Int32Array(n).fill(-1);
	}

	/** Rows cached now. */
	get size(): number {
		return this.count;
	}

	/** Row i, computed on a miss; valid until MIN_ROWS - 1 further calls (the cache may then recycle it). */
	get(i: number): Float32Array {
		let row = this.rows[i];
		if (row) {
			this.hits++;
			this.unlink(i);
			this.append(i);
			return row;
		}
		this.misses++;
		if (this.count < this.capacity) {
			row = this.freshRow();
			this.count++;
		} else {
			const victim = this.head;
			this.unlink(victim);
			row = this.rows[victim]!;
			this.rows[victim] = null;
		}
		this.compute(i, row);
		this.rows[i] = row;
		this.append(i);
		return row;
	}

	/** A new row, cut from a block of about BLOCK_BYTES. */
	private freshRow(): Float32Array {
		if (this.blockUsed === this.blockRows) {
			const perBlock = Math.max(1, Math.floor(BLOCK_BYTES / (BYTES_PER_VALUE * this.n)));
			this.blockRows = Math.min(perBlock, this.capacity - this.count);
			this.block = new Float32Array(this.blockRows * this.n);
			this.blockUsed = 0;
		}
		const start = this.blockUsed++ * this.n;
		return this.block.subarray(start, start + this.n);
	}

	private unlink(i: number): void {
		const p = this.prev[i];
		const q = this.next[i];
		if (p >= 0) this.next[p] = q;
		else this.head = q;
		if (q >= 0) this.prev[q] = p;
		else this.tail = p;
		this.prev[i] = this.next[i] = -1;
	}

	private append(i: number): void {
		this.prev[i] = this.tail;
		this.next[i] = -1;
		if (this.tail >= 0) this.next[this.tail] = i;
		else this.head = i;
		this.tail = i;
	}
}

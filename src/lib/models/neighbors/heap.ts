/**
 * The bounded max-heap both k-NN searches keep their k candidates in (knn.ts brute force, kd-tree.ts). Entries are
 * ordered by (squared distance, training row index): the top is the farthest candidate, and of equal distances the
 * later row. A candidate enters a full heap only when it comes before the top in that order, so whatever order rows
 * are visited in, the heap ends holding the k smallest (distance, index) pairs: the same neighbours, ties going to
 * the earlier training row.
 */

/** Heap order: larger distance first; equal distances put the later row on top, so it is the one replaced. */
function above(dA: number, iA: number, dB: number, iB: number): boolean {
	return dA > dB || (dA === dB && iA > iB);
}

/**
 * Offers row i at squared distance d to a heap holding `size` of at most k entries; returns the new size. A full
 * heap takes it only when (d, i) comes before its top.
 */
export function offer(
	heapD: Float64Array,
	heapI: Int32Array,
	size: number,
	k: number,
	d: number,
	i: number
): number {
	if (size < k) {
		siftUp(heapD, heapI, size, d, i);
		return size + 1;
	}
	if (above(heapD[0], heapI[0], d, i)) {
		heapD[0] = d;
		heapI[0] = i;
		siftDown(heapD, heapI, size);
	}
	return size;
}

/** Empties a full heap of k entries into out[o .. o + k) in ascending (distance, index) order. */
export function drain(
	heapD: Float64Array,
	heapI: Int32Array,
	k: number,
	index: Int32Array,
	dist2: Float64Array,
	o: number
): void {
	for (let size = k; size > 0; size--) {
		index[o + size - 1] = heapI[0];
		dist2[o + size - 1] = heapD[0];
		const last = size - 1;
		heapD[0] = heapD[last];
		heapI[0] = heapI[last];
		siftDown(heapD, heapI, last);
	}
}

function siftUp(heapD: Float64Array, heapI: Int32Array, at: number, d: number, i: number): void {
	let pos = at;
	while (pos > 0) {
		const parent = (pos - 1) >> 1;
		if (!above(d, i, heapD[parent], heapI[parent])) break;
		heapD[pos] = heapD[parent];
		heapI[pos] = heapI[parent];
		pos = parent;
	}
	heapD[pos] = d;
	heapI[pos] = i;
}

function siftDown(heapD: Float64Array, heapI: Int32Array, size: number): void {
	const d = heapD[0];
	const i = heapI[0];
	let pos = 0;
	for (;;) {
		let child = 2 * pos + 1;
		if (child >= size) break;
		if (child + 1 < size && above(heapD[child + 1], heapI[child + 1], heapD[child], heapI[child])) child++;
		if (!above(heapD[child], heapI[child], d, i)) break;
		heapD[pos] = heapD[child];
		heapI[pos] = heapI[child];
		pos = child;
	}
	heapD[pos] = d;
	heapI[pos] = i;
}

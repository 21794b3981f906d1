/**
 * Correlation network of assets (Mantegna 1999, Eur. Phys. J. B 11, 193): the Pearson correlation ρ of each pair
 * of return series becomes the metric distance d = √(2(1 − ρ)), and the minimum spanning tree (Prim's algorithm on
 * the complete graph) keeps the n − 1 strongest links that connect every asset without a cycle. Centralities are
 * those of the tree's topology, as networkx computes them by default (unweighted): degree, betweenness (Brandes
 * 2001), closeness and eigenvector centrality. Written here because networkx is Python and the graphs are tiny.
 */

/** Pearson correlation matrix (row-major n × n) of the columns; NaN where a column is constant. */
export function correlationMatrix(columns: readonly Float64Array[]): Float64Array {
	const n = columns.length;
	const len = columns[0].length;
	const centred = columns.map((c) => {
		let mean = 0;
		for (const v of c) mean += v;
		mean /= len;
		const d = Float64Array.from(c, (v) => v - mean);
		let ss = 0;
		for (const v of d) ss += v * v;
		const norm = Math.sqrt(ss);
		return d.map((v) => v / norm);
	});
	const out = new Float64Array(n * n);
	for (let i = 0; i < n; i++)
		for (let j = i; j < n; j++) {
			let s = 0;
			for (let t = 0; t < len; t++) s += centred[i][t] * centred[j][t];
			// Rounding can push |ρ| a hair past 1, which would make √(2(1 − ρ)) NaN.
			const r = i === j ? 1 : Math.max(-1, Math.min(1, s));
			out[i * n + j] = r;
			out[j * n + i] = r;
		}
	return out;
}

/** Mantegna's distance √(2(1 − ρ)): 0 for ρ = 1, √2 for ρ = 0, 2 for ρ = −1. */
export function correlationDistance(rho: number): number {
	return Math.sqrt(2 * (1 - rho));
}

export interface Edge {
	readonly a: number;
	readonly b: number;
	readonly weight: number;
}

/** Minimum spanning tree of the complete graph with these distances (row-major n × n), by Prim's algorithm from
 * node 0; ties go to the lower index. */
export function minimumSpanningTree(dist: Float64Array, n: number): Edge[] {
	const inTree = new Uint8Array(n);
	const best = new Float64Array(n).fill(Infinity);
	const from = new Int32Array(n).fill(-1);
	best[0] = 0;
	const edges: Edge[] = [];
	for (let step = 0; step < n; step++) {
		let u = -1;
		for (let v = 0; v < n; v++) if (!inTree[v] && (u < 0 || best[v] < best[u])) u = v;
		inTree[u] = 1;
		if (from[u] >= 0) edges.push({ a: Math.min(from[u], u), b: Math.max(from[u], u), weight: best[u] });
		for (let v = 0; v < n; v++)
			if (!inTree[v] && dist[u * n + v] < best[v]) {
				best[v] = dist[u * n + v];
				from[v] = u;
			}
	}
	return edges;
}

/** Adjacency lists of an undirected graph on n nodes. */
export function adjacency(n: number, edges: readonly Edge[]): number[][] {
	const adj: number[][] = Array.from({ length: n }, () => []);
	for (const e of edges) {
		adj[e.a].push(e.b);
		adj[e.b].push(e.a);
	}
	return adj;
}

/** networkx.degree_centrality: degree / (n − 1). */
export function degreeCentrality(adj: readonly number[][]): Float64Array {
	const n = adj.length;
	return Float64Array.from(adj, (nb) => (n > 1 ? nb.length / (n - 1) : 1));
}

/** Hop distances from s by breadth-first search (−1 where unreachable), with the order visited and path counts. */
function bfs(adj: readonly number[][], s: number) {
	const n = adj.length;
	const dist = new Int32Array(n).fill(-1);
	const sigma = new Float64Array(n);
	const order: number[] = [];
	dist[s] = 0;
	sigma[s] = 1;
	for (let h = 0, queue = [s]; h < queue.length; h++) {
		const v = queue[h];
		order.push(v);
		for (const w of adj[v]) {
			if (dist[w] < 0) {
				dist[w] = dist[v] + 1;
				queue.push(w);
			}
			if (dist[w] === dist[v] + 1) sigma[w] += sigma[v];
		}
	}
	return { dist, sigma, order };
}

/**
 * networkx.betweenness_centrality(normalized=True) of an undirected unweighted graph: Brandes' accumulation over
 * every source (each pair counted from both ends), divided by (n − 1)(n − 2); zero for n ≤ 2.
 */
export function betweennessCentrality(adj: readonly number[][]): Float64Array {
	const n = adj.length;
	const cb = new Float64Array(n);
	for (let s = 0; s < n; s++) {
		const { dist, sigma, order } = bfs(adj, s);
		const delta = new Float64Array(n);
		for (let i = order.length - 1; i >= 0; i--) {
			const w = order[i];
			for (const v of adj[w]) if (dist[v] === dist[w] - 1) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
			if (w !== s) cb[w] += delta[w];
		}
	}
	if (n <= 2) return cb;
	return cb.map((v) => v / ((n - 1) * (n - 2)));
}

/** networkx.closeness_centrality of a connected graph: (n − 1) / Σ hop distances to the others. */
export function closenessCentrality(adj: readonly number[][]): Float64Array {
	const n = adj.length;
	return Float64Array.from(adj, (_, s) => {
		const { dist } = bfs(adj, s);
		let sum = 0;
		for (const d of dist) sum += d;
		return sum > 0 ? (n - 1) / sum : 0;
	});
}

/** Power iterations before giving up; a tree of a few dozen assets converges in far fewer. */
const MAX_ITERATIONS = 10_000;

/**
 * Eigenvector centrality: the Perron eigenvector of the adjacency matrix, positive, unit Euclidean norm (networkx's
 * normalisation). Power iteration on A + I, as networkx does, because a tree is bipartite and plain iteration on A
 * would oscillate between ±λ; A + I has the same leading eigenvector.
 */
export function eigenvectorCentrality(adj: readonly number[][], tol = 1e-13): Float64Array {
	const n = adj.length;
	let x = new Float64Array(n).fill(1 / Math.sqrt(n));
	for (let it = 0; it < MAX_ITERATIONS; it++) {
		const next = Float64Array.from(x);
		for (let v = 0; v < n; v++) for (const w of adj[v]) next[v] += x[w];
		let norm = 0;
		for (const v of next) norm += v * v;
		norm = Math.sqrt(norm);
		let change = 0;
		for (let v = 0; v < n; v++) {
			next[v] /= norm;
			change += Math.abs(next[v] - x[v]);
		}
		x = next;
		if (change < n * tol) return x;
	}
	return x;
}

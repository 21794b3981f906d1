import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import {
	adjacency,
	betweennessCentrality,
	closenessCentrality,
	correlationDistance,
	correlationMatrix,
	degreeCentrality,
	eigenvectorCentrality,
	minimumSpanningTree,
	type Edge
} from './network';

// networkx is not installed for /usr/bin/python3 here, so the centralities are checked on small graphs computed
// by hand with networkx's definitions (degree_centrality, betweenness_centrality(normalized=True),
// closeness_centrality, eigenvector_centrality with unit Euclidean norm).
const e = (a: number, b: number): Edge => ({ a, b, weight: 1 });
const path4 = adjacency(4, [e(0, 1), e(1, 2), e(2, 3)]);
const star4 = adjacency(4, [e(0, 1), e(0, 2), e(0, 3)]);
const close = (got: Float64Array, want: number[], digits = 12) =>
	want.forEach((w, i) => expect(got[i], `node ${i}`).toBeCloseTo(w, digits));

describe('centralities of hand-computed graphs', () => {
	it('gives the path a–b–c–d degrees 1/3, 2/3, 2/3, 1/3', () => {
		close(degreeCentrality(path4), [1 / 3, 2 / 3, 2 / 3, 1 / 3]);
	});

	it('gives the path betweenness 0, 2/3, 2/3, 0: b lies on a–c and a–d, over (n−1)(n−2)/2 = 3 pairs', () => {
		close(betweennessCentrality(path4), [0, 2 / 3, 2 / 3, 0]);
	});

	it('gives the path closeness 3/6, 3/4, 3/4, 3/6 (hop sums 6 and 4)', () => {
		close(closenessCentrality(path4), [0.5, 0.75, 0.75, 0.5]);
	});

	it('gives the path the eigenvector ∝ sin(kπ/5), k = 1..4 (eigenvalue 2cos(π/5)), of unit norm', () => {
		const v = [1, 2, 3, 4].map((k) => Math.sin((k * Math.PI) / 5));
		const norm = Math.hypot(...v);
		close(
			eigenvectorCentrality(path4),
			v.map((x) => x / norm),
			10
		);
	});

	it('gives a star’s centre betweenness 1, closeness 1, degree 1 and eigenvector 1/√2 (leaves 1/√6)', () => {
		close(betweennessCentrality(star4), [1, 0, 0, 0]);
		close(closenessCentrality(star4), [1, 0.6, 0.6, 0.6]);
		close(degreeCentrality(star4), [1, 1 / 3, 1 / 3, 1 / 3]);
		close(
			eigenvectorCentrality(star4),
			[Math.SQRT1_2, 1 / Math.sqrt(6), 1 / Math.sqrt(6), 1 / Math.sqrt(6)],
			10
		);
	});

	it('splits betweenness between two shortest paths in a square (each node 1/6 after normalising)', () => {
		// Square 0–1–2–3–0: pair (0, 2) has two shortest paths, through 1 and through 3, each getting ½.
		close(betweennessCentrality(adjacency(4, [e(0, 1), e(1, 2), e(2, 3), e(3, 0)])), [
			1 / 6,
			1 / 6,
			1 / 6,
			1 / 6
		]);
	});
});

/** Every spanning tree of the complete graph on n labelled nodes, from its Prüfer sequence. */
function* spanningTrees(n: number): Generator<[number, number][]> {
	const seq = new Array<number>(n - 2).fill(0);
	for (;;) {
		const degree = new Array<number>(n).fill(1);
		for (const s of seq) degree[s]++;
		const edges: [number, number][] = [];
		for (const s of seq) {
			const leaf = degree.findIndex((d) => d === 1);
			edges.push([leaf, s]);
			degree[leaf]--;
			degree[s]--;
		}
		const [u, v] = degree.flatMap((d, i) => (d === 1 ? [i] : []));
		edges.push([u, v]);
		yield edges;
		let i = n - 3;
		while (i >= 0 && seq[i] === n - 1) seq[i--] = 0;
		if (i < 0) return;
		seq[i]++;
	}
}

describe('the minimum spanning tree', () => {
	it('picks the hand-worked tree of four assets: links ρ = 0.9, 0.8, 0.7 and never the weaker ones', () => {
		// ρ(0,1) = 0.9, ρ(1,2) = 0.8, ρ(0,2) = 0.75 (closes a cycle), ρ(2,3) = 0.7, ρ(0,3) = 0.1, ρ(1,3) = 0.2.
		const rho = [
			[1, 0.9, 0.75, 0.1],
			[0.9, 1, 0.8, 0.2],
			[0.75, 0.8, 1, 0.7],
			[0.1, 0.2, 0.7, 1]
		];
		const dist = Float64Array.from(rho.flat(), correlationDistance);
		const tree = minimumSpanningTree(dist, 4).map((x) => [x.a, x.b]);
		expect(tree.sort()).toEqual([
			[0, 1],
			[1, 2],
			[2, 3]
		]);
	});

	it('is as short as the shortest of all 125 spanning trees of five random assets (brute force, 20 seeded draws)', () => {
		const rng = createRng(5);
		for (let draw = 0; draw < 20; draw++) {
			const cols = Array.from({ length: 5 }, () => Float64Array.from({ length: 30 }, () => rng.normal()));
			const common = Float64Array.from({ length: 30 }, () => rng.normal());
			cols.forEach((c, i) => c.forEach((_, t) => (c[t] += common[t] * i * 0.3)));
			const dist = correlationMatrix(cols).map(correlationDistance);
			const mst = minimumSpanningTree(dist, 5);
			let best = Infinity;
			let count = 0;
			for (const tree of spanningTrees(5)) {
				count++;
				best = Math.min(
					best,
					tree.reduce((s, [a, b]) => s + dist[a * 5 + b], 0)
				);
			}
			expect(count).toBe(125);
			expect(mst.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(best, 12);
		}
	});
});

describe('correlation and distance', () => {
	it('maps ρ = 1, 0, −1 to distances 0, √2, 2', () => {
		expect(correlationDistance(1)).toBe(0);
		expect(correlationDistance(0)).toBeCloseTo(Math.SQRT2, 15);
		expect(correlationDistance(-1)).toBe(2);
	});

	it('computes Pearson correlation: a series and its double are 1, its negative −1', () => {
		const x = Float64Array.of(1, 3, 2, 5, 4);
		const m = correlationMatrix([x, x.map((v) => 2 * v), x.map((v) => -v)]);
		expect(m[1]).toBeCloseTo(1, 14);
		expect(m[2]).toBeCloseTo(-1, 14);
		expect(m[5]).toBeCloseTo(-1, 14);
	});
});

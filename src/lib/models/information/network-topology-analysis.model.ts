/** Catalog entry `network_topology_analysis`: minimum spanning tree of return correlations and its centralities. */
import { AnalysisInputError, analysisResult } from '../analysis';
import { defineAnalysis } from '../seam';
import {
	adjacency,
	betweennessCentrality,
	closenessCentrality,
	correlationDistance,
	correlationMatrix,
	degreeCentrality,
	eigenvectorCentrality,
	minimumSpanningTree
} from './network';
import { describeReturns, returnsOf } from './returns';

/** A correlation from fewer returns than this is mostly noise (a year of monthly returns). */
const MIN_RETURNS = 12;

const MEASURES = ['degree', 'betweenness', 'closeness', 'eigenvector'] as const;
const LABEL = {
	degree: 'Degree',
	betweenness: 'Betweenness',
	closeness: 'Closeness',
	eigenvector: 'Eigenvector'
};

export const implementation = defineAnalysis({
	id: 'network_topology_analysis',
	task: 'measure',
	input: 'panel',
	// A correlation matrix and a tree of a handful of assets: well under a millisecond per hundred rows.
	costs: { expectedFitMs: () => 5, minDeadlineMs: 60_000 },
	evaluate(data, params) {
		const names = data.datasets.map((d) => d.name);
		const series = data.datasets.map((d) => returnsOf(d.bars, d.name));
		const n = names.length;
		const rows = series[0].values.length;
		if (n < 2) throw new AnalysisInputError('A correlation network needs at least two datasets');
		if (rows < MIN_RETURNS)
			throw new AnalysisInputError(
				`${rows} common returns; a correlation network needs at least ${MIN_RETURNS}`
			);
		series.forEach((s, i) => {
			if (s.values.every((v) => v === s.values[0]))
				throw new AnalysisInputError(`${names[i]}: its returns are constant, so it has no correlation`);
		});
		const rho = correlationMatrix(series.map((s) => s.values));
		const dist = rho.map(correlationDistance);
		const tree = minimumSpanningTree(dist, n);
		const adj = adjacency(n, tree);
		const scores = {
			degree: degreeCentrality(adj),
			betweenness: betweennessCentrality(adj),
			closeness: closenessCentrality(adj),
			eigenvector: eigenvectorCentrality(adj)
		};
		const chosen = scores[params.centrality_measure];
		const order = names.map((_, i) => i).sort((a, b) => chosen[b] - chosen[a] || a - b);
		const top = order[0];
		let meanRho = 0;
		for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) meanRho += rho[i * n + j];
		meanRho /= (n * (n - 1)) / 2;
		const treeLength = tree.reduce((s, e) => s + e.weight, 0);
		const treeRho = tree.reduce((s, e) => s + rho[e.a * n + e.b], 0) / tree.length;
		const meanCorrelationOf = (i: number) => {
			let s = 0;
			for (let j = 0; j < n; j++) if (j !== i) s += rho[i * n + j];
			return s / (n - 1);
		};
		return analysisResult({
			numbers: [
				{
					key: 'top_centrality',
					label: `Highest ${LABEL[params.centrality_measure].toLowerCase()} centrality (${names[top]})`,
					value: chosen[top]
				},
				{ key: 'assets', label: 'Assets', value: n },
				{ key: 'returns', label: 'Common returns per asset', value: rows },
				{ key: 'mean_correlation', label: 'Mean pairwise correlation', value: meanRho },
				{ key: 'mean_tree_correlation', label: 'Mean correlation of the tree’s links', value: treeRho },
				{
					key: 'tree_length',
					label: 'Tree length (sum of distances)',
					value: treeLength,
					note: 'Shrinks when the market moves together (Onnela et al. 2003).'
				}
			],
			tables: [
				{
					title: `Assets ranked by ${LABEL[params.centrality_measure].toLowerCase()} centrality in the tree`,
					columns: ['Asset', ...MEASURES.map((m) => LABEL[m]), 'Tree links', 'Mean correlation'],
					rows: order.map((i) => [
						names[i],
						...MEASURES.map((m) => scores[m][i]),
						adj[i].length,
						meanCorrelationOf(i)
					])
				},
				{
					title: 'Minimum spanning tree links',
					columns: ['Asset', 'Asset', 'Correlation', 'Distance √(2(1 − ρ))'],
					rows: tree.map((e) => [names[e.a], names[e.b], rho[e.a * n + e.b], e.weight])
				},
				{
					title: 'Correlation matrix of returns',
					columns: ['', ...names],
					rows: names.map((name, i) => [name, ...Array.from(rho.subarray(i * n, i * n + n))])
				}
			],
			notes: [
				describeReturns(series.every((s) => s.kind === 'log') ? 'log' : 'difference'),
				'Each pair of assets is linked at the distance √(2(1 − ρ)) of their return correlation ρ; the minimum spanning tree (Mantegna 1999) keeps the n − 1 shortest links that connect all assets without a cycle.',
				'Centralities are those of the tree’s links, unweighted, as networkx defines them: degree = links/(n − 1); betweenness = share of shortest paths through the asset, normalised by (n − 1)(n − 2)/2 pairs; closeness = (n − 1)/sum of link counts to the others; eigenvector = leading eigenvector of the adjacency matrix, unit length.',
				'Correlations over the whole common period; they change over time, and a handful of assets makes a small tree.'
			]
		});
	}
});

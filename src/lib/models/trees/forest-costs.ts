/**
 * Expected fit time of the bootstrap-tree ensembles (random forest, bagging), for their `costs`: per tree, per
 * 1,000 drawn rows, per level an average row descends (the partition and split scans are O(rows · features) per
 * level); unlimited trees on n rows put the average row about 1.5 · log2(n) levels deep.
 * bench/costs.ts on the real S&P matrix (13 features), defaults (100 unlimited trees), on the shared 2-core box
 * under load ~9: 790 ms on 1,260 rows and 3,447 ms on 4,000 (expected 586 / 2,156: ratios 1.35 and 1.6); unloaded,
 * bench/forest.ts fits 4,035 rows in 1.5–1.8 s (ratio ~0.8). Under load ~18, measured/expected was 2.1–3.3 for
 * both entries (bagging's 10 trees took 9–10 % of the forest's 100 trees' time, as the formula expects).
 */
const SETUP_MS = 2;
const MS_PER_TREE_LEVEL_PER_1K_ROWS = 0.3;
/** An unlimited tree's rows sit this many times log2(rows) deep on average (~18 levels on 4,000 rows). */
const LEVELS_PER_LOG2_ROWS = 1.5;

export function expectedForestFitMs(rows: number, trees: number, maxDepth: number | null): number {
	const unlimited = LEVELS_PER_LOG2_ROWS * Math.log2(Math.max(2, rows));
	const levels = Math.min(maxDepth ?? unlimited, unlimited);
	return SETUP_MS + trees * (rows / 1000) * levels * MS_PER_TREE_LEVEL_PER_1K_ROWS;
}

/**
 * The trial page's feature importance: each fold's importances by column name, averaged over the folds that
 * report one (a column a generated set's selection dropped in a fold counts 0 there), as shares of the total.
 * Folds without `featureNames` use the trial's set's names (daily_v1 folds never store them). Pure.
 */
export interface FoldImportance {
	readonly importance: ArrayLike<number> | null;
	readonly featureNames?: readonly string[];
}

export function importanceByName(
	folds: readonly FoldImportance[],
	setNames: readonly string[]
): { name: string; value: number }[] | null {
	const rs = folds.filter((r) => r.importance);
	if (rs.length === 0) return null;
	const sum = new Map<string, number>();
	for (const r of rs) {
		const names = r.featureNames ?? setNames;
		const imp = r.importance as ArrayLike<number>;
		for (let i = 0; i < imp.length; i++) {
			const name = names[i] ?? `column ${i + 1}`;
			sum.set(name, (sum.get(name) ?? 0) + imp[i] / rs.length);
		}
	}
	const total = [...sum.values()].reduce((a, b) => a + b, 0) || 1;
	return [...sum].map(([name, v]) => ({ name, value: v / total })).sort((a, b) => b.value - a.value);
}

/**
 * Schema version 4 (issue 8): dataset versions, pinned trials and task-kind metrics.
 * - Each dataset becomes version 1 of its own series (its id is the series key).
 * - Each trial records the data it ran on (the dataset's content hash and provenance now, which is what its
 *   folds read before versions existed) and its fold bounds as dates; its task is regression, the only kind
 *   that could run before.
 * - Metrics gain the task and the direction block every task shares; the regression block stays as it was.
 */
import type { Dexie, Transaction } from 'dexie';
import { foldDates, usableRange, walkForwardFolds } from '../../domain/splits';
import { V3_STORES } from './v3';

export const V4_STORES = {
	...V3_STORES,
	datasets: 'id, createdAt, seriesKey',
	trials: 'id, createdAt, status, spec.datasetId'
} as const;

type Row = Record<string, unknown>;

/** An old metrics block ({ regression, strategy, buyHold }) in the version 4 shape. */
export function upgradeMetrics(block: Row): Row {
	if ('task' in block) return block;
	const r = block.regression as Row;
	return {
		...block,
		task: 'regression',
		direction: { hitRate: r.hitRate, ic: r.ic, n: r.n },
		regression: r,
		classification: null,
		signal: null,
		strategy: block.strategy,
		buyHold: block.buyHold
	};
}

export function applyV4(db: Dexie): void {
	db.version(4)
		.stores(V4_STORES)
		.upgrade(async (tx: Transaction) => {
			await tx
				.table('datasets')
				.toCollection()
				.modify((ds: Row) => {
					ds.seriesKey ??= ds.id;
					ds.version ??= 1;
				});
			await tx
				.table('results')
				.toCollection()
				.modify((r: Row) => {
					r.metrics = upgradeMetrics(r.metrics as Row);
				});
			const datasets = new Map<string, Row>();
			for (const ds of (await tx.table('datasets').toArray()) as Row[]) datasets.set(String(ds.id), ds);
			await tx
				.table('trials')
				.toCollection()
				.modify((t: Row) => {
					if (t.summary) t.summary = upgradeMetrics(t.summary as Row);
					t.task ??= 'regression';
					const spec = t.spec as
						{ datasetId: string; target: { horizon: number }; validation: never; strategy?: Row } | undefined;
					if (spec?.strategy) spec.strategy.sizing ??= 'sign';
					const ds = spec && datasets.get(spec.datasetId);
					if (!spec || !ds) {
						t.data = null;
						t.foldBounds = [];
					} else {
						const bars = ds.bars as { t: Float64Array };
						t.data = {
							datasetId: ds.id,
							seriesKey: ds.seriesKey ?? ds.id,
							version: ds.version ?? 1,
							name: ds.name,
							contentSha256: ds.contentSha256,
							provenance: ds.provenance,
							rows: bars.t.length,
							firstT: bars.t[0],
							lastT: bars.t[bars.t.length - 1]
						};
						const folds = walkForwardFolds(usableRange(bars.t.length, spec.target.horizon), spec.validation);
						t.foldBounds = foldDates(bars.t, folds);
					}
					delete t.datasetSha256;
				});
		});
}

/**
 * The scanner's steps that read storage but decide nothing (app/scanner.ts runs them): whether a scan trial can
 * be reused, a promoted spec with its benchmark moved to the newest version, the promoted trials a scan runs, the
 * regime of a series on its last bar.
 */
import type { MlTrainerDb } from '../db/database';
import { trialRecordSchema, type DatasetRecord, type TrialRecord } from '../db/records';
import { promotedRecordSchema, type PromotedRecord, type RecommendationRecord } from '../db/scanner-records';
import { canonicalJson } from '../domain/canonical-json';
import type { TrialSpec } from '../domain/trial-spec';
import { trialSpecSchema } from '../domain/trial-spec';
import { RecommendError } from '../research/recommend/errors';
import { REGIME_WEIGHTS, regimeAt } from '../research/recommend/regime';
import { latestVersion } from './dataset-versions';

const sameSpec = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** A stored trial with exactly this spec on this version that completed or may still complete. */
export async function reusableTrial(
	db: MlTrainerDb,
	spec: ReturnType<typeof trialSpecSchema.parse>
): Promise<TrialRecord | undefined> {
	const rows = await db.trials.where('spec.datasetId').equals(spec.datasetId).toArray();
	return rows
		.map((r) => trialRecordSchema.parse(r))
		.filter((t) => t.status !== 'failed' && t.status !== 'cancelled' && sameSpec(t.spec, spec))
		.sort((a, b) => (a.status === 'completed' ? -1 : 0) - (b.status === 'completed' ? -1 : 0))[0];
}

/** The spec with each bar-series feature input (a benchmark) moved to its series' newest version. */
export async function withLatestInputs(db: MlTrainerDb, spec: TrialSpec): Promise<TrialSpec> {
	const inputs = spec.features.inputs;
	if (!inputs) return spec;
	const moved = [];
	for (const input of inputs) {
		if (input.kind !== 'dataset') {
			moved.push(input);
			continue;
		}
		const pinned = await db.datasets.get(input.id);
		const latest = pinned ? await latestVersion(db, pinned.seriesKey) : undefined;
		moved.push(latest ? { ...input, id: latest.id } : input);
	}
	return { ...spec, features: { ...spec.features, inputs: moved } };
}

export async function promotedFor(
	db: MlTrainerDb,
	ids: readonly string[] | undefined
): Promise<PromotedRecord[]> {
	const all = (await db.promoted.toArray()).map((r) => promotedRecordSchema.parse(r));
	return ids ? all.filter((p) => ids.includes(p.id)) : all.filter((p) => p.active);
}

export function regimeOf(ds: DatasetRecord): NonNullable<RecommendationRecord['regime']> {
	const finite = (x: number) => (Number.isFinite(x) ? x : null);
	try {
		const r = regimeAt(ds.bars.close, ds.bars.close.length - 1);
		return {
			state: r.state,
			trend: finite(r.trend),
			volPercentile: finite(r.volPercentile),
			weights: { ...r.weights }
		};
	} catch (e) {
		// A close that is not a positive price: no regime, equal weights (regime.ts refuses such bars).
		if (e instanceof RecommendError)
			return {
				state: 'insufficient',
				trend: null,
				volPercentile: null,
				weights: { ...REGIME_WEIGHTS.insufficient }
			};
		throw e;
	}
}

/**
 * Reads the records a study, analysis or portfolio link is built from (share.ts buildShared), parsed on read like
 * every row, and hands them to the pure builders. Takes the database so tests run it on fake-indexeddb.
 */
import { analysisRecordSchema, type PinnedInput } from '../db/analysis-records';
import type { MlTrainerDb } from '../db/database';
import {
	datasetRecordSchema,
	foldResultRecordSchema,
	seriesRecordSchema,
	trialRecordSchema
} from '../db/records';
import { studyRecordSchema } from '../db/study-records';
import { bestOf } from '../research/study/plan';
import type { SharedAnalysis, SharedInput, SharedPortfolio, SharedStudy } from '../security/share-schema';
import { readPortfolio } from './portfolio';
import { sharedAnalysisOf } from './share-analysis';
import { sharedPortfolioOf } from './share-portfolio';
import { sharedStudyOf, type BestTrialRecords } from './share-study';

/**
 * The shared inputs (built from pins, in the pins' order) with what only the stored records know: a dataset's
 * ticker and the request it was fetched with, a series' provider id — so the recipient can fetch the same data.
 */
export async function inputsWithRequests(
	db: MlTrainerDb,
	pins: readonly PinnedInput[],
	shared: readonly SharedInput[]
): Promise<SharedInput[]> {
	return Promise.all(
		shared.map(async (s, k) => {
			const pin = pins[k];
			if (!pin) return s;
			if (pin.kind === 'series') {
				const raw = await db.series.get(pin.id);
				return raw ? { ...s, symbol: seriesRecordSchema.parse(raw).seriesId.slice(0, 32) } : s;
			}
			const raw = await db.datasets.get(pin.id);
			if (!raw) return s;
			const d = datasetRecordSchema.parse(raw);
			return { ...s, symbol: d.symbol.slice(0, 32), ...(d.request ? { request: { ...d.request } } : {}) };
		})
	);
}

/** A stored trial with its fold results and dataset; null when the trial is no longer stored. */
export async function readTrialRecords(db: MlTrainerDb, id: string): Promise<BestTrialRecords | null> {
	const raw = await db.trials.get(id);
	if (!raw) return null;
	const trial = trialRecordSchema.parse(raw);
	const results = (await db.results.where('trialId').equals(id).sortBy('fold')).map((r) =>
		foldResultRecordSchema.parse(r)
	);
	const stored = trial.data && (await db.datasets.get(trial.data.datasetId));
	return { trial, results, dataset: stored ? datasetRecordSchema.parse(stored) : undefined };
}

export async function readSharedStudy(db: MlTrainerDb, id: string, appVersion: string): Promise<SharedStudy> {
	const raw = await db.studies.get(id);
	if (!raw) throw new RangeError(`study ${id} is not stored`);
	const study = studyRecordSchema.parse(raw);
	const entry = bestOf(study.trials, study.spec.objective.direction);
	const best = entry?.trialId ? await readTrialRecords(db, entry.trialId) : null;
	const shared = sharedStudyOf(study, best, appVersion);
	if (!shared.best || !best) return shared;
	return {
		...shared,
		best: {
			...shared.best,
			inputs: await inputsWithRequests(db, best.trial.inputs ?? [], shared.best.inputs)
		}
	};
}

export async function readSharedAnalysis(
	db: MlTrainerDb,
	id: string,
	appVersion: string
): Promise<SharedAnalysis> {
	const raw = await db.analyses.get(id);
	if (!raw) throw new RangeError(`analysis ${id} is not stored`);
	const analysis = analysisRecordSchema.parse(raw);
	const shared = sharedAnalysisOf(analysis, appVersion);
	return { ...shared, inputs: await inputsWithRequests(db, analysis.inputs, shared.inputs) };
}

/** The paper portfolio (there is one; the ref's id is not needed). */
export async function readSharedPortfolio(db: MlTrainerDb, appVersion: string): Promise<SharedPortfolio> {
	const record = await readPortfolio(db);
	if (!record) throw new RangeError('there is no paper portfolio to share: start one on the Portfolio page');
	return sharedPortfolioOf(record, appVersion);
}

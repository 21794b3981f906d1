/**
 * Reads the records a study, analysis or portfolio link is built from (share.ts buildShared), parsed on read like
 * every row, and hands them to the pure builders. Takes the database so tests run it on fake-indexeddb.
 */
import { analysisRecordSchema } from '../db/analysis-records';
import type { MlTrainerDb } from '../db/database';
import { datasetRecordSchema, foldResultRecordSchema, trialRecordSchema } from '../db/records';
import { studyRecordSchema } from '../db/study-records';
import { bestOf } from '../research/study/plan';
import type { SharedAnalysis, SharedPortfolio, SharedStudy } from '../security/share-schema';
import { readPortfolio } from './portfolio';
import { sharedAnalysisOf } from './share-analysis';
import { sharedPortfolioOf } from './share-portfolio';
import { sharedStudyOf, type BestTrialRecords } from './share-study';

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
	return sharedStudyOf(study, best, appVersion);
}

export async function readSharedAnalysis(
	db: MlTrainerDb,
	id: string,
	appVersion: string
): Promise<SharedAnalysis> {
	const raw = await db.analyses.get(id);
	if (!raw) throw new RangeError(`analysis ${id} is not stored`);
	return sharedAnalysisOf(analysisRecordSchema.parse(raw), appVersion);
}

/** The paper portfolio (there is one; the ref's id is not needed). */
export async function readSharedPortfolio(db: MlTrainerDb, appVersion: string): Promise<SharedPortfolio> {
	const record = await readPortfolio(db);
	if (!record) throw new RangeError('there is no paper portfolio to share: start one on the Portfolio page');
	return sharedPortfolioOf(record, appVersion);
}

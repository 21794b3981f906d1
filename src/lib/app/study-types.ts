/** The stored study's shapes, for pages and components (which reach storage only through app/). */
export {
	studyRecordSchema,
	type StoredStudyReport,
	type StudyOrigin,
	type StudyProcedure,
	type StudyRecord,
	type StudyTrial
} from '../db/study-records';

/**
 * The catalog procedures that run as a study: each maps its catalog parameters to a study's sampler and budget
 * (research/study/procedures.ts; its type makes it name exactly these ids). An entry listed here is runnable, as
 * a study over a base trial's model — never as a trial or an analysis of its own: it has no model module, and
 * the trial gateway refuses it with the way to run it.
 *
 * This file imports nothing, so the build config reads it too (scripts/vite-model-ids.ts catalogCounts).
 */
export const STUDY_PROCEDURE_IDS = [
	'automated_feature_engineering',
	'hyperparameter_evolution',
	'bayesian_parameter_optimization'
] as const;
export type StudyProcedureId = (typeof STUDY_PROCEDURE_IDS)[number];

export function isStudyProcedureId(id: string): id is StudyProcedureId {
	return (STUDY_PROCEDURE_IDS as readonly string[]).includes(id);
}

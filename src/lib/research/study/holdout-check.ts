/**
 * Whether a study's holdout fits its dataset: the search before the holdout must still make a fold, and the
 * holdout must hold at least one full test window of the same protocol. Pure: the gateway's own fold count
 * (compliance/trial-policy.ts) on the two date-bounded specs, its refusals moved onto the holdout field.
 */
import { checkTrial, type DatasetFacts, type InputLookup } from '../../compliance/trial-policy';
import type { SpecIssue } from '../../domain/trial-spec';
import { holdoutSpecFor, trialSpecFor, type StudyPlan } from './plan';
import type { Params } from './space';
import type { StudySpec } from './spec';

const DATED = new Set(['validation.testUntil', 'validation.testFrom']);

/**
 * Problems of the holdout on `holdout.from` (none for a study without one). Other refusals of the base trial are
 * not the holdout's: the study check reports them on their own fields.
 */
export function holdoutIssues(
	spec: StudySpec,
	plan: StudyPlan,
	params: Params,
	dataset: DatasetFacts,
	/** The stored feature inputs the base names: without them a spec with inputs is refused before its folds. */
	inputs?: InputLookup
): SpecIssue[] {
	if (!spec.holdout) return [];
	const parts = [
		{ what: 'the search before it', trial: trialSpecFor(spec, plan, params, 0) },
		{ what: 'the holdout itself', trial: holdoutSpecFor(spec, plan, params, 0) }
	];
	const issues: SpecIssue[] = [];
	for (const { what, trial } of parts) {
		const d = checkTrial(trial, dataset, inputs);
		const dated = d.allowed ? undefined : d.issues.find((i) => DATED.has(i.path));
		if (dated)
			issues.push({
				path: 'holdout.from',
				message: `a holdout from ${spec.holdout.from} leaves ${what} no fold: ${dated.message}`
			});
	}
	return issues;
}

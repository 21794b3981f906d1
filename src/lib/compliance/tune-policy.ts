/**
 * The gateway's check of a tuned signal's grid (`model.tune`, models/signal-tuning.ts runs it). Pure.
 */
import { requireEntry } from '../catalog/catalog';
import { fieldSchema } from '../catalog/params';
import type { SpecIssue } from '../domain/trial-spec';

type TuneGrid = Readonly<Record<string, readonly (number | boolean | string | null)[]>>;

/**
 * What is wrong with a grid for this model, field by field: only signals are tuned, every name must be one of
 * the entry's parameters, every value must be valid for its field on its own. (Combinations that break a rule
 * between fields, a fast period not below the slow one, are skipped when the folds run.)
 */
export function tuneIssues(modelId: string, task: string | null, grid: TuneGrid): SpecIssue[] {
	const issues: SpecIssue[] = [];
	if (task !== 'signal') {
		issues.push({
			path: 'model.tune',
			message: `model.tune chooses a signal's parameters on each training window; ${modelId} is not a signal`
		});
		return issues;
	}
	const entry = requireEntry(modelId);
	for (const [name, values] of Object.entries(grid)) {
		const spec = entry.params[name];
		if (!spec) {
			issues.push({
				path: `model.tune.${name}`,
				message: `${modelId} has no parameter "${name}" (it has ${Object.keys(entry.params).join(', ')})`
			});
			continue;
		}
		const field = fieldSchema(name, spec);
		values.forEach((v, i) => {
			const parsed = field.safeParse(v);
			if (!parsed.success)
				issues.push({
					path: `model.tune.${name}.${i}`,
					message: `model.tune.${name}[${i}] = ${JSON.stringify(v)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`
				});
		});
		if (new Set(values.map((v) => JSON.stringify(v))).size !== values.length)
			issues.push({ path: `model.tune.${name}`, message: `model.tune.${name} repeats a value` });
	}
	return issues;
}

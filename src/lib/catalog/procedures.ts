/**
 * Catalog procedures (task `procedure`) that run here: not as a model of their own but as a way of running
 * other models. An entry listed in PROCEDURE_RUNS is runnable (catalog.ts) although it has no `.model.ts`
 * module; `runsAs` and `how` tell the Models page, the gateway and Claude's tools how to run it, and `start` is
 * the page that does. Everything that lists models to propose as a trial or an analysis leaves procedures out.
 */

export interface ProcedureRun {
	/** A short phrase: "nested tuning of a trial". */
	readonly runsAs: string;
	/** How to run it, in one or two sentences for the user and for Claude. */
	readonly how: string;
	/** The page that starts it. */
	readonly start: '/trials/new/' | '/studies/new/';
}

export const PROCEDURE_RUNS: Readonly<Record<string, ProcedureRun>> = {
	walk_forward_optimization: {
		runsAs: 'nested tuning of a trial',
		how: 'Start a trial of a learner or a signal with values to try (model.tune) and the inner walk-forward (model.tuneWindow: windowSize = window_size, stepSize = step_size): on each fold every combination is scored by inner walk-forward folds inside the training window, and the best is refitted on the whole window and tested.',
		start: '/trials/new/'
	}
};

/** How the procedure `id` runs, or undefined when `id` is not a runnable procedure. */
export function procedureRun(id: string): ProcedureRun | undefined {
	return Object.hasOwn(PROCEDURE_RUNS, id) ? PROCEDURE_RUNS[id] : undefined;
}

/** A runnable procedure: it runs through other models, never as a trial's or an analysis's own model. */
export function isProcedure(entry: { readonly id: string }): boolean {
	return procedureRun(entry.id) !== undefined;
}

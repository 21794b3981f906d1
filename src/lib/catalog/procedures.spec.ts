import { describe, expect, it } from 'vitest';
import { DECLARED_ENTRIES } from './declared';
import { getEntry, isRunnable } from './catalog';
import { isProcedure, PROCEDURE_RUNS, procedureRun } from './procedures';

describe('runnable procedures', () => {
	it('are catalog procedures declared not implemented, made runnable by saying how they run', () => {
		expect(Object.keys(PROCEDURE_RUNS).length).toBeGreaterThan(0);
		for (const id of Object.keys(PROCEDURE_RUNS)) {
			const declared = DECLARED_ENTRIES.find((e) => e.id === id);
			expect(declared, id).toBeDefined();
			expect(declared!.kind, id).toBe('procedure');
			expect(declared!.task, id).toBe('procedure');
			expect(declared!.status, id).toBe('not_implemented');
			expect(isRunnable(getEntry(id)!), id).toBe(true);
		}
	});

	it('run walk_forward_optimization as nested tuning of a trial, from the New trial page', () => {
		const run = procedureRun('walk_forward_optimization');
		expect(run).toMatchObject({ runsAs: 'nested tuning of a trial', start: '/trials/new/' });
		expect(run!.how).toMatch(
			/model\.tune.*model\.tuneWindow: windowSize = window_size, stepSize = step_size/
		);
		expect(isProcedure({ id: 'walk_forward_optimization' })).toBe(true);
	});

	it('leave models and unlisted procedures alone', () => {
		expect(procedureRun('ridge')).toBeUndefined();
		expect(isProcedure({ id: 'ridge' })).toBe(false);
		// A procedure nobody has made runnable yet stays as declared.
		expect(procedureRun('federated_learning')).toBeUndefined();
		expect(procedureRun('toString')).toBeUndefined();
	});
});

import { describe, expect, it } from 'vitest';
import { buildLineage, lineageCsv, lineageJson, type LineageStep } from './lineage';

const step = (id: string, parentId: string | null, value: number, extra: Partial<LineageStep> = {}) =>
	({
		id,
		kind: 'trial',
		parentId,
		parentNamed: parentId !== null,
		rationale: `why ${id}`,
		state: 'complete',
		value,
		dsr: 0.5,
		bestTrialId: null,
		model: 'ridge',
		at: 0,
		...extra
	}) satisfies LineageStep;

describe('the lineage', () => {
	it('builds depths from parents and highlights the path to the best step', () => {
		const l = buildLineage(
			[
				step('a', null, 0.1),
				step('b', 'a', 0.3),
				step('c', 'a', 0.2),
				step('d', 'b', 0.5),
				step('e', 'c', 0.4)
			],
			'maximize'
		);
		expect(l.nodes.map((n) => n.depth)).toEqual([0, 1, 1, 2, 2]);
		expect(l.bestId).toBe('d');
		expect(l.bestPath).toEqual(['a', 'b', 'd']);
		expect(l.nodes.filter((n) => n.onBestPath).map((n) => n.id)).toEqual(['a', 'b', 'd']);
	});

	it('treats an unknown or later parent as no parent', () => {
		const l = buildLineage([step('a', 'zzz', 0.1), step('b', 'c', 0.3), step('c', 'a', 0.2)], 'maximize');
		expect(l.nodes.map((n) => n.parentId)).toEqual([null, null, 'a']);
		expect(l.bestPath).toEqual(['b']);
	});

	it('lets a step name a study by its best trial', () => {
		const l = buildLineage(
			[step('s1', null, 0.4, { kind: 'study', bestTrialId: 's1.007' }), step('t2', 's1.007', 0.6)],
			'maximize'
		);
		expect(l.nodes[1].parentId).toBe('s1');
		expect(l.bestPath).toEqual(['s1', 't2']);
	});

	it('ranks in the objective direction and skips steps without a result', () => {
		const l = buildLineage(
			[step('a', null, 0.7), step('b', 'a', 0.6), step('c', 'b', Number.NaN, { state: 'failed' })],
			'minimize'
		);
		expect(l.bestId).toBe('b');
		expect(buildLineage([step('a', null, Number.NaN, { state: 'running' })], 'maximize').bestPath).toEqual(
			[]
		);
	});

	it('exports as CSV with quoted text and empty cells for missing numbers', () => {
		const l = buildLineage(
			[
				step('a', null, 0.25, { rationale: 'baseline, "plain"' }),
				step('b', 'a', Number.NaN, { state: 'failed' })
			],
			'maximize'
		);
		expect(lineageCsv(l)).toBe(
			'step,id,kind,parent,parent_named,depth,model,state,value,dsr,best_path,rationale\n' +
				'1,a,trial,,false,0,ridge,complete,0.25,0.5,true,"baseline, ""plain"""\n' +
				'2,b,trial,a,true,1,ridge,failed,,0.5,false,why b\n'
		);
	});

	it('exports as JSON with the loop, the best path and null for a number that could not be computed', () => {
		const l = buildLineage(
			[step('a', null, 0.25), step('b', 'a', Number.NaN, { state: 'failed' })],
			'maximize'
		);
		const out = JSON.parse(lineageJson({ id: 'loop-1', stopReason: 'stopped by the user' }, l));
		expect(out.format).toBe('mltrainer-lineage@1');
		expect(out.loop).toEqual({ id: 'loop-1', stopReason: 'stopped by the user' });
		expect(out.bestPath).toEqual(['a']);
		expect(out.nodes.map((n: { id: string; value: number | null }) => [n.id, n.value])).toEqual([
			['a', 0.25],
			['b', null]
		]);
	});
});

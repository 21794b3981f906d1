/**
 * The lineage of an autonomous loop: each step (a trial, or a study) with the step it built on, Claude's rationale
 * for it, its result and its Deflated Sharpe Ratio; the path from the first step to the best one; a layout for
 * drawing it and an export. Pure: no I/O.
 */
import { toScore, type Direction } from '../study/objective';

export interface LineageStep {
	/** The trial id, or the study id for a study. */
	readonly id: string;
	readonly kind: 'trial' | 'study';
	/** The step it builds on (a trial id of this loop), or null for a root. */
	readonly parentId: string | null;
	/** True when Claude named the parent; false when none was named and the best step before it stands in. */
	readonly parentNamed: boolean;
	readonly rationale: string;
	readonly state: 'running' | 'complete' | 'failed';
	/** The loop's objective (for a study, its best trial's). NaN when unavailable. */
	readonly value: number;
	readonly dsr: number;
	/** A study's best trial, whose numbers the step reports. */
	readonly bestTrialId: string | null;
	readonly model: string;
	readonly at: number;
}

export interface LineageNode extends LineageStep {
	readonly depth: number;
	/** Row in proposal order. */
	readonly row: number;
	readonly onBestPath: boolean;
}

export interface Lineage {
	readonly nodes: LineageNode[];
	readonly bestId: string | null;
	/** Root first. */
	readonly bestPath: string[];
}

/** A study step is found by its best trial too, so a later step may name either as its parent. */
function index(steps: readonly LineageStep[]): Map<string, LineageStep> {
	const byId = new Map<string, LineageStep>();
	for (const s of steps) {
		byId.set(s.id, s);
		if (s.bestTrialId && !byId.has(s.bestTrialId)) byId.set(s.bestTrialId, s);
	}
	return byId;
}

export function buildLineage(steps: readonly LineageStep[], direction: Direction): Lineage {
	const byId = index(steps);
	const order = new Map(steps.map((s, i) => [s.id, i]));
	// A parent must come earlier, so the graph is a forest whatever ids Claude names.
	const parentOf = (s: LineageStep): LineageStep | null => {
		const p = s.parentId === null ? undefined : byId.get(s.parentId);
		return p && (order.get(p.id) ?? Infinity) < (order.get(s.id) ?? -1) ? p : null;
	};
	const depth = new Map<string, number>();
	for (const s of steps) {
		const p = parentOf(s);
		depth.set(s.id, p ? (depth.get(p.id) ?? 0) + 1 : 0);
	}
	let best: LineageStep | null = null;
	for (const s of steps)
		if (
			s.state === 'complete' &&
			Number.isFinite(s.value) &&
			(!best || toScore(s.value, direction) > toScore(best.value, direction))
		)
			best = s;
	const path: string[] = [];
	for (let at: LineageStep | null = best; at; at = parentOf(at)) path.unshift(at.id);
	const onPath = new Set(path);
	return {
		nodes: steps.map((s, row) => ({
			...s,
			parentId: parentOf(s)?.id ?? null,
			depth: depth.get(s.id) ?? 0,
			row,
			onBestPath: onPath.has(s.id)
		})),
		bestId: best?.id ?? null,
		bestPath: path
	};
}

const CSV_COLUMNS = [
	'step',
	'id',
	'kind',
	'parent',
	'parent_named',
	'depth',
	'model',
	'state',
	'value',
	'dsr',
	'best_path',
	'rationale'
] as const;

function cell(v: string | number | boolean): string {
	const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function lineageCsv(lineage: Lineage): string {
	const rows = lineage.nodes.map((n) =>
		[
			n.row + 1,
			n.id,
			n.kind,
			n.parentId ?? '',
			n.parentNamed,
			n.depth,
			n.model,
			n.state,
			n.value,
			n.dsr,
			n.onBestPath,
			n.rationale
		]
			.map(cell)
			.join(',')
	);
	return [CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

/**
 * The lineage as JSON for export, with the loop's settings and outcome: numbers that could not be computed are
 * null (JSON has no NaN), never a stand-in value.
 */
export function lineageJson(loop: unknown, lineage: Lineage): string {
	return JSON.stringify(
		{ format: 'mltrainer-lineage@1', loop, bestPath: lineage.bestPath, nodes: lineage.nodes },
		(_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
		2
	);
}

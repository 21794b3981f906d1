/**
 * What Claude reads of a stored analysis (get_analysis_results, and the answer to an approved propose_analysis):
 * every number from the stored result, rounded; missing ones null with their reason; text from files and
 * providers as quoted data, cut short. Charts are summarised by their titles and sizes: Claude cannot see them
 * and long series would crowd out the conversation. Pure.
 */
import type { AnalysisRecord } from '../../db/analysis-records';
import { answer, failure, num, when, type ToolResult } from './format';
import { dataText } from './text';

const MAX_ID_CHARS = 64;
const MAX_TEXT_CHARS = 200;
/** Rows of each table Claude is shown (the rest are counted). */
const MAX_TABLE_ROWS = 12;

function cell(v: string | number | null): string | number | null {
	return typeof v === 'number' ? num(v) : v === null ? null : dataText(v, 80);
}

/** The stored analysis as a plain JSON view. */
export function analysisView(a: AnalysisRecord): Record<string, unknown> {
	const r = a.result;
	return {
		id: dataText(a.id, MAX_ID_CHARS),
		name: dataText(a.spec.name, 120),
		model: dataText(a.spec.model.id, MAX_ID_CHARS),
		task: a.task,
		params: Object.fromEntries(
			Object.entries(a.spec.model.params).map(([k, v]) => [
				dataText(k, MAX_ID_CHARS),
				typeof v === 'number' ? num(v) : typeof v === 'string' ? dataText(v, MAX_ID_CHARS) : v
			])
		),
		status: a.status,
		created: when(a.createdAt, true),
		error: a.error ? { code: a.error.code, reason: dataText(a.error.reason, MAX_TEXT_CHARS) } : null,
		data: a.inputs.map((i) => ({
			kind: i.kind,
			id: dataText(i.id, MAX_ID_CHARS),
			name: dataText(i.name, 80),
			source: i.provenance.source,
			rows: num(i.rows),
			contentSha256: dataText(i.contentSha256, 64)
		})),
		rows_used: a.alignedRows === null ? null : num(a.alignedRows),
		period: a.firstT === null ? null : { from: when(a.firstT), to: when(a.lastT) },
		verdict: r?.verdict ? dataText(r.verdict, 400) : null,
		numbers: (r?.numbers ?? []).map((n) => ({
			key: n.key,
			label: dataText(n.label, 80),
			value: num(n.value),
			...(n.unit ? { unit: n.unit } : {}),
			...(n.note ? { note: dataText(n.note, MAX_TEXT_CHARS) } : {})
		})),
		tables: (r?.tables ?? []).map((t) => ({
			title: dataText(t.title, 80),
			columns: t.columns.map((c) => dataText(c, 40)),
			rows: t.rows.slice(0, MAX_TABLE_ROWS).map((row) => row.map(cell)),
			...(t.rows.length > MAX_TABLE_ROWS ? { more_rows: t.rows.length - MAX_TABLE_ROWS } : {})
		})),
		charts: (r?.charts ?? []).map((c) => ({
			title: dataText(c.title, 80),
			points: c.x.length,
			lines: c.lines.map((l) => dataText(l.name, 40))
		})),
		notes: (r?.notes ?? []).map((n) => dataText(n, 400)),
		note: "null means not available; '%' marks a fraction (0.1 = 10%). Charts are on the analysis page."
	};
}

export function getAnalysisResults(id: string, analyses: readonly AnalysisRecord[]): ToolResult {
	const a = analyses.find((x) => x.id === id);
	if (!a)
		return failure(`no stored analysis has the id ${JSON.stringify(dataText(id, MAX_ID_CHARS))}`, {
			analysis_count: analyses.length,
			recent_ids: [...analyses]
				.sort((x, y) => y.createdAt - x.createdAt)
				.slice(0, 10)
				.map((x) => dataText(x.id, MAX_ID_CHARS))
		});
	return answer(analysisView(a));
}

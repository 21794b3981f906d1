/**
 * A completed analysis → what its share link carries (share-schema.ts sharedAnalysisSchema). Pure. A reader of
 * an analysis reads its verdict and its named numbers (ui/AnalysisResultView.svelte shows them first), so those
 * travel — each with its label and unit — together with the exact data it read (every input's source, range and
 * content hash) and the parameters and seed that reproduce it. Tables and charts do not fit a link: the link
 * says how many were left out, and so does the shared view.
 */
import type { AnalysisRecord } from '../db/analysis-records';
import {
	MAX_METRICS,
	finiteOrNull,
	sharedAnalysisSchema,
	type SharedAnalysis
} from '../security/share-schema';
import { sharedInputOf } from './share-trial';

/** Longest key or parameter name a link carries (share-schema text(60)). */
const MAX_KEY_CHARS = 60;

function paramsOf(params: AnalysisRecord['spec']['model']['params']): SharedAnalysis['params'] {
	const out: SharedAnalysis['params'] = {};
	for (const [k, v] of Object.entries(params)) {
		if (k.length > MAX_KEY_CHARS)
			throw new RangeError(`parameter ${k.slice(0, 20)}… has a name longer than ${MAX_KEY_CHARS} characters`);
		out[k] = typeof v === 'number' ? finiteOrNull(v) : v;
	}
	return out;
}

export function sharedAnalysisOf(analysis: AnalysisRecord, appVersion: string): SharedAnalysis {
	if (analysis.status !== 'completed' || !analysis.result)
		throw new RangeError(
			`analysis ${analysis.id} is ${analysis.status}: only a completed analysis can be shared`
		);
	const r = analysis.result;
	const numbers = r.numbers.filter((n) => n.key.length <= MAX_KEY_CHARS).slice(0, MAX_METRICS);
	const results: Record<string, number | null> = {};
	const labels: Record<string, { label: string; unit: string }> = {};
	for (const n of numbers) {
		const v = finiteOrNull(n.value);
		results[n.key] = v === 0 ? 0 : v;
		labels[n.key] = { label: n.label.slice(0, 160), unit: (n.unit ?? '').slice(0, 24) };
	}
	const { spec } = analysis;
	return sharedAnalysisSchema.parse({
		kind: 'analysis',
		name: (spec.name || spec.model.id).slice(0, 120),
		analysis: spec.model.id,
		task: analysis.task,
		params: paramsOf(spec.model.params),
		inputs: analysis.inputs.map(sharedInputOf),
		rows: analysis.alignedRows,
		firstT: analysis.firstT,
		lastT: analysis.lastT,
		from: spec.from ?? null,
		to: spec.to ?? null,
		seed: spec.seed,
		results,
		labels,
		omitted: {
			numbers: r.numbers.length - Object.keys(results).length,
			tables: r.tables.length,
			charts: r.charts.length
		},
		summary: (r.verdict ?? '').slice(0, 500),
		appVersion: appVersion.slice(0, 40)
	});
}

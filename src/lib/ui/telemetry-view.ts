/**
 * What the Telemetry page draws from the metric families: per family its rows (labels in words, value, share of the
 * family's largest value for the bar) and, for the fit-time histogram, each model's count, median bucket and
 * total. Pure.
 */
import type { MetricFamily, SampleFamily } from '$lib/domain/prometheus';

export interface BarRow {
	readonly label: string;
	readonly value: number;
	/** value ÷ the family's largest value, in [0, 1] (0 when all are 0). */
	readonly share: number;
}

export interface FamilyView {
	readonly name: string;
	readonly help: string;
	readonly rows: readonly BarRow[];
}

export interface FitRow {
	readonly model: string;
	readonly folds: number;
	readonly totalSeconds: number;
	/** The upper bound of the bucket holding the median fold (seconds), or null beyond the last bound. */
	readonly medianAtMost: number | null;
}

const labelWords = (labels: Readonly<Record<string, string>>): string =>
	Object.entries(labels)
		.map(([k, v]) => `${k} ${v}`)
		.join(' · ') || 'all';

export function familyViews(families: readonly MetricFamily[]): FamilyView[] {
	return families
		.filter((f): f is SampleFamily => f.type !== 'histogram')
		.map((f) => {
			const samples = f.samples;
			const top = Math.max(0, ...samples.map((s) => s.value));
			return {
				name: f.name,
				help: f.help,
				rows: samples.map((s) => ({
					label: labelWords(s.labels),
					value: s.value,
					share: top > 0 ? s.value / top : 0
				}))
			};
		});
}

export function fitRows(families: readonly MetricFamily[]): FitRow[] {
	const h = families.find((f) => f.type === 'histogram');
	if (!h || h.type !== 'histogram') return [];
	return h.series.map((s) => {
		const sorted = [...s.observations].sort((a, b) => a - b);
		const median = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : Number.NaN;
		return {
			model: s.labels.model ?? 'all',
			folds: sorted.length,
			totalSeconds: sorted.reduce((a, b) => a + b, 0),
			medianAtMost: Number.isNaN(median) ? null : (h.buckets.find((b) => median <= b) ?? null)
		};
	});
}

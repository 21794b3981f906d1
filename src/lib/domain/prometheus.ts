/**
 * The Prometheus text exposition format (version 0.0.4, prometheus.io/docs/instrumenting/exposition_formats),
 * written for a node_exporter textfile collector: per family one `# HELP` and one `# TYPE` line, then its
 * samples, each `name{label="value",…} number`. Histograms are written as cumulative `_bucket{le="…"}` series
 * ending with `le="+Inf"`, then `_sum` and `_count`. Escaping as the format says: in label values `\`, `"` and
 * newline; in HELP text `\` and newline. Names are checked against the format's grammar and a counter must be
 * finite and non-negative; anything else is refused with a RangeError naming it. Pure.
 */

export type Labels = Readonly<Record<string, string>>;

export interface SampleFamily {
	readonly name: string;
	readonly help: string;
	readonly type: 'counter' | 'gauge';
	readonly samples: readonly { readonly labels: Labels; readonly value: number }[];
}

export interface HistogramFamily {
	readonly name: string;
	readonly help: string;
	readonly type: 'histogram';
	/** Finite upper bounds, strictly ascending; `+Inf` is added. */
	readonly buckets: readonly number[];
	/** One histogram per label set, from its raw observations. */
	readonly series: readonly { readonly labels: Labels; readonly observations: readonly number[] }[];
}

export type MetricFamily = SampleFamily | HistogramFamily;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function escapeLabelValue(v: string): string {
	return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function escapeHelp(v: string): string {
	return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value as the format writes it: `+Inf`, `-Inf`, `NaN` or the shortest round-trip decimal. */
export function formatValue(v: number): string {
	if (v === Infinity) return '+Inf';
	if (v === -Infinity) return '-Inf';
	if (Number.isNaN(v)) return 'NaN';
	return String(v);
}

function labelText(family: string, labels: Labels, reserved: readonly string[] = []): string {
	const keys = Object.keys(labels).sort();
	for (const k of keys) {
		if (!LABEL_NAME.test(k) || k.startsWith('__') || reserved.includes(k))
			throw new RangeError(`${family}: label name ${JSON.stringify(k)} is not allowed`);
	}
	return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${escapeLabelValue(labels[k])}"`).join(',')}}`;
}

function checkUnique(family: string, labelSets: readonly Labels[]): void {
	const seen = new Set<string>();
	for (const l of labelSets) {
		const key = labelText(family, l);
		if (seen.has(key)) throw new RangeError(`${family}: the label set ${key || '{}'} appears twice`);
		seen.add(key);
	}
}

function formatFamily(f: MetricFamily): string[] {
	if (!METRIC_NAME.test(f.name)) throw new RangeError(`metric name ${JSON.stringify(f.name)} is not allowed`);
	const out = [`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`];
	if (f.type !== 'histogram') {
		checkUnique(
			f.name,
			f.samples.map((s) => s.labels)
		);
		for (const s of f.samples) {
			if (f.type === 'counter' && !(Number.isFinite(s.value) && s.value >= 0))
				throw new RangeError(`${f.name}: a counter must be finite and ≥ 0, got ${s.value}`);
			out.push(`${f.name}${labelText(f.name, s.labels)} ${formatValue(s.value)}`);
		}
		return out;
	}
	f.buckets.forEach((b, i) => {
		if (!Number.isFinite(b) || (i > 0 && b <= f.buckets[i - 1]))
			throw new RangeError(`${f.name}: bucket bounds must be finite and strictly ascending`);
	});
	checkUnique(
		f.name,
		f.series.map((s) => s.labels)
	);
	for (const s of f.series) {
		const counts = new Array<number>(f.buckets.length).fill(0);
		let sum = 0;
		for (const x of s.observations) {
			if (!Number.isFinite(x)) throw new RangeError(`${f.name}: observation ${x} is not finite`);
			sum += x;
			for (let i = 0; i < f.buckets.length; i++) if (x <= f.buckets[i]) counts[i]++;
		}
		f.buckets.forEach((b, i) => {
			out.push(`${f.name}_bucket${labelText(f.name, { ...s.labels, le: formatValue(b) }, [])} ${counts[i]}`);
		});
		out.push(`${f.name}_bucket${labelText(f.name, { ...s.labels, le: '+Inf' })} ${s.observations.length}`);
		out.push(`${f.name}_sum${labelText(f.name, s.labels, ['le'])} ${formatValue(sum)}`);
		out.push(`${f.name}_count${labelText(f.name, s.labels, ['le'])} ${s.observations.length}`);
	}
	return out;
}

/** The whole exposition: families in the order given, names unique, ending with a newline. */
export function formatPrometheus(families: readonly MetricFamily[]): string {
	const names = new Set<string>();
	const lines: string[] = [];
	for (const f of families) {
		if (names.has(f.name)) throw new RangeError(`metric ${f.name} appears twice`);
		names.add(f.name);
		if (f.type === 'histogram') for (const s of f.series) labelText(f.name, s.labels, ['le']);
		lines.push(...formatFamily(f));
	}
	return `${lines.join('\n')}\n`;
}

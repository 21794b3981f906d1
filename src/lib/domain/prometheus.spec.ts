import { describe, expect, it } from 'vitest';
import { formatPrometheus, type MetricFamily } from './prometheus';

interface ParsedSample {
	readonly name: string;
	readonly labels: Record<string, string>;
	readonly value: number;
}
interface ParsedFamily {
	help: string;
	type: string;
	samples: ParsedSample[];
}

/**
 * A strict reader of the text exposition format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats): it
 * throws on anything the format does not allow — a sample before its family's TYPE, a family split in two, an
 * unknown escape, a bad name, a histogram whose buckets are not cumulative or lack +Inf = _count.
 */
function parseExposition(text: string): Map<string, ParsedFamily> {
	if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
	const families = new Map<string, ParsedFamily>();
	let current: string | null = null;
	const done = new Set<string>();
	const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
	for (const line of text.slice(0, -1).split('\n')) {
		const help = new RegExp(`^# HELP (${NAME}) (.*)$`).exec(line);
		const type = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
		if (help) {
			if (families.has(help[1])) throw new Error(`second HELP for ${help[1]}`);
			if (current) done.add(current);
			current = help[1];
			if (/\\[^\\n]/.test(help[2].replace(/\\\\/g, ''))) throw new Error(`bad escape in HELP: ${line}`);
			families.set(current, {
				help: help[2].replace(/\\n/g, '\n').replace(/\\\\/g, '\\'),
				type: '',
				samples: []
			});
			continue;
		}
		if (type) {
			const f = families.get(type[1]);
			if (!f || current !== type[1] || f.type || f.samples.length)
				throw new Error(`TYPE out of place: ${line}`);
			f.type = type[2];
			continue;
		}
		const m = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)$`).exec(line);
		if (!m) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
		const f = current ? families.get(current) : undefined;
		if (!f || !f.type) throw new Error(`sample before its family's TYPE: ${line}`);
		const suffixes = f.type === 'histogram' ? ['_bucket', '_sum', '_count'] : [''];
		if (!suffixes.some((s) => m[1] === `${current}${s}`))
			throw new Error(`${m[1]} is not in family ${current}`);
		const labels: Record<string, string> = {};
		let rest = m[2] ?? '';
		while (rest.length > 0) {
			const l = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\[\\"n])*)"(,|$)/.exec(rest);
			if (!l) throw new Error(`bad labels in ${line}`);
			if (l[1] in labels) throw new Error(`label ${l[1]} twice in ${line}`);
			labels[l[1]] = l[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
			rest = rest.slice(l[0].length);
			if (l[3] === ',' && rest.length === 0) throw new Error(`trailing comma in ${line}`);
		}
		if (!/^([-+]?Inf|NaN|[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)$/.test(m[3]))
			throw new Error(`bad value in ${line}`);
		const value = m[3].endsWith('Inf') ? (m[3].startsWith('-') ? -Infinity : Infinity) : Number(m[3]);
		if (f.type === 'counter' && !(value >= 0)) throw new Error(`negative counter in ${line}`);
		f.samples.push({ name: m[1], labels, value });
	}
	for (const [name, f] of families) {
		if (!f.type) throw new Error(`${name} has no TYPE`);
		if (f.type !== 'histogram') continue;
		const groups = new Map<string, ParsedSample[]>();
		for (const s of f.samples) {
			const { le: _le, ...rest } = s.labels;
			const key = JSON.stringify(Object.entries(rest).sort());
			groups.set(key, [...(groups.get(key) ?? []), s]);
		}
		for (const g of groups.values()) {
			const buckets = g.filter((s) => s.name.endsWith('_bucket'));
			const les = buckets.map((b) => (b.labels.le === '+Inf' ? Infinity : Number(b.labels.le)));
			if (les.at(-1) !== Infinity) throw new Error(`${name}: no +Inf bucket`);
			for (let i = 1; i < buckets.length; i++)
				if (!(les[i] > les[i - 1]) || buckets[i].value < buckets[i - 1].value)
					throw new Error(`${name}: buckets not ascending and cumulative`);
			const count = g.find((s) => s.name.endsWith('_count'));
			if (!count || count.value !== buckets.at(-1)!.value) throw new Error(`${name}: +Inf bucket ≠ _count`);
			if (!g.some((s) => s.name.endsWith('_sum'))) throw new Error(`${name}: no _sum`);
		}
	}
	return families;
}

const families: MetricFamily[] = [
	{
		name: 'mltrainer_trials_total',
		help: 'Trials by status and model.\nCounted from the stored trials.',
		type: 'counter',
		samples: [
			{ labels: { status: 'completed', model: 'ridge' }, value: 3 },
			{ labels: { status: 'failed', model: 'weird "model"\\x' }, value: 1 }
		]
	},
	{
		name: 'mltrainer_storage_bytes',
		help: 'Storage.',
		type: 'gauge',
		samples: [{ labels: { kind: 'used' }, value: 1.5e9 }]
	},
	{
		name: 'mltrainer_fit_seconds',
		help: 'Fit time per fold.',
		type: 'histogram',
		buckets: [0.1, 1, 10],
		series: [
			{ labels: { model: 'ridge' }, observations: [0.05, 0.1, 0.7, 3, 30] },
			{ labels: { model: 'gbm' }, observations: [] }
		]
	}
];

describe('the Prometheus text exposition', () => {
	it('reads back exactly, under a strict parser, with escapes and cumulative buckets', () => {
		const text = formatPrometheus(families);
		const parsed = parseExposition(text);
		expect([...parsed.keys()]).toEqual([
			'mltrainer_trials_total',
			'mltrainer_storage_bytes',
			'mltrainer_fit_seconds'
		]);
		const trials = parsed.get('mltrainer_trials_total')!;
		expect(trials.help).toBe('Trials by status and model.\nCounted from the stored trials.');
		expect(trials.samples).toEqual([
			{ name: 'mltrainer_trials_total', labels: { model: 'ridge', status: 'completed' }, value: 3 },
			{ name: 'mltrainer_trials_total', labels: { model: 'weird "model"\\x', status: 'failed' }, value: 1 }
		]);
		const fit = parsed.get('mltrainer_fit_seconds')!.samples.filter((s) => s.labels.model === 'ridge');
		// 0.05 and 0.1 are ≤ 0.1 (le is inclusive); 0.7 ≤ 1; 3 ≤ 10; 30 only in +Inf.
		expect(fit.map((s) => [s.name.replace('mltrainer_fit_seconds', ''), s.labels.le ?? '', s.value])).toEqual(
			[
				['_bucket', '0.1', 2],
				['_bucket', '1', 3],
				['_bucket', '10', 4],
				['_bucket', '+Inf', 5],
				['_sum', '', 33.85],
				['_count', '', 5]
			]
		);
		expect(text).toContain('mltrainer_trials_total{model="weird \\"model\\"\\\\x",status="failed"} 1\n');
		expect(text).toContain('mltrainer_storage_bytes{kind="used"} 1500000000\n');
	});

	it('refuses what the format does not allow, naming it', () => {
		const bad = (f: MetricFamily) => () => formatPrometheus([f]);
		expect(bad({ name: '1bad', help: '', type: 'gauge', samples: [] })).toThrow(/metric name "1bad"/);
		expect(bad({ name: 'm', help: '', type: 'counter', samples: [{ labels: {}, value: -1 }] })).toThrow(
			/counter must be finite and ≥ 0/
		);
		expect(
			bad({ name: 'm', help: '', type: 'gauge', samples: [{ labels: { __x: 'a' }, value: 1 }] })
		).toThrow(/label name "__x"/);
		expect(
			bad({
				name: 'm',
				help: '',
				type: 'histogram',
				buckets: [1],
				series: [{ labels: { le: '1' }, observations: [] }]
			})
		).toThrow(/label name "le"/);
		expect(bad({ name: 'm', help: '', type: 'histogram', buckets: [2, 1], series: [] })).toThrow(
			/strictly ascending/
		);
		expect(
			bad({
				name: 'm',
				help: '',
				type: 'gauge',
				samples: [
					{ labels: { a: '1' }, value: 1 },
					{ labels: { a: '1' }, value: 2 }
				]
			})
		).toThrow(/appears twice/);
		expect(() => formatPrometheus([families[1], families[1]])).toThrow(
			/mltrainer_storage_bytes appears twice/
		);
	});

	it('has a parser that is strict: it refuses a split family, a bad escape and a broken histogram', () => {
		expect(() => parseExposition('# HELP a x\n# TYPE a gauge\na 1')).toThrow(/newline/);
		expect(() => parseExposition('a 1\n')).toThrow(/before its family/);
		expect(() => parseExposition('# HELP a x\n# TYPE a gauge\na{l="\\t"} 1\n')).toThrow(/bad labels/);
		expect(() =>
			parseExposition(
				'# HELP h x\n# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'
			)
		).toThrow(/cumulative/);
	});
});

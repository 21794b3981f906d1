/**
 * The app's own telemetry (issue 13), local only: metric families computed from what IndexedDB already keeps —
 * trials, fold jobs and results, the audit trail, token usage — plus the one counter nothing else records (worker
 * restarts). Counting from the stored records rather than keeping a second tally means the numbers cannot drift
 * from what the pages show. Pure: app/telemetry.ts reads the records and calls it.
 */
import type { MetricFamily } from '../domain/prometheus';

export interface TelemetryInput {
	readonly trials: readonly { readonly id: string; readonly status: string; readonly model: string }[];
	readonly jobs: readonly { readonly trialId: string; readonly status: string; readonly attempts: number }[];
	readonly fits: readonly { readonly trialId: string; readonly fitMs: number }[];
	/** Audit events of the types counted here (data.fetch, compliance.decision, data.drift, data.import_refused). */
	readonly audit: readonly { readonly type: string; readonly subject: string; readonly detail: unknown }[];
	readonly usage: readonly {
		readonly inputTokens: number;
		readonly outputTokens: number;
		readonly calls: number;
	}[];
	readonly workerRestarts: number;
	/** navigator.storage.estimate() and persisted(), when the browser tells. */
	readonly storage: { readonly usage: number; readonly quota: number; readonly persisted: boolean } | null;
}

/** Fit-time histogram bounds, seconds: a linear model's fold to a neural network's. */
export const FIT_SECONDS_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;

function count<T>(
	items: readonly T[],
	labelsOf: (x: T) => Record<string, string> | null,
	by: (x: T) => number = () => 1
) {
	const out = new Map<string, { labels: Record<string, string>; value: number }>();
	for (const x of items) {
		const labels = labelsOf(x);
		if (!labels) continue;
		const key = JSON.stringify(Object.entries(labels).sort());
		const prev = out.get(key);
		out.set(key, { labels, value: (prev?.value ?? 0) + by(x) });
	}
	return [...out.values()].sort((a, b) => JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels)));
}

const field = (detail: unknown, key: string): unknown =>
	typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>)[key] : undefined;

/** The host an audited fetch went to: its `host`, a FRED relay, or the host of its origin URL. */
export function hostOf(detail: unknown): string {
	const host = field(detail, 'host') ?? field(detail, 'relay') ?? field(detail, 'origin');
	if (typeof host !== 'string' || host === '') return 'unknown';
	try {
		return new URL(host).host || host;
	} catch {
		return host;
	}
}

export function telemetryFamilies(input: TelemetryInput): MetricFamily[] {
	const modelOf = new Map(input.trials.map((t) => [t.id, t.model]));
	const model = (trialId: string) => modelOf.get(trialId) ?? 'deleted';
	const fetches = input.audit.filter((e) => e.type === 'data.fetch');
	const refusals = input.audit.filter(
		(e) => e.type === 'compliance.decision' && field(e.detail, 'allowed') === false
	);
	const tokens = input.usage.reduce(
		(s, u) => ({
			input: s.input + u.inputTokens,
			output: s.output + u.outputTokens,
			calls: s.calls + u.calls
		}),
		{ input: 0, output: 0, calls: 0 }
	);
	const fitsByModel = new Map<string, number[]>();
	for (const f of input.fits) {
		if (!Number.isFinite(f.fitMs) || f.fitMs < 0) continue;
		const m = model(f.trialId);
		fitsByModel.set(m, [...(fitsByModel.get(m) ?? []), f.fitMs / 1000]);
	}
	const families: MetricFamily[] = [
		{
			name: 'mltrainer_trials_total',
			help: 'Trials stored, by status and model.',
			type: 'counter',
			samples: count(input.trials, (t) => ({ status: t.status, model: t.model }))
		},
		{
			name: 'mltrainer_folds_total',
			help: 'Fold jobs stored, by status and model.',
			type: 'counter',
			samples: count(input.jobs, (j) => ({ status: j.status, model: model(j.trialId) }))
		},
		{
			name: 'mltrainer_fold_retries_total',
			help: 'Fold attempts after the first (a crashed or timed-out worker), by model.',
			type: 'counter',
			samples: count(
				input.jobs.filter((j) => j.attempts > 1),
				(j) => ({ model: model(j.trialId) }),
				(j) => j.attempts - 1
			)
		},
		{
			name: 'mltrainer_fit_seconds',
			help: 'Time to fit one fold, by model.',
			type: 'histogram',
			buckets: [...FIT_SECONDS_BUCKETS],
			series: [...fitsByModel.entries()]
				.sort()
				.map(([m, observations]) => ({ labels: { model: m }, observations }))
		},
		{
			name: 'mltrainer_worker_restarts_total',
			help: 'Trial workers thrown away after a crash, a missed deadline or a silent hang.',
			type: 'counter',
			samples: [{ labels: {}, value: input.workerRestarts }]
		},
		{
			name: 'mltrainer_api_calls_total',
			help: 'Market-data fetches by host and outcome (from the audit trail), and Claude calls (from token usage).',
			type: 'counter',
			samples: [
				...count(fetches, (e) => ({
					host: hostOf(e.detail),
					outcome: field(e.detail, 'ok') === false ? 'error' : 'ok'
				})),
				...(tokens.calls > 0 ? [{ labels: { host: 'anthropic', outcome: 'ok' }, value: tokens.calls }] : [])
			]
		},
		{
			name: 'mltrainer_tokens_total',
			help: 'Claude tokens used, by kind.',
			type: 'counter',
			samples: [
				{ labels: { kind: 'input' }, value: tokens.input },
				{ labels: { kind: 'output' }, value: tokens.output }
			]
		},
		{
			name: 'mltrainer_compliance_refusals_total',
			help: 'Gateway refusals, by code.',
			type: 'counter',
			samples: count(refusals, (e) => ({ code: String(field(e.detail, 'code') ?? 'unknown') }))
		},
		{
			name: 'mltrainer_drift_alerts_total',
			help: 'Drift alerts raised on newly stored data, by series.',
			type: 'counter',
			samples: count(
				input.audit.filter((e) => e.type === 'data.drift'),
				(e) => ({ series: e.subject })
			)
		},
		{
			name: 'mltrainer_import_refusals_total',
			help: 'File imports refused, by code.',
			type: 'counter',
			samples: count(
				input.audit.filter((e) => e.type === 'data.import_refused'),
				(e) => ({ code: String(field(e.detail, 'code') ?? 'unknown') })
			)
		}
	];
	if (input.storage)
		families.push(
			{
				name: 'mltrainer_storage_bytes',
				help: "This origin's storage as the browser estimates it.",
				type: 'gauge',
				samples: [
					{ labels: { kind: 'used' }, value: input.storage.usage },
					{ labels: { kind: 'quota' }, value: input.storage.quota }
				]
			},
			{
				name: 'mltrainer_storage_persisted',
				help: '1 when the browser has agreed not to evict this origin under storage pressure.',
				type: 'gauge',
				samples: [{ labels: {}, value: input.storage.persisted ? 1 : 0 }]
			}
		);
	return families;
}

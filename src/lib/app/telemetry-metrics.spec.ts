import { describe, expect, it } from 'vitest';
import { formatPrometheus, type HistogramFamily, type SampleFamily } from '../domain/prometheus';
import { hostOf, telemetryFamilies, type TelemetryInput } from './telemetry-metrics';

const input: TelemetryInput = {
	trials: [
		{ id: 'a', status: 'completed', model: 'ridge' },
		{ id: 'b', status: 'completed', model: 'ridge' },
		{ id: 'c', status: 'failed', model: 'xgboost' }
	],
	jobs: [
		{ trialId: 'a', status: 'done', attempts: 1 },
		{ trialId: 'a', status: 'done', attempts: 3 },
		{ trialId: 'c', status: 'failed', attempts: 2 },
		{ trialId: 'gone', status: 'done', attempts: 1 }
	],
	fits: [
		{ trialId: 'a', fitMs: 40 },
		{ trialId: 'a', fitMs: 700 },
		{ trialId: 'c', fitMs: 12_000 }
	],
	audit: [
		{ type: 'data.fetch', subject: 's', detail: { ok: true, host: 'https://api.polygon.io' } },
		{ type: 'data.fetch', subject: 's', detail: { ok: false, host: 'https://api.polygon.io' } },
		{
			type: 'data.fetch',
			subject: 'f',
			detail: { ok: true, source: 'fred', origin: 'https://relay.example/fred' }
		},
		{ type: 'compliance.decision', subject: 'd', detail: { allowed: false, code: 'unknown_model' } },
		{ type: 'compliance.decision', subject: 'd', detail: { allowed: true, code: 'ok' } },
		{ type: 'compliance.decision', subject: 'd', detail: { allowed: false, code: 'unknown_model' } },
		{ type: 'data.drift', subject: 'polygon-spy-1day', detail: {} },
		{ type: 'data.import_refused', subject: 'x.csv', detail: { code: 'no_source' } }
	],
	usage: [
		{ inputTokens: 1000, outputTokens: 200, calls: 3 },
		{ inputTokens: 500, outputTokens: 100, calls: 1 }
	],
	workerRestarts: 2,
	storage: { usage: 1_000_000, quota: 10_000_000, persisted: true }
};

const samples = (name: string) =>
	(telemetryFamilies(input).find((f) => f.name === name) as SampleFamily).samples.map((s) => [
		s.labels,
		s.value
	]);

describe('the app’s telemetry, counted from the stored records', () => {
	it('counts trials and folds by status and model, and retries beyond the first attempt', () => {
		expect(samples('mltrainer_trials_total')).toEqual([
			[{ status: 'completed', model: 'ridge' }, 2],
			[{ status: 'failed', model: 'xgboost' }, 1]
		]);
		expect(samples('mltrainer_folds_total')).toEqual([
			[{ status: 'done', model: 'deleted' }, 1],
			[{ status: 'done', model: 'ridge' }, 2],
			[{ status: 'failed', model: 'xgboost' }, 1]
		]);
		expect(samples('mltrainer_fold_retries_total')).toEqual([
			[{ model: 'ridge' }, 2],
			[{ model: 'xgboost' }, 1]
		]);
	});

	it('keeps fit times as a histogram per model, in seconds', () => {
		const h = telemetryFamilies(input).find((f) => f.name === 'mltrainer_fit_seconds') as HistogramFamily;
		expect(h.series).toEqual([
			{ labels: { model: 'ridge' }, observations: [0.04, 0.7] },
			{ labels: { model: 'xgboost' }, observations: [12] }
		]);
		const text = formatPrometheus([h]);
		expect(text).toContain('mltrainer_fit_seconds_bucket{le="0.05",model="ridge"} 1\n');
		expect(text).toContain('mltrainer_fit_seconds_bucket{le="1",model="ridge"} 2\n');
		expect(text).toContain('mltrainer_fit_seconds_count{model="xgboost"} 1\n');
	});

	it('counts calls by host and outcome, tokens, refusals, drift alerts, import refusals and storage', () => {
		expect(samples('mltrainer_api_calls_total')).toEqual([
			[{ host: 'api.polygon.io', outcome: 'error' }, 1],
			[{ host: 'api.polygon.io', outcome: 'ok' }, 1],
			[{ host: 'relay.example', outcome: 'ok' }, 1],
			[{ host: 'anthropic', outcome: 'ok' }, 4]
		]);
		expect(samples('mltrainer_tokens_total')).toEqual([
			[{ kind: 'input' }, 1500],
			[{ kind: 'output' }, 300]
		]);
		expect(samples('mltrainer_compliance_refusals_total')).toEqual([[{ code: 'unknown_model' }, 2]]);
		expect(samples('mltrainer_drift_alerts_total')).toEqual([[{ series: 'polygon-spy-1day' }, 1]]);
		expect(samples('mltrainer_import_refusals_total')).toEqual([[{ code: 'no_source' }, 1]]);
		expect(samples('mltrainer_worker_restarts_total')).toEqual([[{}, 2]]);
		expect(samples('mltrainer_storage_persisted')).toEqual([[{}, 1]]);
		// Without a storage estimate those two gauges are left out, not written as zero.
		const none = telemetryFamilies({ ...input, storage: null }).map((f) => f.name);
		expect(none).not.toContain('mltrainer_storage_bytes');
		expect(() => formatPrometheus(telemetryFamilies(input))).not.toThrow();
	});

	it('names the host of an audited fetch however it was recorded', () => {
		expect(hostOf({ host: 'http://127.0.0.1:4181' })).toBe('127.0.0.1:4181');
		expect(hostOf({ relay: 'https://relay.example' })).toBe('relay.example');
		expect(hostOf({})).toBe('unknown');
		expect(hostOf(null)).toBe('unknown');
	});
});

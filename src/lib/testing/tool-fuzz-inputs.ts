/**
 * Random valid tool inputs for the fuzz test (fuzz.spec.ts), drawn from a seeded generator: every field inside
 * its schema's bounds, parameters inside the catalog's ranges. Test-only: nothing in the product imports this.
 */
import { CATALOG, getEntry, validateParams } from '../catalog/catalog';
import type { ParamSpec } from '../catalog/params';
import { CATEGORIES } from '../catalog/types';
import type { Rng } from '../domain/random';
import { TRIAL_MODEL_IDS } from '../ai/tools/model-ids';
import type { ToolName } from '../ai/tools/schemas';

type Json = unknown;

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)];
export const chance = (rng: Rng, p: number) => rng.next() < p;

const SAFE_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,éüß日本🙂';

/** Random visible text of `min`–`max` code points once trimmed (zod 4 measures strings in code points). */
function text(rng: Rng, min: number, max: number): string {
	const chars = [...SAFE_CHARS];
	const n = min + rng.int(max - min + 1);
	const s = Array.from({ length: n }, () => pick(rng, chars)).join('');
	return [...s.trim()].length >= min ? s : 'x'.repeat(min);
}

function day(t: number): string {
	return new Date(t).toISOString().slice(0, 10);
}

function paramValue(rng: Rng, spec: ParamSpec): Json {
	const within = (lo: number, hi: number, int: boolean) =>
		int ? lo + rng.int(hi - lo + 1) : Math.min(hi, lo + rng.next() * (hi - lo));
	const list = (lo: number, hi: number, make: () => Json) =>
		Array.from({ length: within(lo, hi, true) }, make);
	switch (spec.type) {
		case 'int':
		case 'float':
			return within(spec.min, spec.max, spec.type === 'int');
		case 'bool':
			return chance(rng, 0.5);
		case 'enum':
			return pick(rng, spec.choices);
		case 'int_list':
		case 'float_list':
			return list(spec.minLength, spec.maxLength, () => within(spec.min, spec.max, spec.type === 'int_list'));
		case 'enum_list':
			return list(spec.minLength, spec.maxLength, () => pick(rng, spec.choices));
	}
}

function trialSpec(rng: Rng): Record<string, Json> {
	const id = pick(rng, TRIAL_MODEL_IDS);
	const params: Record<string, Json> = {};
	for (const [name, spec] of Object.entries(getEntry(id)!.params))
		if (chance(rng, 0.5)) params[name] = paramValue(rng, spec);
	// Values valid one by one can break a rule between two of them (a fast period above the slow one).
	if (!validateParams(id, params).ok) for (const name of Object.keys(params)) delete params[name];
	const task = getEntry(id)!.task;
	const classifier = task === 'classification';
	// Forecast, volatility and regime models are scored against the forward return only (trial-policy taskIssues).
	const forwardOnly = task !== 'classification' && task !== 'regression' && task !== 'signal';
	const horizon = 1 + rng.int(70);
	const spec: Record<string, Json> = {
		datasetId: pick(rng, ['sp500', 'polygon-spy-1day', 'imported-2']),
		target: {
			kind: classifier
				? 'direction'
				: forwardOnly
					? 'forward_return'
					: pick(rng, ['forward_return', 'direction']),
			horizon
		},
		model: { id, params },
		validation: {
			mode: pick(rng, ['rolling', 'expanding']),
			trainLength: 50 + rng.int(3_000),
			testLength: 1 + rng.int(500),
			step: 1 + rng.int(500),
			embargo: horizon + rng.int(20)
		},
		strategy: {
			mode: pick(rng, ['long_short', 'long_flat']),
			...(classifier ? { sizing: pick(rng, ['sign', 'confidence']) } : {}),
			costBps: Math.round(rng.next() * 5_000) / 100
		},
		seed: rng.uint32()
	};
	if (chance(rng, 0.5)) spec.name = text(rng, 0, 60);
	if (chance(rng, 0.5)) spec.features = { set: 'daily_v1' };
	return spec;
}

/** A random valid input of `tool`. */
export function validInput(rng: Rng, tool: ToolName): Record<string, Json> {
	switch (tool) {
		case 'list_datasets':
			return {};
		case 'list_models': {
			const out: Record<string, Json> = {};
			if (chance(rng, 0.5)) out.category = pick(rng, CATEGORIES);
			if (chance(rng, 0.5)) out.runnable_only = chance(rng, 0.5);
			return out;
		}
		case 'get_model':
			return { model_id: chance(rng, 0.7) ? pick(rng, CATALOG).id : text(rng, 1, 64) };
		case 'get_trial_results':
			return { trial_id: `trial-${rng.int(1_000)}` };
		case 'compare_trials': {
			const n = 2 + rng.int(9);
			const start = rng.int(1_000);
			return { trial_ids: Array.from({ length: n }, (_, i) => `trial-${start + i}`) };
		}
		case 'get_analysis_results':
			return { analysis_id: `analysis-${rng.int(1_000)}` };
		case 'get_study_results':
			return { study_id: `study-${rng.int(1_000)}` };
		case 'get_feedback':
			return chance(rng, 0.5) ? {} : { metric: pick(rng, ['sharpe', 'ic', 'rmse', 'logLoss']) };
		case 'propose_analysis':
			return {
				spec: {
					model: { id: 'granger_causality_test', params: { max_lag: 1 + rng.int(10) } },
					inputs: [
						{ kind: 'dataset', id: `d${rng.int(100)}` },
						{ kind: 'series', id: pick(rng, ['DGS10', 'UNRATE']) }
					],
					...(chance(rng, 0.5) ? { name: text(rng, 0, 60) } : {}),
					...(chance(rng, 0.5) ? { seed: rng.int(1_000) } : {})
				},
				...(chance(rng, 0.5) ? { rationale: text(rng, 0, 2_000) } : {})
			};
		case 'propose_trial':
			return {
				spec: trialSpec(rng),
				...(chance(rng, 0.5) ? { rationale: text(rng, 0, 2_000) } : {}),
				...(chance(rng, 0.3) ? { parent_trial_id: `trial-${rng.int(1_000)}` } : {})
			};
		case 'propose_study': {
			const low = rng.int(50);
			return {
				base_trial_id: `trial-${rng.int(1_000)}`,
				search: chance(rng, 0.5)
					? { n_estimators: { range: [10 + low, 60 + low] }, learning_rate: 'full' }
					: { loss: { choices: ['huber', 'squared_error'] } },
				trials: 2 + rng.int(99),
				...(chance(rng, 0.5)
					? { sampler: pick(rng, ['tpe', 'random', 'quasi_random', 'grid', 'cmaes', 'gp']) }
					: {}),
				...(chance(rng, 0.5) ? { objective: pick(rng, ['sharpe', 'ic', 'rmse', 'log_loss']) } : {}),
				...(chance(rng, 0.5) ? { rationale: text(rng, 0, 2_000) } : {})
			};
		}
		case 'propose_goal':
			return { goal: text(rng, 10, 1_000), ...(chance(rng, 0.5) ? { reason: text(rng, 0, 500) } : {}) };
		case 'request_market_data': {
			const reason = chance(rng, 0.5) ? { reason: text(rng, 0, 500) } : {};
			if (chance(rng, 0.3))
				return {
					kind: 'fred_series',
					series_id: pick(rng, ['UNRATE', 'DGS10', 'GDP', 'PAYEMS', 'A_1']),
					...reason
				};
			const from = Date.UTC(2000, 0, 1) + rng.int(9_000) * 86_400_000;
			return {
				kind: 'polygon_bars',
				ticker: pick(rng, ['SPY', 'I:SPX', 'X:BTCUSD', 'aapl', ' qqq ', 'BRK.B']),
				multiplier: 1 + rng.int(1_000),
				timespan: pick(rng, ['day', 'week', 'month', 'hour', 'minute']),
				from: day(from),
				to: day(from + rng.int(3_000) * 86_400_000),
				...reason
			};
		}
	}
}

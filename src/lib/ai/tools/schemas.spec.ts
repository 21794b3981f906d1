import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CATALOG, getEntry, isRunnable } from '../../catalog/catalog';
import { checkAggregatesRequest, POLYGON_TIMESPANS } from '../../data/polygon';
import { trialSpecSchema } from '../../domain/trial-spec';
import { RUNNABLE_MODEL_IDS } from './model-ids';
import { parseToolCall } from './parse';
import {
	ACTING_TOOLS,
	isActingTool,
	isReadOnlyTool,
	isToolName,
	READ_ONLY_TOOLS,
	strictTrialSpecShape,
	TOOL_NAMES,
	TOOL_SCHEMAS,
	type ToolName
} from './schemas';
import { FRED_REQUEST, validInputs } from '../../testing/tool-context';

type Patch = (input: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The keys of an object schema, looking through defaults and other wrappers. */
function objectKeys(schema: z.ZodType): string[] {
	let s: unknown = schema;
	while (!(s instanceof z.ZodObject)) s = (s as { def: { innerType: unknown } }).def.innerType;
	return Object.keys(s.shape).sort();
}

function withPatch(name: ToolName, patch: Patch): Record<string, unknown> {
	const input = validInputs()[name];
	patch(input);
	return input;
}

/** [tool, case, patch applied to the tool's valid input] — each must parse. */
const VALID: [ToolName, string, Patch][] = [
	['list_datasets', 'an empty object', () => {}],
	['list_models', 'no filter', (i) => (delete i.category, delete i.runnable_only)],
	['list_models', 'runnable_only alone', (i) => (delete i.category, (i.runnable_only = true))],
	['get_model', 'a model that cannot run (read-only tools may look at any id)', (i) => (i.model_id = 'lstm')],
	['get_model', 'an unknown id (answered with suggestions, not refused)', (i) => (i.model_id = 'xgb00st')],
	['compare_trials', 'ten ids', (i) => (i.trial_ids = Array.from({ length: 10 }, (_, k) => `t${k}`))],
	['propose_trial', 'no rationale', (i) => delete i.rationale],
	[
		'propose_trial',
		'a signal whose parameters are chosen on each training window',
		(i) => (i.spec.model = { id: 'ema_crossover_model', params: {}, tune: { fast_period: [5, 12] } })
	],
	[
		'propose_trial',
		'a learner tuned by nested walk-forward (walk_forward_optimization)',
		(i) => {
			i.spec.model.tune = { max_depth: [3, 6] };
			i.spec.model.tuneWindow = { windowSize: 252, stepSize: 22 };
		}
	],
	[
		'propose_trial',
		'defaults for name, features and params',
		(i) => (delete i.spec.name, delete i.spec.features, delete i.spec.model.params)
	],
	[
		'propose_trial',
		'direction target with an expanding window',
		(i) => ((i.spec.target.kind = 'direction'), (i.spec.validation.mode = 'expanding'))
	],
	[
		'propose_trial',
		'the longest horizon with a matching embargo',
		(i) => ((i.spec.target.horizon = 70), (i.spec.validation.embargo = 70))
	],
	[
		'propose_trial',
		'an MLP with a list parameter',
		(i) => (i.spec.model = { id: 'feedforward_mlp', params: { hidden_layers: [64, 32] } })
	],
	['propose_trial', 'a parent trial', (i) => (i.parent_trial_id = 'trial-7')],
	[
		'propose_study',
		'only the required fields',
		(i) => (delete i.sampler, delete i.objective, delete i.rationale, delete i.parent_trial_id)
	],
	[
		'propose_study',
		'choices and a full range',
		(i) => (i.search = { loss: { choices: ['huber', 'squared_error'] }, max_depth: 'full' })
	],
	['propose_goal', 'no reason', (i) => delete i.reason],
	['propose_goal', 'exactly 10 characters', (i) => (i.goal = 'hit > 55 %')],
	[
		'request_market_data',
		'an index ticker, hourly bars',
		(i) => ((i.ticker = 'I:SPX'), (i.timespan = 'hour'))
	],
	['request_market_data', 'one day', (i) => (i.to = i.from)],
	[
		'request_market_data',
		'the FRED variant',
		(i) => (Object.keys(i).forEach((k) => delete i[k]), Object.assign(i, FRED_REQUEST))
	]
];

/** [tool, case, patch, field named in the refusal]. */
const INVALID: [ToolName, string, Patch, string][] = [
	['list_datasets', 'any key', (i) => (i.all = true), 'all'],
	['list_models', 'an unknown category', (i) => (i.category = 'astrology'), 'category'],
	['list_models', 'runnable_only as a string', (i) => (i.runnable_only = 'true'), 'runnable_only'],
	['get_model', 'no id', (i) => delete i.model_id, 'model_id'],
	['get_model', 'an id of 65 characters', (i) => (i.model_id = 'x'.repeat(65)), 'model_id'],
	['get_model', 'an id with a bidi override', (i) => (i.model_id = 'ridge\u202e'), 'model_id'],
	['get_trial_results', 'a number for an id', (i) => (i.trial_id = 7), 'trial_id'],
	['propose_study', 'no parameter to search', (i) => (i.search = {}), 'search'],
	['propose_study', 'one trial', (i) => (i.trials = 1), 'trials'],
	['propose_study', 'more trials than a proposal may take', (i) => (i.trials = 101), 'trials'],
	['propose_study', 'an unknown sampler', (i) => (i.sampler = 'hyperband'), 'sampler'],
	[
		'propose_study',
		'a fixed value (the base trial fixes the rest)',
		(i) => (i.search = { alpha: { fixed: 1 } }),
		'search.alpha'
	],
	['propose_study', 'an unknown key', (i) => (i.budget = 5), 'budget'],
	['compare_trials', 'one id', (i) => (i.trial_ids = ['a']), 'trial_ids'],
	[
		'compare_trials',
		'eleven ids',
		(i) => (i.trial_ids = Array.from({ length: 11 }, (_, k) => `t${k}`)),
		'trial_ids'
	],
	['compare_trials', 'a repeated id', (i) => (i.trial_ids = ['a', 'a']), 'trial_ids'],
	['compare_trials', 'an empty id', (i) => (i.trial_ids = ['a', '']), 'trial_ids.1'],
	['propose_trial', 'no spec', (i) => delete i.spec, 'spec'],
	['propose_trial', 'an extra key in the spec', (i) => (i.spec.notes = 'x'), 'spec.notes'],
	['propose_trial', 'an extra key in target', (i) => (i.spec.target.lag = 1), 'spec.target.lag'],
	[
		'propose_trial',
		'an extra key in validation',
		(i) => (i.spec.validation.shuffle = true),
		'spec.validation.shuffle'
	],
	['propose_trial', 'an extra key in model', (i) => (i.spec.model.code = 'x'), 'spec.model.code'],
	[
		'propose_trial',
		'an extra key in strategy',
		(i) => (i.spec.strategy.leverage = 3),
		'spec.strategy.leverage'
	],
	[
		'propose_trial',
		'an extra key in features',
		(i) => (i.spec.features.extra = ['x']),
		'spec.features.extra'
	],
	[
		'propose_trial',
		'embargo below the horizon',
		(i) => (i.spec.validation.embargo = 2),
		'spec.validation.embargo'
	],
	[
		'propose_trial',
		'horizon 71',
		(i) => ((i.spec.target.horizon = 71), (i.spec.validation.embargo = 71)),
		'spec.target.horizon'
	],
	['propose_trial', 'a fractional horizon', (i) => (i.spec.target.horizon = 5.5), 'spec.target.horizon'],
	['propose_trial', 'an unknown model', (i) => (i.spec.model.id = 'magic_oracle'), 'spec.model.id'],
	['propose_trial', 'a model that is not runnable', (i) => (i.spec.model.id = 'lstm'), 'spec.model.id'],
	['propose_trial', 'an upper-case model id', (i) => (i.spec.model.id = 'XGBOOST'), 'spec.model.id'],
	['propose_trial', 'a model id with a trailing space', (i) => (i.spec.model.id = 'ridge '), 'spec.model.id'],
	[
		'propose_trial',
		'a param out of range',
		(i) => (i.spec.model.params.max_depth = 99),
		'spec.model.params.max_depth'
	],
	[
		'propose_trial',
		'a param the model does not have',
		(i) => (i.spec.model.params.alpha = 1),
		'spec.model.params.alpha'
	],
	[
		'propose_trial',
		'a param value that is an object',
		(i) => (i.spec.model.params.max_depth = { v: 1 }),
		'spec.model.params.max_depth'
	],
	['propose_trial', 'a negative seed', (i) => (i.spec.seed = -1), 'spec.seed'],
	[
		'propose_trial',
		'a grid on a learner without the inner walk-forward of nested tuning',
		(i) => (i.spec.model.tune = { max_depth: [3, 6] }),
		'spec.model.tuneWindow'
	],
	[
		'propose_trial',
		'an inner walk-forward with an unknown key',
		(i) => {
			i.spec.model.tune = { max_depth: [3, 6] };
			i.spec.model.tuneWindow = { windowSize: 252, stepSize: 22, anchored: true };
		},
		'spec.model.tuneWindow.anchored'
	],
	[
		'propose_trial',
		'an inner window below walk_forward_optimization’s range',
		(i) => {
			i.spec.model.tune = { max_depth: [3, 6] };
			i.spec.model.tuneWindow = { windowSize: 50, stepSize: 22 };
		},
		'spec.model.tuneWindow.windowSize'
	],
	[
		'propose_trial',
		'a grid value out of the parameter range',
		(i) => (i.spec.model = { id: 'ema_crossover_model', params: {}, tune: { fast_period: [5, 1] } }),
		'spec.model.tune.fast_period.1'
	],
	[
		'propose_trial',
		'costs over 1,000 bps',
		(i) => (i.spec.strategy.costBps = 1_001),
		'spec.strategy.costBps'
	],
	['propose_trial', 'Infinity costs', (i) => (i.spec.strategy.costBps = Infinity), 'spec.strategy.costBps'],
	[
		'propose_trial',
		'a training window of 49 rows',
		(i) => (i.spec.validation.trainLength = 49),
		'spec.validation.trainLength'
	],
	['propose_trial', 'another feature set', (i) => (i.spec.features.set = 'daily_v2'), 'spec.features.set'],
	[
		'propose_trial',
		'a dataset id of 65 characters',
		(i) => (i.spec.datasetId = 'd'.repeat(65)),
		'spec.datasetId'
	],
	['propose_trial', 'a rationale of 2,001 characters', (i) => (i.rationale = 'r'.repeat(2_001)), 'rationale'],
	['propose_trial', 'a name of 121 characters', (i) => (i.spec.name = 'n'.repeat(121)), 'spec.name'],
	['propose_trial', 'an array for the spec', (i) => (i.spec = [i.spec]), 'spec'],
	['propose_goal', 'nine characters', (i) => (i.goal = 'too short'), 'goal'],
	['propose_goal', 'ten characters once trimmed away', (i) => (i.goal = '   short   '), 'goal'],
	['propose_goal', '1,001 characters', (i) => (i.goal = 'g'.repeat(1_001)), 'goal'],
	['propose_goal', 'a reason of 501 characters', (i) => (i.reason = 'r'.repeat(501)), 'reason'],
	[
		'propose_goal',
		'an escape sequence in the goal',
		(i) => (i.goal = 'Find a model \u001b[2J that works'),
		'goal'
	],
	['request_market_data', 'no kind', (i) => delete i.kind, 'kind'],
	['request_market_data', 'an unknown kind', (i) => (i.kind = 'synthetic'), 'kind'],
	['request_market_data', 'a ticker with a slash', (i) => (i.ticker = 'SPY/../x'), 'ticker'],
	['request_market_data', 'a Cyrillic look-alike ticker', (i) => (i.ticker = 'ЅРY'), 'ticker'],
	['request_market_data', 'multiplier 0', (i) => (i.multiplier = 0), 'multiplier'],
	['request_market_data', 'multiplier 1,001', (i) => (i.multiplier = 1_001), 'multiplier'],
	['request_market_data', 'timespan "year"', (i) => (i.timespan = 'year'), 'timespan'],
	['request_market_data', 'a day that does not exist', (i) => (i.to = '2023-02-29'), 'to'],
	['request_market_data', 'a US-style date', (i) => (i.from = '01/02/2015'), 'from'],
	['request_market_data', 'from after to', (i) => ((i.from = '2024-01-02'), (i.to = '2024-01-01')), 'to'],
	['request_market_data', 'a FRED key on a Polygon request', (i) => (i.series_id = 'DGS10'), 'series_id'],
	[
		'request_market_data',
		'a lower-case FRED id',
		(i) => (
			Object.keys(i).forEach((k) => delete i[k]),
			Object.assign(i, FRED_REQUEST, { series_id: 'dgs10' })
		),
		'series_id'
	],
	[
		'request_market_data',
		'a FRED id of 41 characters',
		(i) => (
			Object.keys(i).forEach((k) => delete i[k]),
			Object.assign(i, FRED_REQUEST, { series_id: 'A'.repeat(41) })
		),
		'series_id'
	],
	[
		'request_market_data',
		'a Polygon key on a FRED request',
		(i) => (Object.keys(i).forEach((k) => delete i[k]), Object.assign(i, FRED_REQUEST, { ticker: 'SPY' })),
		'ticker'
	]
];

describe('tool schemas', () => {
	it('every tool has a valid fixture that parses', () => {
		for (const name of TOOL_NAMES) expect(parseToolCall(name, validInputs()[name]).ok, name).toBe(true);
	});

	it.each(VALID)('%s accepts %s', (name, _case, patch) => {
		const result = parseToolCall(name, withPatch(name, patch));
		expect(result.ok ? 'ok' : result.message).toBe('ok');
	});

	it.each(INVALID)('%s refuses %s, naming the field', (name, _case, patch, field) => {
		const result = parseToolCall(name, withPatch(name, patch));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		// Text with characters nobody can see is refused by the inspection before the schema (ai/tools/inspect.ts).
		expect(result.code).toBe(/bidi|escape/.test(_case) ? 'hidden_text' : 'invalid_input');
		expect(result.field).toBe(field);
		expect(result.message.startsWith(`${field}: `)).toBe(true);
	});

	it('splits the tools into read-only and acting with no overlap and none left out', () => {
		expect([...READ_ONLY_TOOLS, ...ACTING_TOOLS].sort()).toEqual([...TOOL_NAMES].sort());
		expect(ACTING_TOOLS).toEqual([
			'propose_trial',
			'propose_study',
			'propose_analysis',
			'propose_goal',
			'request_market_data'
		]);
	});

	it('knows a tool only by its exact name', () => {
		expect(isToolName('propose_trial')).toBe(true);
		for (const name of [
			'propose_trial ',
			'Propose_trial',
			'constructor',
			'__proto__',
			'toString',
			'',
			null,
			1
		])
			expect(isToolName(name)).toBe(false);
	});

	it('offers only runnable catalog ids for a trial', () => {
		expect(RUNNABLE_MODEL_IDS.length).toBeGreaterThan(0);
		for (const id of RUNNABLE_MODEL_IDS) expect(getEntry(id) && isRunnable(getEntry(id)!)).toBe(true);
		expect(RUNNABLE_MODEL_IDS).toEqual(CATALOG.filter(isRunnable).map((e) => e.id));
	});

	it('the strict spec has exactly the fields of the domain spec at every level', () => {
		const domain = trialSpecSchema.shape;
		const strict = strictTrialSpecShape.shape;
		expect(objectKeys(strictTrialSpecShape)).toEqual(objectKeys(trialSpecSchema));
		for (const key of ['target', 'validation', 'strategy', 'model'] as const)
			expect(objectKeys(strict[key]), key).toEqual(
				// The date bounds are set by a study's holdout only, never by Claude.
				objectKeys(domain[key]).filter((k) => key !== 'validation' || !['testFrom', 'testUntil'].includes(k))
			);
		// Claude names a set; a generated set's recipe comes from an automated_feature_engineering study.
		expect(objectKeys(strict.features)).toEqual(['set']);
		expect(strict.features.parse({ set: 'trend_50_70_v1' })).toEqual({ set: 'trend_50_70_v1' });
		expect(strict.features.safeParse({ set: 'generated_v1' }).success).toBe(false);
	});

	it('a parsed trial spec is a valid domain spec with the catalog defaults filled in', () => {
		const result = parseToolCall('propose_trial', validInputs().propose_trial);
		if (!result.ok || result.name !== 'propose_trial') throw new Error('fixture must parse');
		expect(trialSpecSchema.parse(result.input.spec)).toEqual(result.input.spec);
		expect(result.input.spec.model.params).toEqual({
			n_estimators: 100,
			max_depth: 4,
			learning_rate: 0.1,
			min_samples_leaf: 1,
			subsample: 1,
			reg_lambda: 1,
			max_bins: 255
		});
	});

	it('uses the Polygon client’s timespans, and every ticker it accepts passes the client’s own check', () => {
		const json = TOOL_SCHEMAS.request_market_data.options[0].shape.timespan.options;
		expect([...json].sort()).toEqual([...POLYGON_TIMESPANS].sort());
		for (const ticker of ['SPY', ' spy ', 'I:SPX', 'X:BTCUSD', 'C:EURUSD', 'BRK.B', 'A-B']) {
			const result = parseToolCall('request_market_data', { ...validInputs().request_market_data, ticker });
			if (!result.ok || result.name !== 'request_market_data' || result.input.kind !== 'polygon_bars')
				throw new Error(`${ticker} must parse`);
			expect(() => checkAggregatesRequest(result.input as never)).not.toThrow();
		}
	});

	it('normalises what it accepts: trimmed text, upper-case ticker, defaults filled in', () => {
		const goal = parseToolCall('propose_goal', { goal: '  Beat buy-and-hold Sharpe over 5 days.  ' });
		expect(goal.ok && goal.input).toEqual({ goal: 'Beat buy-and-hold Sharpe over 5 days.' });
		const bars = parseToolCall('request_market_data', {
			...validInputs().request_market_data,
			ticker: ' qqq'
		});
		expect(
			bars.ok &&
				bars.name === 'request_market_data' &&
				bars.input.kind === 'polygon_bars' &&
				bars.input.ticker
		).toBe('QQQ');
	});
});

describe('tool tiers', () => {
	it('classifies each tool as acting or read-only, never both', () => {
		for (const name of TOOL_NAMES) expect(isActingTool(name)).toBe(!isReadOnlyTool(name));
		expect(isActingTool('propose_trial')).toBe(true);
		expect(isReadOnlyTool('compare_trials')).toBe(true);
	});
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../domain/random';
import {
	estimateTokens,
	IMPORTANCE_THRESHOLD,
	MEMORY_WINDOW_DEFAULT,
	MESSAGE_OVERHEAD_TOKENS,
	messageTokens,
	retained,
	searchMessages,
	selectContext,
	toMemoryMessage,
	type MemoryMessage
} from './memory';

/** Message i at second i; `chars` of text cost ceil(chars / 4) + 4 tokens. */
function msg(i: number, over: Partial<MemoryMessage> = {}): MemoryMessage {
	return {
		id: `m${i}`,
		role: i % 2 === 0 ? 'user' : 'assistant',
		text: `message ${i}`.padEnd(36, '.'),
		at: 1_000 * i,
		importance: 0.2,
		topics: [],
		...over
	};
}
const ids = (messages: readonly MemoryMessage[]): string[] => messages.map((m) => m.id);
const cost = (messages: readonly MemoryMessage[]): number =>
	messages.reduce((s, m) => s + messageTokens(m), 0);
// 36 characters: 9 tokens of text + the framing.
const UNIT = 9 + MESSAGE_OVERHEAD_TOKENS;

describe('estimateTokens', () => {
	const CASES: readonly (readonly [string, number])[] = [
		['', 0],
		['abcd', 1],
		['abcde', 2],
		['x'.repeat(400), 100]
	];
	it.each(CASES)('estimates %j at %i tokens', (text, tokens) => expect(estimateTokens(text)).toBe(tokens));
	it('adds the framing of a message to its text', () => expect(messageTokens({ text: 'abcd' })).toBe(5));
});

describe('toMemoryMessage', () => {
	it('computes topics and importance from the text', () =>
		expect(toMemoryMessage({ id: 'a', role: 'user', text: 'Train XGBoost on SPY', at: 5 })).toEqual({
			id: 'a',
			role: 'user',
			text: 'Train XGBoost on SPY',
			at: 5,
			topics: ['model:xgboost', 'symbol:SPY'],
			importance: 0.5
		}));
	it('passes the importance signals through', () =>
		expect(
			toMemoryMessage({ id: 'b', role: 'user', text: 'ok', at: 5 }, { goalRelated: true }).importance
		).toBe(0.5));
});

describe('selectContext', () => {
	const five = [0, 1, 2, 3, 4].map((i) => msg(i));

	it('returns nothing for no messages', () =>
		expect(selectContext([], { lastN: 3, budgetTokens: 100 })).toEqual([]));

	it('returns the last N messages when they fit', () =>
		expect(ids(selectContext(five, { lastN: 3, budgetTokens: 1_000 }))).toEqual(['m2', 'm3', 'm4']));

	it('trims the last N oldest first to fit the budget', () =>
		expect(ids(selectContext(five, { lastN: 5, budgetTokens: 3 * UNIT + 1 }))).toEqual(['m2', 'm3', 'm4']));

	it.each([0, 1, UNIT - 1])(
		'keeps the newest message alone even when it is over a budget of %i',
		(budgetTokens) => expect(ids(selectContext(five, { lastN: 3, budgetTokens }))).toEqual(['m4'])
	);

	it.each([0, -2, Number.NaN])('treats lastN %s as 1', (lastN) =>
		expect(ids(selectContext(five, { lastN, budgetTokens: UNIT }))).toEqual(['m4'])
	);

	it('adds important older messages and leaves unimportant ones out', () => {
		const messages = five.map((m, i) => (i === 0 ? { ...m, importance: 0.8 } : m));
		expect(ids(selectContext(messages, { lastN: 2, budgetTokens: 1_000 }))).toEqual(['m0', 'm3', 'm4']);
	});

	it('takes an older message at exactly the threshold', () => {
		const messages = five.map((m, i) => (i === 1 ? { ...m, importance: IMPORTANCE_THRESHOLD } : m));
		expect(ids(selectContext(messages, { lastN: 1, budgetTokens: 1_000 }))).toEqual(['m1', 'm4']);
	});

	it('uses a given threshold', () =>
		expect(ids(selectContext(five, { lastN: 1, budgetTokens: 1_000, threshold: 0.2 }))).toEqual(ids(five)));

	// Room for one older message after the newest; which one wins?
	const ONE_MORE = 2 * UNIT;
	const RANKING: readonly (readonly [string, Partial<MemoryMessage>[], string])[] = [
		['the more important', [{ importance: 0.9 }, { importance: 0.6 }], 'm0'],
		[
			'the one sharing more topics with the last user message, at equal importance',
			[{ importance: 0.6, topics: ['term:sharpe'] }, { importance: 0.6 }],
			'm0'
		],
		[
			'the more important over the one sharing topics',
			[{ importance: 0.6, topics: ['term:sharpe'] }, { importance: 0.7 }],
			'm1'
		],
		['the newer, at equal importance and overlap', [{ importance: 0.6 }, { importance: 0.6 }], 'm1']
	];
	it.each(RANKING)('prefers %s', (_why, older, winner) => {
		const messages = [...older.map((o, i) => msg(i, o)), msg(2, { role: 'user', topics: ['term:sharpe'] })];
		expect(ids(selectContext(messages, { lastN: 1, budgetTokens: ONE_MORE }))).toEqual([winner, 'm2']);
	});

	it('ranks by the topics of the query when one is given', () => {
		const messages = [
			msg(0, { importance: 0.6, topics: ['model:xgboost'] }),
			msg(1, { importance: 0.6 }),
			msg(2)
		];
		expect(
			ids(selectContext(messages, { lastN: 1, budgetTokens: ONE_MORE, query: 'about XGBoost' }))
		).toEqual(['m0', 'm2']);
	});

	it('skips an older message too big for the rest of the budget and takes a smaller one', () => {
		const messages = [
			msg(0, { importance: 0.6 }),
			msg(1, { importance: 0.9, text: 'x'.repeat(400) }),
			msg(2)
		];
		expect(ids(selectContext(messages, { lastN: 1, budgetTokens: ONE_MORE }))).toEqual(['m0', 'm2']);
	});

	it('returns messages in time order whatever the input order', () => {
		const shuffled = [msg(3), msg(0, { importance: 0.9 }), msg(4), msg(2)];
		expect(ids(selectContext(shuffled, { lastN: 2, budgetTokens: 1_000 }))).toEqual(['m0', 'm3', 'm4']);
	});

	const SEED = 20_240_611;
	const RUNS = 300;
	it(`keeps its promises on ${RUNS} random conversations (seed ${SEED})`, () => {
		const rng = createRng(SEED);
		for (let run = 0; run < RUNS; run++) {
			const n = 1 + rng.int(40);
			const messages = Array.from({ length: n }, (_, i) =>
				msg(i, {
					text: 'x'.repeat(rng.int(300)),
					importance: (1 + rng.int(10)) / 10,
					topics: rng.next() < 0.5 ? ['term:sharpe'] : []
				})
			);
			const options = { lastN: rng.int(12), budgetTokens: rng.int(600), threshold: rng.next() };
			const chosen = selectContext(messages, options);
			const where = `run ${run}`;
			expect(chosen.at(-1), where).toBe(messages[n - 1]);
			expect(new Set(chosen).size, where).toBe(chosen.length);
			for (let i = 1; i < chosen.length; i++) expect(chosen[i].at, where).toBeGreaterThan(chosen[i - 1].at);
			if (cost(chosen) > options.budgetTokens) expect(chosen, where).toEqual([messages[n - 1]]);
			const tailStart = n - Math.max(1, options.lastN);
			for (const m of chosen) {
				if (messages.indexOf(m) < tailStart)
					expect(m.importance, where).toBeGreaterThanOrEqual(options.threshold);
			}
		}
	});
});

describe('searchMessages', () => {
	const messages = [
		msg(0, { text: 'Train XGBoost on SPY', topics: ['model:xgboost', 'symbol:SPY'] }),
		msg(1, { text: 'xgboost finished: Sharpe 1.1', topics: ['model:xgboost', 'term:sharpe'] }),
		msg(2, { text: 'Now try ridge', topics: ['model:ridge'] }),
		msg(3, { text: 'ok', topics: [] })
	];
	const CASES: readonly (readonly [string, Parameters<typeof searchMessages>[1], string[]])[] = [
		['text, case-insensitively, newest first', { text: 'XGBOOST' }, ['m1', 'm0']],
		['a substring inside a word', { text: 'boo' }, ['m1', 'm0']],
		['an exact topic', { topic: 'model:xgboost' }, ['m1', 'm0']],
		['no topic by its name alone', { topic: 'xgboost' }, []],
		['text and topic together', { text: 'sharpe', topic: 'model:xgboost' }, ['m1']],
		['everything for blank criteria', { text: '  ' }, ['m3', 'm2', 'm1', 'm0']],
		['everything for no criteria', undefined, ['m3', 'm2', 'm1', 'm0']],
		['at most the limit', { text: 'o', limit: 2 }, ['m3', 'm2']],
		['nothing for a limit of 0', { text: 'o', limit: 0 }, []],
		['nothing that does not match', { text: 'lstm' }, []]
	];
	it.each(CASES)('finds %s', (_why, options, expected) =>
		expect(ids(searchMessages(messages, options))).toEqual(expected)
	);
});

describe('retained', () => {
	const many = Array.from({ length: 250 }, (_, i) => msg(i));
	it('keeps the newest 200 by default and drops the oldest', () => {
		const kept = retained(many);
		expect(kept).toHaveLength(MEMORY_WINDOW_DEFAULT);
		expect(kept[0].id).toBe('m50');
		expect(kept.at(-1)?.id).toBe('m249');
	});
	it('keeps everything when the window is larger', () =>
		expect(retained(many.slice(0, 10))).toHaveLength(10));
	it.each([0, -1, Number.NaN])('keeps nothing for a window of %s', (window) =>
		expect(retained(many, window)).toEqual([])
	);
	it('keeps the newest by time whatever the input order', () =>
		expect(ids(retained([msg(3), msg(1), msg(2)], 2))).toEqual(['m2', 'm3']));
});

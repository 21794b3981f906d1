import { describe, expect, it } from 'vitest';
import { IMPORTANCE_THRESHOLD, scoreImportance, type ImportanceMeta } from './memory-importance';

type Role = 'user' | 'assistant';
const LONG_PLAIN = 'word '.repeat(41).trim(); // 204 characters, no topic

describe('scoreImportance', () => {
	// [why, text, role, meta, expected]
	const CASES: readonly (readonly [string, string, Role, ImportanceMeta, number])[] = [
		['chit-chat from the user', 'ok thanks', 'user', {}, 0.3],
		['chit-chat from the assistant', 'ok thanks', 'assistant', {}, 0.2],
		['a greeting', 'hi', 'user', {}, 0.3],
		['an acknowledgement', 'Sure.', 'assistant', {}, 0.2],
		['a user message naming a model and a symbol', 'Train a random forest on SPY', 'user', {}, 0.5],
		['an assistant message naming a model', 'Train a random forest on SPY', 'assistant', {}, 0.4],
		['an assistant message naming a metric', 'The Sharpe is 1.2 on the test folds', 'assistant', {}, 0.4],
		['a question about a metric', 'What is the max drawdown?', 'user', {}, 0.5],
		['"returned" is not the finance term "return"', 'The function returned early', 'user', {}, 0.3],
		['a failure', 'The trial failed', 'user', {}, 0.5],
		['"failure" is an error word', 'another failure', 'user', {}, 0.5],
		['"failsafe" is not an error word', 'The failsafe kicked in', 'user', {}, 0.3],
		['"errorless" is not an error word', 'an errorless run', 'user', {}, 0.3],
		['an exception', 'Fold 3 threw an exception', 'assistant', {}, 0.4],
		['several error words count once', 'ERROR: the worker crashed', 'assistant', {}, 0.4],
		['a timeout', 'the call timed out after 30 s', 'assistant', {}, 0.4],
		['a success word', 'The trial completed', 'assistant', {}, 0.3],
		['several success words count once', 'Training finished successfully', 'assistant', {}, 0.3],
		['"succeeded" is a success word', 'It succeeded', 'user', {}, 0.4],
		['a long message', LONG_PLAIN, 'user', {}, 0.4],
		['exactly 200 characters is not long', LONG_PLAIN.slice(0, 200), 'user', {}, 0.3],
		['a tool use', 'Proposing a trial', 'assistant', { toolUse: true }, 0.4],
		['a tool error', 'Tool call', 'assistant', { toolError: true }, 0.4],
		['a tool error and an error word count once', 'error', 'assistant', { toolError: true }, 0.4],
		['a compliance matter', 'ok', 'user', { complianceRelated: true }, 0.6],
		['a goal change', 'ok', 'user', { goalRelated: true }, 0.5],
		['given topics are used instead of the text', 'ok', 'user', { topics: ['term:sharpe'] }, 0.5],
		['given empty topics win over the text', 'Sharpe', 'user', { topics: [] }, 0.3],
		[
			'every signal at once is capped at 1',
			`${LONG_PLAIN} Sharpe failed completed`,
			'user',
			{ toolUse: true, complianceRelated: true, goalRelated: true },
			1
		],
		['false flags add nothing', 'ok', 'user', { toolUse: false, toolError: false, goalRelated: false }, 0.3]
	];

	it.each(CASES)('scores %s', (_why, text, role, meta, expected) =>
		expect(scoreImportance(text, role, meta)).toBe(expected)
	);

	it('scores text that is not a string as an empty message', () =>
		expect(scoreImportance(undefined as unknown as string, 'user', {})).toBe(0.3));

	it('gives every case a score in [0.1, 1] in whole tenths', () => {
		for (const [, text, role, meta] of CASES) {
			const score = scoreImportance(text, role, meta);
			expect(score).toBeGreaterThanOrEqual(0.1);
			expect(score).toBeLessThanOrEqual(1);
			expect(Math.round(score * 10) / 10).toBe(score);
		}
	});
});

describe('IMPORTANCE_THRESHOLD', () => {
	const BELOW = ['ok thanks', 'great', 'hi there', 'Sure, one moment.', 'What next?', 'lol'];
	const ABOVE = [
		'Train XGBoost on AAPL',
		'Why did the trial fail?',
		'Use a 7-12 day horizon with a Sharpe above 1',
		'Compare ridge and lasso',
		'Add FRED UNRATE as a feature'
	];
	it.each(BELOW)('leaves the chit-chat %j below the threshold, from either side', (text) => {
		expect(scoreImportance(text, 'user', {})).toBeLessThan(IMPORTANCE_THRESHOLD);
		expect(scoreImportance(text, 'assistant', {})).toBeLessThan(IMPORTANCE_THRESHOLD);
	});
	it.each(ABOVE)('puts the research message %j at or above the threshold, from either side', (text) => {
		expect(scoreImportance(text, 'user', {})).toBeGreaterThanOrEqual(IMPORTANCE_THRESHOLD);
		expect(scoreImportance(text, 'assistant', {})).toBeGreaterThanOrEqual(IMPORTANCE_THRESHOLD);
	});
});

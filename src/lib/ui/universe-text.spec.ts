import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '../app/trial-view';
import { fetchStatusText, runMemberStatusText } from './universe-text';

const base = { index: 0, total: 2, symbol: 'SPY' };
const member = { symbol: 'SPY', seriesKey: 'polygon-spy-1day', datasetId: 'polygon-spy-1day' };

describe('universe member status in words', () => {
	it('says where a member of "Fetch all" is, and what it got or why not', () => {
		expect(fetchStatusText(undefined)).toBe('waiting');
		expect(fetchStatusText({ ...base, state: 'fetching' })).toBe('fetching…');
		const ok = { symbol: 'SPY', seriesKey: 'k', ok: true as const, datasetId: 'k', version: 2 };
		expect(
			fetchStatusText({
				...base,
				state: 'done',
				outcome: { ...ok, rows: 1250, newRows: 5, unchanged: false, fromCache: false }
			})
		).toBe('1,250 rows, version 2 (5 new)');
		expect(
			fetchStatusText({
				...base,
				state: 'done',
				outcome: { ...ok, rows: 10, newRows: 10, unchanged: true, fromCache: true }
			})
		).toBe('unchanged: 10 rows, version 2');
		expect(
			fetchStatusText({
				...base,
				state: 'done',
				outcome: { symbol: 'X', seriesKey: 'k', ok: false, code: 'not_found', reason: 'HTTP 404' }
			})
		).toBe('failed (not_found): HTTP 404');
	});

	it("says a sub-trial's progress, its failure, or why the member was not run", () => {
		const trial = { status: 'running', folds: 8, foldsDone: 3, error: null } as unknown as TrialRecord;
		expect(runMemberStatusText({ ...member, trialId: 't', refusal: null, trial })).toBe(
			'running, 3 of 8 folds'
		);
		expect(
			runMemberStatusText({
				...member,
				trialId: 't',
				refusal: null,
				trial: { ...trial, status: 'failed', error: 'worker crashed' }
			})
		).toBe('failed: worker crashed');
		expect(
			runMemberStatusText({
				...member,
				trialId: null,
				refusal: { code: 'no_data', reason: 'fetch first' },
				trial: undefined
			})
		).toBe('not run (no_data): fetch first');
		expect(runMemberStatusText({ ...member, trialId: 't', refusal: null, trial: undefined })).toBe(
			'sub-trial deleted'
		);
	});
});

import { describe, expect, it } from 'vitest';
import { apiErrorMessage } from './api-error';

describe('apiErrorMessage', () => {
	it("quotes FRED's own error text and code", () => {
		expect(
			apiErrorMessage({ error_code: 400, error_message: 'Bad Request.  The series does not exist.' })
		).toMatch(/FRED answered 400 "Bad Request\. The series does not exist\."/);
	});

	it("quotes Polygon's error or message with its status", () => {
		expect(apiErrorMessage({ status: 'ERROR', request_id: 'r1', error: 'Unknown API Key' })).toMatch(
			/status ERROR, "Unknown API Key"/
		);
		expect(
			apiErrorMessage({ status: 'NOT_AUTHORIZED', message: 'You are not entitled to this data.' })
		).toMatch(/status NOT_AUTHORIZED, "You are not entitled to this data\."/);
	});

	it('cuts a very long error text', () => {
		const said = apiErrorMessage({ status: 'ERROR', error: 'x'.repeat(5_000) }) ?? '';
		expect(said.length).toBeLessThan(400);
		expect(said).toContain('…');
	});

	it('says nothing about a data response', () => {
		expect(apiErrorMessage({ status: 'OK', results: [] })).toBeNull();
		expect(apiErrorMessage({ observations: [] })).toBeNull();
		expect(apiErrorMessage([1, 2])).toBeNull();
		expect(apiErrorMessage(null)).toBeNull();
	});
});

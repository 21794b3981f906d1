import { describe, expect, it } from 'vitest';
import { redact } from './logger';

describe('redact', () => {
	it('hides Anthropic keys, apiKey query parameters and bearer tokens', () => {
		expect(redact('key sk-ant-abc123_XY done')).toBe('key [redacted] done');
		expect(redact('GET /v2/aggs?apiKey=SECRET&limit=5')).toBe('GET /v2/aggs?apiKey=[redacted]&limit=5');
		expect(redact('Authorization: Bearer tok.en')).toBe('Authorization: Bearer [redacted]');
	});
});

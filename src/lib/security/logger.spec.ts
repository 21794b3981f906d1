import { describe, expect, it } from 'vitest';
import { format, setKnownSecrets } from './logger';

describe('logger', () => {
	it('hides Anthropic keys, apiKey query parameters and bearer tokens', () => {
		const [a, b, c] = format([
			'key sk-ant-abc123_XYZabc done',
			'GET /v2/aggs?apiKey=SECRET&limit=5',
			'Authorization: Bearer tok.en'
		]);
		expect(a).not.toContain('abc123_XYZabc');
		expect(b).not.toContain('SECRET');
		expect(c).not.toContain('tok.en');
	});

	it('hides every key the vault holds, whatever its shape', () => {
		setKnownSecrets(() => ['my-odd-secret-value']);
		const [line] = format([new Error('request failed with my-odd-secret-value in it')]);
		expect(line).not.toContain('my-odd-secret-value');
		setKnownSecrets(() => []);
	});
});

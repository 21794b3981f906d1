import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_MODELS, startAnthropicMock, type AnthropicMock } from '../../../tests/mocks/anthropic-server';
import { listModels } from './model-list';
import { DEFAULT_MODEL } from './models';

const KEY = 'mock-key-for-the-model-list-spec';

describe('the model list', () => {
	let mock: AnthropicMock;
	beforeAll(async () => {
		mock = await startAnthropicMock({ key: KEY });
	});
	afterAll(() => mock.close());

	it('lists every model the API names, in its order, with the default marked', async () => {
		const models = await listModels({ apiKey: KEY, baseURL: mock.origin });
		expect(models.map((m) => m.id)).toEqual(MOCK_MODELS.map((m) => m.id));
		expect(models.filter((m) => m.isDefault).map((m) => m.id)).toEqual([DEFAULT_MODEL]);
		expect(models[0].name).toBe(MOCK_MODELS[0].display_name);
		const asked = mock.requests().filter((r) => r.path.startsWith('/v1/models'));
		expect(asked[0].method).toBe('GET');
		expect(asked[0].authOk).toBe(true);
	});

	it('fails with a message in words, and never the key, when the key is refused', async () => {
		const wrong = 'sk-ant-api03-wrongwrongwrongwrong';
		const failure = await listModels({ apiKey: wrong, baseURL: mock.origin }).catch((e: unknown) => e);
		expect(failure).toMatchObject({ code: 'invalid_key' });
		expect(String((failure as Error).message)).not.toContain(wrong);
	});
});

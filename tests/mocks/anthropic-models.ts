/**
 * The Anthropic mock's `GET /v1/models`: the models it lists and the page it answers, in the API's format.
 */

/** What `GET /v1/models` lists, newest first (ids of the installed SDK's model union). */
export const MOCK_MODELS: readonly {
	id: string;
	display_name: string;
	created_at: string;
	line: 'haiku' | 'sonnet' | 'opus' | 'fable' | 'mythos';
}[] = [
	{
		id: 'claude-opus-5-5',
		display_name: 'Claude Opus 5.5',
		created_at: '2026-09-01T00:00:00Z',
		line: 'opus'
	},
	{
		id: 'claude-sonnet-5-5',
		display_name: 'Claude Sonnet 5.5',
		created_at: '2026-09-01T00:00:00Z',
		line: 'sonnet'
	},
	{
		id: 'claude-haiku-5-5',
		display_name: 'Claude Haiku 5.5',
		created_at: '2026-08-01T00:00:00Z',
		line: 'haiku'
	},
	{
		id: 'claude-mythos-5-2',
		display_name: 'Claude Mythos 5.2',
		created_at: '2026-05-01T00:00:00Z',
		line: 'mythos'
	},
	{
		id: 'claude-fable-5-2',
		display_name: 'Claude Fable 5.2',
		created_at: '2026-05-01T00:00:00Z',
		line: 'fable'
	}
];

/**
 * `GET /v1/models` in the API's format: newest first, paged by `limit` (default 20) and `after_id`, with
 * `has_more`, `first_id` and `last_id`, so the SDK's auto-pagination is exercised.
 */
export function modelsPage(url: URL): Record<string, unknown> {
	const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
	const after = url.searchParams.get('after_id');
	const start = after === null ? 0 : MOCK_MODELS.findIndex((m) => m.id === after) + 1;
	const page = MOCK_MODELS.slice(start, start + limit).map((m) => ({
		type: 'model',
		id: m.id,
		display_name: m.display_name,
		created_at: m.created_at,
		capabilities: null,
		deprecated_at: null,
		lifecycle: 'active',
		line: m.line,
		max_input_tokens: 200_000,
		max_tokens: 64_000,
		retires_at: null
	}));
	return {
		data: page,
		has_more: start + limit < MOCK_MODELS.length,
		first_id: page[0]?.id ?? null,
		last_id: page.at(-1)?.id ?? null
	};
}

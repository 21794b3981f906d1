/**
 * The models a key may use, from the API's own list (`GET /v1/models` through the SDK's `models.list`), so the
 * Settings page offers what this key can call instead of a list frozen at build time. Retired models are left
 * out; the default (models.ts) is marked so the page can preselect it.
 */
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { ANTHROPIC_HOST } from '../compliance/hosts.js';
import { toAiError } from './client-errors';
import { DEFAULT_MODEL } from './models';

/** A listing is a few small pages; this bounds the wait as a turn's deadline bounds a turn. */
export const MODEL_LIST_TIMEOUT_MS = 15_000;
/** More than any account has today; a longer list is cut rather than paged forever. */
export const MAX_LISTED_MODELS = 200;

const modelInfoSchema = z.object({
	id: z.string().min(1).max(128),
	display_name: z.string().max(200).catch(''),
	created_at: z.string().catch(''),
	lifecycle: z.enum(['active', 'deprecated', 'retired']).catch('active')
});

export interface ListedModel {
	readonly id: string;
	readonly name: string;
	readonly deprecated: boolean;
	readonly isDefault: boolean;
}

export interface ModelListOptions {
	readonly apiKey: string;
	readonly baseURL?: string;
	readonly fetch?: typeof globalThis.fetch;
	readonly now?: () => number;
}

/** The key's models, newest first as the API lists them; throws an AiError the page can show. */
export async function listModels(options: ModelListOptions): Promise<ListedModel[]> {
	const baseURL = options.baseURL || ANTHROPIC_HOST;
	const sdk = new Anthropic({
		apiKey: options.apiKey,
		baseURL,
		dangerouslyAllowBrowser: true,
		maxRetries: 0,
		timeout: MODEL_LIST_TIMEOUT_MS,
		fetch: options.fetch
	});
	const out: ListedModel[] = [];
	try {
		for await (const raw of sdk.models.list({ limit: 100 })) {
			const info = modelInfoSchema.safeParse(raw);
			if (!info.success || info.data.lifecycle === 'retired') continue;
			out.push({
				id: info.data.id,
				name: info.data.display_name || info.data.id,
				deprecated: info.data.lifecycle === 'deprecated',
				isDefault: info.data.id === DEFAULT_MODEL
			});
			if (out.length >= MAX_LISTED_MODELS) break;
		}
	} catch (e) {
		throw toAiError(e, {
			secrets: [options.apiKey],
			partialText: '',
			online: typeof navigator === 'undefined' ? true : navigator.onLine,
			stoppedBy: null,
			timeoutMs: MODEL_LIST_TIMEOUT_MS,
			host: new URL(baseURL).host,
			now: options.now ?? Date.now
		});
	}
	return out;
}

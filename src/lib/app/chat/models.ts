/**
 * The model choices the Settings page offers: the key's own list from the API once an Anthropic key is set and
 * unlocked, or the reason there is none yet (the page then keeps a free-text field with the SDK's ids).
 */
import { listModels, type ListedModel } from '../../ai/model-list';
import { errorMessage } from '../../domain/errors';
import { db } from '../db';
import { loadSettings } from '../settings';
import { getVault } from '../vault';

export type ModelChoices =
	| { readonly ok: true; readonly models: readonly ListedModel[] }
	| { readonly ok: false; readonly code: 'no_key' | 'locked' | 'failed'; readonly reason: string };

export async function modelChoices(): Promise<ModelChoices> {
	const vault = await getVault();
	if (vault.state === 'locked' && vault.names().includes('anthropic'))
		return { ok: false, code: 'locked', reason: 'Unlock your keys to load the models your key may use.' };
	const apiKey = vault.get('anthropic');
	if (!apiKey)
		return { ok: false, code: 'no_key', reason: 'Save an Anthropic API key to load the models it may use.' };
	const settings = await loadSettings(db);
	try {
		return { ok: true, models: await listModels({ apiKey, baseURL: settings.anthropicOrigin }) };
	} catch (e) {
		return {
			ok: false,
			code: 'failed',
			reason: `The model list could not be loaded: ${errorMessage(e)}`
		};
	}
}

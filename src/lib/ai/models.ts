/**
 * Which Claude model a turn uses. The ids come from the installed SDK's `Model` union (models.spec.ts reads it,
 * so an SDK upgrade that names a newer Sonnet fails a test and reminds us to move the default). Any other id may
 * be typed in Settings: the API, not this list, is the judge of what a key may use.
 */
import { z } from 'zod';

/**
 * Sonnet-class: strong enough at tool use to drive trials, cheap and fast enough for a long autonomous loop.
 * The newest Sonnet in @anthropic-ai/sdk 1.14.0's union.
 */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

/**
 * The select box's choices: the newest id of each model line the SDK names, in the union's own order (newest
 * first). None is on the SDK's deprecation list.
 */
export const KNOWN_MODELS = [
	'claude-fable-5-2',
	'claude-mythos-5-2',
	'claude-haiku-5-5',
	'claude-sonnet-5-5',
	'claude-opus-5-5'
] as const;

export type KnownModel = (typeof KNOWN_MODELS)[number];

/** Lower-case letters, digits, dots and hyphens: every id Anthropic has issued, dated snapshots included. */
export const modelIdSchema = z
	.string()
	.trim()
	.regex(/^[a-z0-9][a-z0-9.-]{2,63}$/, 'A model id is 3–64 lower-case letters, digits, dots or hyphens.');

export function isKnownModel(id: string): id is KnownModel {
	return (KNOWN_MODELS as readonly string[]).includes(id);
}

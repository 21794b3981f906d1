/**
 * What the chat box may send. Checked in the service, not only on the page, so no caller can skip it: the text
 * policy (no fabricated data, no guaranteed profit, no bypassing compliance), hidden characters (removed, and
 * reported so the page can say what was removed), and secrets — a message that holds a key the vault holds, or
 * a string shaped like a key, is refused until the user removes it: a message goes to Anthropic, is stored in
 * plain text and is exported.
 */
import { checkText } from '../../compliance/text-policy';
import { appendAudit } from '../../db/audit-log';
import { describeHidden, stripHidden, type HiddenReport } from '../../domain/text';
import { containsSecret } from '../../security/redact';
import { db } from '../db';
import { getVault } from '../vault';
import { ChatError } from './errors';

export const SECRET_IN_MESSAGE =
	'This message contains an API key (or text shaped like one). Remove it before sending: keys belong in Settings, and a chat message is sent to Anthropic, stored in plain text and exported.';

/** Every value the vault holds right now (none while it is locked). */
export async function knownSecrets(): Promise<string[]> {
	const vault = await getVault();
	return vault.names().flatMap((n) => vault.get(n) ?? []);
}

/** The text as it will be sent, and the hidden characters removed from it. */
export interface Outgoing {
	readonly text: string;
	readonly removed: HiddenReport;
}

/** "Removed 2 zero-width … characters before sending." for the page; '' when nothing was removed. */
export function removedNotice(removed: HiddenReport): string {
	return removed.total === 0 ? '' : `Removed ${describeHidden(removed)} before sending.`;
}

/** Checks a message the user typed; throws ChatError when it must not be sent. */
export async function prepareOutgoing(conversationId: string, typed: string): Promise<Outgoing> {
	const { text: visible, removed } = stripHidden(typed);
	const text = visible.trim();
	if (!text) throw new ChatError('empty', 'Type a message first.');
	if (containsSecret(text, await knownSecrets())) throw new ChatError('secret', SECRET_IN_MESSAGE);
	// The gateway's text policy applies to requests as to goals: asking to fabricate data, promise guaranteed
	// profit or bypass compliance is refused here, before anything is stored or sent, and audited.
	const policy = checkText(text);
	if (!policy.allowed) {
		await appendAudit(db, {
			type: 'compliance.decision',
			subject: conversationId,
			summary: `Chat request refused (${policy.code}): ${policy.reason}`,
			detail: { allowed: false, code: policy.code, reason: policy.reason, where: 'chat', match: policy.match }
		});
		throw new ChatError('refused', policy.reason);
	}
	return { text, removed };
}

/** Whether the chat can send at all, and if not, why in words (the page links to Settings). */
export type Readiness =
	{ readonly ok: true } | { readonly ok: false; readonly code: 'no_key' | 'locked'; readonly reason: string };

export async function chatReadiness(): Promise<Readiness> {
	const vault = await getVault();
	if (vault.state === 'locked' && vault.names().includes('anthropic'))
		return { ok: false, code: 'locked', reason: 'Your keys are locked: unlock them in Settings to send.' };
	if (!vault.names().includes('anthropic'))
		return {
			ok: false,
			code: 'no_key',
			reason: 'No Anthropic API key is set: add yours in Settings to talk to mlTrainer.'
		};
	return { ok: true };
}

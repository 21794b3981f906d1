/**
 * Whether the address is a share link (`…/#/s/v1.…`): read by the layout on every page, so it imports nothing —
 * the share view and its codec load only when a link is opened.
 */

/** The fragment prefix of a share link. */
export const SHARE_PREFIX = '#/s/';

/** The link part of a location hash, or null when the hash is not a share link. */
export function shareFragmentOf(hash: string): string | null {
	return hash.startsWith(SHARE_PREFIX) ? hash.slice(SHARE_PREFIX.length) : null;
}

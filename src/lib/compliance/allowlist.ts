/**
 * The approved real data sources (ARCHITECTURE §1), read from the one allowlist constant in hosts.js that also
 * generates the build's Content-Security-Policy. Polygon.io is now Massive: both hosts are the same source.
 * This module is pure policy: it decides, it does not fetch.
 */
import { APPROVED_SOURCE_HOSTS, ANTHROPIC_HOST, type ExtraHost } from './hosts.js';

export type Source = keyof typeof APPROVED_SOURCE_HOSTS;

/** The approved source ids, in the allowlist's order. */
export const APPROVED_SOURCES = Object.keys(APPROVED_SOURCE_HOSTS) as readonly Source[];

export const SOURCE_LABELS: Readonly<Record<Source, string>> = {
	polygon: APPROVED_SOURCE_HOSTS.polygon.label,
	fred: APPROVED_SOURCE_HOSTS.fred.label,
	yahoo: APPROVED_SOURCE_HOSTS.yahoo.label,
	quandl: APPROVED_SOURCE_HOSTS.quandl.label
};

export function isApprovedSource(source: string): source is Source {
	return (APPROVED_SOURCES as readonly string[]).includes(source);
}

/** Origins the app may call for a role, approved hosts first, then this build's extras for that role. */
export function originsFor(
	role: 'polygon' | 'fred-relay' | 'anthropic',
	extras: readonly ExtraHost[]
): string[] {
	const base =
		role === 'polygon'
			? [...APPROVED_SOURCE_HOSTS.polygon.hosts]
			: role === 'anthropic'
				? [ANTHROPIC_HOST]
				: [];
	return [...base, ...extras.filter((e) => e.role === role).map((e) => e.origin)];
}

/** Is this URL's origin one the app may reach for this role? The CSP enforces the same list in the browser. */
export function isAllowedUrl(
	url: string,
	role: 'polygon' | 'fred-relay' | 'anthropic',
	extras: readonly ExtraHost[]
): boolean {
	let origin: string;
	try {
		origin = new URL(url).origin;
	} catch {
		return false;
	}
	return originsFor(role, extras).includes(origin);
}

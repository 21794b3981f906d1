/**
 * Test helper: seeded mutations of a valid share link (character replaced, deleted, inserted, or the link cut),
 * as security/share-link.spec.ts does for a trial. Each mutated link is decoded; the caller checks that every
 * result is a coded refusal with a message or a valid value of the same kind — decodeShare must never throw.
 */
import { createRng, type Rng } from '../domain/random';
import { decodeShare, type DecodeResult } from '../security/share-link';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/=%';

export function mutateLink(link: string, rng: Rng): string {
	let s = link;
	const edits = 1 + Math.floor(rng.next() * 3);
	for (let e = 0; e < edits; e++) {
		const at = Math.floor(rng.next() * s.length);
		const ch = ALPHABET[Math.floor(rng.next() * ALPHABET.length)];
		const op = rng.next();
		s =
			op < 0.4
				? s.slice(0, at) + ch + s.slice(at + 1)
				: op < 0.7
					? s.slice(0, at) + s.slice(at + 1)
					: op < 0.9
						? s.slice(0, at) + ch + s.slice(at)
						: s.slice(0, at);
	}
	return s;
}

/** Decodes `count` seeded mutations of `link`; returns every result (in order) for the caller to check. */
export async function decodeMutations(link: string, count: number, seed: number): Promise<DecodeResult[]> {
	const rng = createRng(seed);
	const out: DecodeResult[] = [];
	for (let k = 0; k < count; k++) out.push(await decodeShare(mutateLink(link, rng)));
	return out;
}

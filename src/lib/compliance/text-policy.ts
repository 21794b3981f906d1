/**
 * The text policy of the compliance gateway: may a goal or a chat request go ahead? It refuses what the product
 * will never do (ARCHITECTURE §6): invent market data or results, promise profit, and switch off its own checks.
 *
 * The original matched single words ("random", "generate", "simulate", "risk-free") and so refused "random
 * forest", "generate signals" and "risk-free rate" (original-system §2.4). These rules match phrases instead: a
 * verb with its object, an adjective with its noun. A match is dropped when a negation governs it ("do not",
 * "without", "detect"), and some matches have an excuse in context (bars built from imported trades, a Monte
 * Carlo over estimated parameters, "guaranteed returns are a myth").
 * The words are in text-policy-vocabulary.ts and the rules built from them in text-policy-rules.ts; this file
 * normalises the text, drops negated matches and decides.
 * Pure: no I/O; the same in a worker, in Node tests and in the page.
 */
import { APPROVED_SOURCES, SOURCE_LABELS } from './allowlist';
import { RULES } from './text-policy-rules';

export type TextPolicyCode =
	'ok' | 'empty' | 'too_long' | 'fabricate_data' | 'guaranteed_profit' | 'bypass_compliance';

export interface TextDecision {
	readonly allowed: boolean;
	readonly code: TextPolicyCode;
	readonly reason: string;
	/** the words that triggered a refusal, '' when allowed */
	readonly match: string;
}

/** A goal or a request is a few sentences; longer text is pasted material, and the cap bounds matching cost. */
export const MAX_POLICY_TEXT_CHARS = 4000;

/** The codes a rule refuses with (text-policy-rules.ts). */
export type RefusalCode = 'fabricate_data' | 'guaranteed_profit' | 'bypass_compliance';

// "Polygon.io / Massive, FRED, Yahoo Finance, Quandl / Nasdaq Data Link": named from the allowlist itself.
const SOURCE_NAMES = APPROVED_SOURCES.map((s) => SOURCE_LABELS[s].replace(/ \(.*\)$/, '')).join(', ');

const REASONS: Readonly<Record<TextPolicyCode, string>> = {
	ok: 'Allowed: nothing in the text asks for what the compliance policy forbids.',
	empty: 'Write a goal or a request first: the text is empty.',
	too_long: `Keep a goal or request under ${MAX_POLICY_TEXT_CHARS} characters; bring data in as a dataset instead.`,
	fabricate_data: `mlTrainer only uses real data from approved sources (${SOURCE_NAMES}) and reports only numbers it computed; it never generates, invents or fills in market data or results. Import or fetch the real series instead.`,
	guaranteed_profit:
		'No strategy can guarantee profit or rule out losses, so mlTrainer will not aim for or promise it. Set a measurable goal instead, such as a Sharpe ratio or a maximum drawdown tested out of sample on real data.',
	bypass_compliance:
		'The compliance checks (approved sources, data provenance, the audit trail and safety limits) always apply and cannot be switched off, skipped or worked around. Ask what a check needs and mlTrainer will help you meet it.'
};

// ── Normalisation ──────────────────────────────────────────────────────────────────────────────────────────

// Cyrillic and Greek letters that look Latin and that Unicode normalisation leaves alone ("fаke", Cyrillic а).
const CONFUSABLES: Readonly<Record<string, string>> = pairs(
	'\u0410A\u0412B\u0415E\u041aK\u041cM\u041dH\u041eO\u0420P\u0421C\u0422T\u0425X\u0423Y\u0405S\u0406I\u0408J' +
		'\u0430a\u0435e\u043eo\u0440p\u0441c\u0443y\u0445x\u0455s\u0456i\u0458j\u04bbh\u0501d\u051bq\u051dw' +
		'\u0391A\u0392B\u0395E\u0396Z\u0397H\u0399I\u039aK\u039cM\u039dN\u039fO\u03a1P\u03a4T\u03a5Y\u03a7X' +
		'\u03b1a\u03bfo\u03c1p\u03b9i\u03bak\u03bdv\u03c5u\u03c7x\u03f2c\u0251a\u0261g\u0131i'
);
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');
// Marks (diacritics, variation selectors), format characters (zero-width, bidi, soft hyphen) and blank fillers.
const INVISIBLE = /[\p{M}\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu;
// Letters spelled out one at a time: "s y n t h e t i c", "f.a.k.e".
const SPACED_LETTERS = /(?<![\p{L}\p{N}])(?:[a-z][ \t._*-]+){2,}[a-z](?![\p{L}\p{N}])/gu;

function pairs(list: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (let i = 0; i + 1 < list.length; i += 2) out[list[i]] = list[i + 1];
	return out;
}

/** Folds the text to lower-case ASCII words; NFKD is the compatibility folding of NFKC, then marks are dropped. */
function fold(text: string): string {
	return text
		.normalize('NFKD')
		.replace(CONFUSABLE, (c) => CONFUSABLES[c] ?? c)
		.toLowerCase()
		.normalize('NFKD')
		.replace(INVISIBLE, '');
}

/** Sentences of single-space separated words; a comma is a word of its own so that it can bound a phrase. */
function sentences(folded: string): string[] {
	return folded
		.replace(/[\u2018\u2019\u201b\u02bc\u2032`]/g, "'")
		.replace(/[\u2010-\u2012\u2043\u2212]/g, '-')
		.replace(/[\u2013-\u2015]/g, ',')
		.replace(SPACED_LETTERS, (m) => m.replace(/[^a-z]/g, ''))
		.replace(/(\d) ?(?:%|percent\b|per cent\b|pct\b)/g, '$1%')
		.replace(/\bw\/o\b/g, 'without')
		.split(/[!?;:\n\r]+|\.(?!\d)|(?<!\d)\./)
		.map((s) =>
			s
				.replace(/,/g, ' , ')
				.replace(/[^a-z0-9%&'\-, ]+/g, ' ')
				.split(' ')
				.map((w) => w.replace(/^['-]+|['-]+$/g, ''))
				.filter((w) => w.length > 0)
				.join(' ')
		)
		.filter((s) => s.length > 0);
}

// ── Negation ───────────────────────────────────────────────────────────────────────────────────────────────

// Words that, shortly before a phrase, turn a request into its opposite ("never use synthetic data", "detect
// fake volume", "skip rows without provenance").
const NEGATORS = new Set(
	(
		"not no never don't dont doesn't doesnt didn't didnt won't wont wouldn't wouldnt shouldn't shouldnt " +
		"mustn't can't cant cannot without avoid avoids avoiding refuse refuses prevent prevents preventing " +
		'prohibit prohibits prohibited forbid forbids forbidden ban bans banned reject rejects rejecting detect ' +
		'detects detecting flag flags flagging spot spotting identify identifies exclude excludes excluding ' +
		'instead rather nor neither against disallow disallows block blocks blocking beware warn warns warning ' +
		'stop stops remove removes removing filter filters filtering skip skips skipping drop drops dropping ' +
		'discard discards discarding ignore ignores ignoring check checks checking scan scans nothing none free'
	).split(' ')
);
// A clause boundary: a negation before it governs another phrase ("there is no data, so generate prices").
const CONNECTORS = new Set(
	', and but so then because therefore or yet also plus however although though while whereas if unless when'.split(
		' '
	)
);
/** How far back a negation reaches: "do not ever try to generate" is four words. */
const NEGATION_REACH_WORDS = 4;

function negated(sentence: string, start: number): boolean {
	const before = sentence.slice(0, start).trim().split(' ');
	for (let i = before.length - 1, n = 0; i >= 0 && n < NEGATION_REACH_WORDS; i--, n++) {
		if (CONNECTORS.has(before[i])) return false;
		if (NEGATORS.has(before[i])) return true;
	}
	return false;
}

interface Hit {
	readonly code: RefusalCode;
	readonly index: number;
	readonly match: string;
}

/** The earliest match in the sentence that no negation governs and no context excuses. */
function firstHit(sentence: string): Hit | null {
	let best: Hit | null = null;
	for (const { code, pattern, excuse } of RULES) {
		for (const m of sentence.matchAll(pattern)) {
			if (best && m.index >= best.index) break;
			if (negated(sentence, m.index) || excuse?.(sentence, m.index + m[0].length)) continue;
			best = { code, index: m.index, match: m[0] };
			break;
		}
	}
	return best;
}

const decision = (code: TextPolicyCode, match = ''): TextDecision => ({
	allowed: code === 'ok',
	code,
	reason: REASONS[code],
	match
});

/** Decides whether a goal or a request may go ahead; never throws. */
export function checkText(text: string): TextDecision {
	// Callers outside TypeScript (a worker message, stored JSON) may pass anything.
	if (typeof text !== 'string') return decision('empty');
	if (text.length > MAX_POLICY_TEXT_CHARS) return decision('too_long');
	const folded = fold(text);
	if (!/\S/.test(folded)) return decision('empty');
	for (const sentence of sentences(folded)) {
		const hit = firstHit(sentence);
		if (hit) return decision(hit.code, hit.match);
	}
	return decision('ok');
}

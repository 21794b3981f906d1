import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '../domain/canonical-json';
import {
	AUDIT_DETAIL_MAX_BYTES,
	AUDIT_STRING_MAX_CHARS,
	AUDIT_TYPES,
	GENESIS_HASH,
	auditDetail,
	auditEventHash,
	auditEventSchema,
	chainEvent,
	toJsonLines,
	verifyChain,
	verifyFrom,
	type AuditDraft,
	type AuditEvent,
	type ChainVerdict
} from './audit';

const T0 = Date.UTC(2024, 5, 11, 9, 30);

function draft(i: number): AuditDraft {
	return {
		type: AUDIT_TYPES[i % AUDIT_TYPES.length],
		subject: `ds-${i % 7}`,
		summary: `event number ${i}`,
		detail: { i, rows: i * 10, ok: i % 2 === 0, tags: ['a', `t${i}`], nested: { x: i / 3, none: null } }
	};
}

function buildChain(n: number): AuditEvent[] {
	const events: AuditEvent[] = [];
	for (let i = 0; i < n; i++) events.push(chainEvent(events[i - 1], draft(i), T0 + i * 1000));
	return events;
}

/** A stored copy, as IndexedDB would hand it back, with one event replaced. */
function tampered(events: readonly AuditEvent[], seq: number, edit: (e: AuditEvent) => unknown): unknown[] {
	const copy: unknown[] = events.map((e) => structuredClone(e));
	copy[seq - 1] = edit(structuredClone(events[seq - 1]));
	return copy;
}

function failure(v: ChainVerdict): string {
	return v.ok ? 'ok' : `${v.code} at ${v.brokenAt}`;
}

const CHAIN = buildChain(1000);

describe('chainEvent', () => {
	it('starts the chain at seq 1 from the genesis hash, hashing prevHash followed by the canonical JSON', () => {
		const e = chainEvent(
			undefined,
			{ type: 'data.import', subject: 'sp500', summary: 'S&P 500', detail: { rows: 2 } },
			5
		);
		expect(e.seq).toBe(1);
		expect(e.prevHash).toBe(GENESIS_HASH);
		const body =
			'{"at":5,"detail":{"rows":2},"prevHash":"' +
			GENESIS_HASH +
			'","seq":1,"subject":"sp500","summary":"S&P 500","type":"data.import"}';
		expect(e.hash).toBe(
			createHash('sha256')
				.update(GENESIS_HASH + body, 'utf8')
				.digest('hex')
		);
	});

	it('links each event to the hash of the one before it', () => {
		expect(CHAIN[1].seq).toBe(2);
		expect(CHAIN[1].prevHash).toBe(CHAIN[0].hash);
		expect(CHAIN[999].seq).toBe(1000);
		expect(new Set(CHAIN.map((e) => e.hash)).size).toBe(1000);
	});

	it('makes subject and summary one capped line', () => {
		const e = chainEvent(
			undefined,
			{ type: 'trial.failed', subject: ' a\nb ', summary: `x\r\n\ty${'z'.repeat(600)}`, detail: {} },
			1
		);
		expect(e.subject).toBe('a b');
		expect(e.summary.startsWith('x y')).toBe(true);
		expect(e.summary).toHaveLength(500);
		expect(e.summary.endsWith('…')).toBe(true);
	});

	it('stores a normalised detail, so an event with NaN in its draft still verifies after a JSON round trip', () => {
		const e = chainEvent(
			undefined,
			{ type: 'data.drift', subject: '', summary: 's', detail: { skew: Number.NaN, gone: undefined } },
			1
		);
		expect(e.detail).toEqual({ skew: null });
		expect(verifyChain([JSON.parse(JSON.stringify(e))])).toEqual({
			ok: true,
			checked: 1,
			headSeq: 1,
			headHash: e.hash
		});
	});

	it('refuses a time that is not whole epoch milliseconds', () => {
		expect(() => chainEvent(undefined, draft(0), 1.5)).toThrow(RangeError);
		expect(() => chainEvent(undefined, draft(0), Number.NaN)).toThrow(RangeError);
		expect(() => chainEvent(undefined, draft(0), -1)).toThrow(RangeError);
	});

	it('refuses a draft whose type is not an audit type', () => {
		const bad = { ...draft(0), type: 'trial.hacked' } as unknown as AuditDraft;
		expect(() => chainEvent(undefined, bad, 1)).toThrow();
	});
});

describe('verifyChain', () => {
	it('verifies a chain of 1,000 events and reports its head', () => {
		expect(verifyChain(CHAIN)).toEqual({ ok: true, checked: 1000, headSeq: 1000, headHash: CHAIN[999].hash });
	});

	it('verifies the empty chain with the genesis hash as its head', () => {
		expect(verifyChain([])).toEqual({ ok: true, checked: 0, headSeq: 0, headHash: GENESIS_HASH });
	});

	const edits: Record<string, (e: AuditEvent) => AuditEvent> = {
		summary: (e) => ({ ...e, summary: `${e.summary}!` }),
		subject: (e) => ({ ...e, subject: 'other' }),
		'a detail value': (e) => ({ ...e, detail: { ...e.detail, rows: 1 } }),
		'a nested detail value': (e) => ({ ...e, detail: { ...e.detail, nested: { x: -1, none: null } } }),
		'an added detail member': (e) => ({ ...e, detail: { ...e.detail, extra: true } }),
		at: (e) => ({ ...e, at: e.at + 1 }),
		type: (e) => ({ ...e, type: e.type === 'data.fetch' ? 'data.import' : 'data.fetch' }),
		'the stored hash': (e) => ({ ...e, hash: e.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) })
	};
	for (const [field, edit] of Object.entries(edits)) {
		it(`reports exactly the edited event as a hash mismatch when its ${field} changes`, () => {
			for (const seq of [1, 2, 500, 1000]) {
				const verdict = verifyChain(tampered(CHAIN, seq, edit));
				expect(failure(verdict), `seq ${seq}`).toBe(`hash_mismatch at ${seq}`);
				expect(verdict.checked).toBe(seq - 1);
			}
		});
	}

	it('reports a changed previous-hash field as a broken link at that event', () => {
		const verdict = verifyChain(tampered(CHAIN, 300, (e) => ({ ...e, prevHash: CHAIN[100].hash })));
		expect(failure(verdict)).toBe('prev_mismatch at 300');
	});

	it('reports the NEXT event when an edited event also got a recomputed hash', () => {
		const rehash = (e: AuditEvent) => {
			const edited = { ...e, summary: 'nothing happened here' };
			return { ...edited, hash: auditEventHash(edited) };
		};
		expect(failure(verifyChain(tampered(CHAIN, 400, rehash)))).toBe('prev_mismatch at 401');
		expect(failure(verifyChain(tampered(CHAIN, 1, rehash)))).toBe('prev_mismatch at 2');
	});

	it('cannot see a rewritten tail by itself, but its head no longer matches the remembered one', () => {
		// Re-chaining everything from an edit onward yields a valid chain: this is why the head is returned.
		const rewritten = CHAIN.slice(0, 699);
		for (let i = 699; i < 1000; i++) {
			const d = i === 699 ? { ...draft(i), summary: 'rewritten' } : draft(i);
			rewritten.push(chainEvent(rewritten[i - 1], d, CHAIN[i].at));
		}
		const verdict = verifyChain(rewritten);
		expect(verdict.ok && verdict.headSeq).toBe(1000);
		expect(verdict.ok && verdict.headHash).not.toBe(CHAIN[999].hash);
	});

	it('reports a deleted event as a gap at the missing seq', () => {
		for (const seq of [1, 2, 500, 999]) {
			const without = CHAIN.filter((e) => e.seq !== seq);
			const verdict = verifyChain(without);
			expect(failure(verdict), `deleted ${seq}`).toBe(`seq_gap at ${seq}`);
			expect(verdict.ok ? '' : verdict.reason).toBe(
				`event ${seq} is missing: the next stored event is ${seq + 1}`
			);
		}
	});

	it('reports a deleted event whose successors were renumbered as a broken link', () => {
		const renumbered = [...CHAIN.slice(0, 9), ...CHAIN.slice(10).map((e) => ({ ...e, seq: e.seq - 1 }))];
		expect(failure(verifyChain(renumbered))).toBe('prev_mismatch at 10');
	});

	it('accepts a chain that lost only its newest events: the head seq shows it', () => {
		const verdict = verifyChain(CHAIN.slice(0, 998));
		expect(verdict).toEqual({ ok: true, checked: 998, headSeq: 998, headHash: CHAIN[997].hash });
	});

	it('reports two swapped events at the first position out of order', () => {
		const swapped = [...CHAIN];
		[swapped[41], swapped[42]] = [swapped[42], swapped[41]];
		expect(failure(verifyChain(swapped))).toBe('seq_gap at 42');
	});

	it('reports a repeated event', () => {
		const repeated = [...CHAIN.slice(0, 10), CHAIN[9], ...CHAIN.slice(10)];
		const verdict = verifyChain(repeated);
		expect(failure(verdict)).toBe('seq_gap at 11');
		expect(verdict.ok ? '' : verdict.reason).toMatch(/repeated or out of order/);
	});

	it('reports a malformed event at its position', () => {
		const cases: Record<string, unknown> = {
			'an extra field': { ...CHAIN[4], note: 'x' },
			'a missing field': { ...CHAIN[4], detail: undefined },
			'an unknown type': { ...CHAIN[4], type: 'trial.hacked' },
			'an upper-case hash': { ...CHAIN[4], hash: CHAIN[4].hash.toUpperCase() },
			'a NaN in the detail': { ...CHAIN[4], detail: { x: Number.NaN } },
			'a non-object': 'event',
			null: null
		};
		for (const [name, bad] of Object.entries(cases)) {
			const events: unknown[] = [...CHAIN.slice(0, 4), bad, ...CHAIN.slice(5)];
			expect(failure(verifyChain(events)), name).toBe('malformed at 5');
		}
	});

	it('reads events lazily from any iterable', () => {
		function* stream() {
			yield* CHAIN.slice(0, 20);
		}
		expect(verifyChain(stream()).ok).toBe(true);
	});
});

describe('verifyFrom', () => {
	it('verifies a chain in chunks, each continuing from the head of the one before', () => {
		let head: { seq: number; hash: string } | undefined;
		for (let start = 0; start < 1000; start += 128) {
			const verdict = verifyFrom(head, CHAIN.slice(start, start + 128));
			if (!verdict.ok) throw new Error(verdict.reason);
			head = { seq: verdict.headSeq, hash: verdict.headHash };
		}
		expect(head).toEqual({ seq: 1000, hash: CHAIN[999].hash });
	});

	it('names the broken event by its seq, not its place in the chunk', () => {
		const events = tampered(CHAIN, 650, (e) => ({ ...e, at: 0 }));
		const verdict = verifyFrom(CHAIN[599], events.slice(600, 700));
		expect(failure(verdict)).toBe('hash_mismatch at 650');
		expect(verdict.checked).toBe(49);
	});

	it('refuses a chunk that does not continue its head', () => {
		expect(failure(verifyFrom(CHAIN[99], CHAIN.slice(101, 200)))).toBe('seq_gap at 101');
		expect(failure(verifyFrom({ seq: 100, hash: GENESIS_HASH }, CHAIN.slice(100, 200)))).toBe(
			'prev_mismatch at 101'
		);
	});
});

describe('toJsonLines', () => {
	it('writes one canonical JSON object per line, each line ending in a newline', () => {
		const text = toJsonLines(CHAIN.slice(0, 3));
		const lines = text.split('\n');
		expect(lines).toHaveLength(4);
		expect(lines[3]).toBe('');
		expect(lines[0]).toBe(canonicalJson(CHAIN[0]));
		expect(lines[0].startsWith('{"at":')).toBe(true);
		expect(toJsonLines([])).toBe('');
	});

	it('round-trips: parsing every line gives a chain that verifies again', () => {
		const parsed: unknown[] = toJsonLines(CHAIN)
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => JSON.parse(line));
		expect(verifyChain(parsed)).toEqual(verifyChain(CHAIN));
		expect(parsed.map((e) => auditEventSchema.parse(e))).toEqual(CHAIN);
	});

	it('keeps a "__proto__" detail key as data through export, import and verification', () => {
		const e = chainEvent(
			undefined,
			{ type: 'settings.changed', subject: '', summary: 's', detail: JSON.parse('{"__proto__":{"x":1}}') },
			1
		);
		expect(Object.keys(e.detail)).toEqual(['__proto__']);
		const back: unknown = JSON.parse(toJsonLines([e]));
		expect(verifyChain([back]).ok).toBe(true);
		expect(verifyChain([{ ...(back as object), detail: {} }]).ok).toBe(false);
	});
});

describe('auditDetail', () => {
	it('drops undefined members, writes null for NaN and the infinities, 0 for -0 and ISO text for Dates', () => {
		const d = auditDetail({
			a: undefined,
			b: Number.NaN,
			c: Number.POSITIVE_INFINITY,
			d: -0,
			e: [1, undefined, Number.NEGATIVE_INFINITY],
			f: new Date(Date.UTC(2020, 0, 2)),
			g: new Date(Number.NaN),
			h: { deep: { x: undefined, y: 'ok' } }
		});
		expect(d).toEqual({
			b: null,
			c: null,
			d: 0,
			e: [1, null, null],
			f: '2020-01-02T00:00:00.000Z',
			g: null,
			h: { deep: { y: 'ok' } }
		});
		expect(Object.is(d.d, 0)).toBe(true);
	});

	it('refuses data columns, Maps, Sets, functions, symbols, bigints, class instances and cycles', () => {
		const refused = (v: unknown) => {
			try {
				auditDetail({ v });
			} catch (e) {
				return e instanceof CanonicalJsonError ? e.code : 'other';
			}
			return 'accepted';
		};
		expect(refused(new Float64Array(3))).toBe('unsupported_type');
		expect(refused(new Map())).toBe('unsupported_type');
		expect(refused(new Set())).toBe('unsupported_type');
		expect(refused(() => 1)).toBe('unsupported_type');
		expect(refused(Symbol('s'))).toBe('unsupported_type');
		expect(refused(1n)).toBe('unsupported_type');
		expect(refused(new (class Job {})())).toBe('unsupported_type');
		const loop: Record<string, unknown> = {};
		loop.loop = loop;
		expect(refused(loop)).toBe('cycle');
		expect(() => auditDetail([] as unknown as Record<string, unknown>)).toThrow(CanonicalJsonError);
	});

	it('caps strings at 500 characters with an ellipsis, never splitting a surrogate pair', () => {
		const d = auditDetail({ long: 'x'.repeat(2000), emoji: `${'y'.repeat(498)}😀😀` });
		expect(d.long).toBe(`${'x'.repeat(AUDIT_STRING_MAX_CHARS - 1)}…`);
		expect(d.emoji).toBe(`${'y'.repeat(498)}…`);
	});

	it('keeps the whole detail within 8 KB by replacing the largest members with a note of their size', () => {
		const many = Array.from({ length: 40 }, (_, i) => `value ${i} ${'v'.repeat(300)}`);
		const d = auditDetail({ rows: 5105, many, small: 'kept' });
		expect(new TextEncoder().encode(canonicalJson(d)).length).toBeLessThanOrEqual(AUDIT_DETAIL_MAX_BYTES);
		expect(d.rows).toBe(5105);
		expect(d.small).toBe('kept');
		expect(d.many).toMatch(/^\[omitted: \d+ bytes\]$/);
	});

	it('replaces a detail with too many members by one line saying so', () => {
		const input = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`key${i}`, i]));
		const d = auditDetail(input);
		expect(Object.keys(d)).toEqual(['_omitted']);
		expect(d._omitted).toMatch(/^detail too large: \d+ bytes in 2000 members$/);
	});

	it('replaces nesting deeper than 8 levels with a marker', () => {
		let deep: unknown = 'bottom';
		for (let i = 0; i < 12; i++) deep = { d: deep };
		expect(canonicalJson(auditDetail({ deep }))).toContain('[omitted: nested deeper than 8 levels]');
	});

	it('is idempotent and leaves its input untouched', () => {
		const input = { a: [1, -0, Number.NaN], s: 'z'.repeat(900), d: new Date(0), u: undefined };
		const snapshot = structuredClone(input);
		const once = auditDetail(input);
		expect(auditDetail(once)).toEqual(once);
		expect(input).toEqual(snapshot);
	});

	it('keeps a "__proto__" key as an own member and pollutes nothing', () => {
		const d = auditDetail(JSON.parse('{"__proto__":{"polluted":true},"a":1}'));
		expect(Object.keys(d).sort()).toEqual(['__proto__', 'a']);
		expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

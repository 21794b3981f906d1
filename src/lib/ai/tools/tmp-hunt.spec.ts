import { it } from 'vitest';
import { createRng } from '../../domain/random';
import { fuzzCase } from './fuzz-cases';
import { parseToolCall } from './parse';
it('hunts', () => {
	const stats = new Map<string, number>();
	const failures: string[] = [];
	const t0 = performance.now();
	for (let seed = 1; seed <= 300_000; seed++) {
		const s = (seed * 7919) >>> 0;
		const c = fuzzCase(s, createRng);
		let r;
		try { r = parseToolCall(c.name, c.input); } catch (e) { failures.push(`${s} threw ${e}`); continue; }
		const key = r.ok ? 'ok' : r.code;
		stats.set(key, (stats.get(key) ?? 0) + 1);
		if (c.getterCalled.value) failures.push(`${s} getter`);
		if (r.ok && c.invalidBecause) failures.push(`${s} accepted ${c.ops.join('|')}`);
		if (!r.ok && c.expectCode && r.code !== c.expectCode) failures.push(`${s} code ${r.code} != ${c.expectCode}: ${c.ops.join('|')} :: ${r.message.slice(0, 200)}`);
		if (!r.ok && c.ops.length === 0) failures.push(`${s} clean refused: ${r.message.slice(0, 300)}`);
	}
	console.log(Object.fromEntries(stats), (performance.now() - t0).toFixed(0), 'ms');
	console.log(failures.length, failures.slice(0, 15).join('\n'));
});

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import './zod-jitless';

describe('zod in workers', () => {
	it('runs jitless once the worker setup module is imported', () => {
		expect(z.config().jitless).toBe(true);
	});

	it('is set up before anything else in every worker entry', () => {
		for (const entry of ['trial.worker.ts', 'import.worker.ts']) {
			const source = readFileSync(new URL(`./${entry}`, import.meta.url), 'utf8');
			const firstImport = source.match(/^import .*$/m)?.[0];
			expect(firstImport, entry).toBe("import './zod-jitless';");
		}
	});
});

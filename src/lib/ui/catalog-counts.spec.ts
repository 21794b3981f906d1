import { describe, expect, it } from 'vitest';
import { CATALOG, isRunnable } from '../catalog/catalog';
import { CATALOG_COUNTS } from './catalog-counts';

describe('CATALOG_COUNTS', () => {
	it('agrees with the catalog it was counted from', () => {
		expect(CATALOG_COUNTS).toEqual({ total: CATALOG.length, runnable: CATALOG.filter(isRunnable).length });
		expect(CATALOG_COUNTS.runnable).toBeGreaterThan(0);
	});
});

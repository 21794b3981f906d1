/**
 * The import worker entry, exposed over a real MessageChannel with Comlink: what the page will see, minus the
 * Worker constructor. Node has no worker `self`, so the module's `Comlink.expose` is pointed at one port.
 */
import * as Comlink from 'comlink';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportWorkerApi } from './import-protocol';
import { importResultSchema } from './import-protocol';

const fixture = (f: string) =>
	new Uint8Array(
		readFileSync(fileURLToPath(new URL(`../../../tests/fixtures/import/${f}`, import.meta.url)))
	);

type GlobalPort = { addEventListener?: unknown; removeEventListener?: unknown; postMessage?: unknown };
const g = globalThis as unknown as GlobalPort;
let api: Comlink.Remote<ImportWorkerApi>;
let ports: [MessagePort, MessagePort];

beforeAll(async () => {
	const { port1, port2 } = new MessageChannel();
	ports = [port1, port2];
	g.addEventListener = port1.addEventListener.bind(port1);
	g.removeEventListener = port1.removeEventListener.bind(port1);
	g.postMessage = port1.postMessage.bind(port1);
	await import('./import.worker');
	port1.start();
	api = Comlink.wrap<ImportWorkerApi>(port2 as unknown as Comlink.Endpoint);
});

afterAll(() => {
	api[Comlink.releaseProxy]();
	ports.forEach((p) => p.close());
	delete g.addEventListener;
	delete g.removeEventListener;
	delete g.postMessage;
});

describe('import.worker', () => {
	it('inspects a file and returns suggestions', async () => {
		const r = await api.inspect(fixture('valid-fred-payems.csv'), 'fredgraph.csv');
		expect(r).toMatchObject({ ok: true, detected: 'fred-csv', fred: { seriesId: 'PAYEMS' } });
	});

	it('parses a file and sends back Float64Array columns that pass the protocol schema', async () => {
		const r = await api.parse(fixture('valid-yahoo-sp500.csv'), {
			fileName: 'GSPC.csv',
			source: 'yahoo',
			kind: 'bars',
			mapping: { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 6 },
			dateFormat: 'YYYY-MM-DD',
			decimal: '.',
			nowMs: Date.UTC(2026, 0, 1),
			header: true
		});
		expect(importResultSchema.safeParse(r).success).toBe(true);
		expect(r).toMatchObject({ ok: true, kind: 'bars', validRows: 30 });
		if (r.ok) expect(r.t).toBeInstanceOf(Float64Array);
	});

	it('answers a malformed request with a refusal instead of throwing', async () => {
		expect(await api.inspect('not bytes' as unknown as Uint8Array, 'x.csv')).toMatchObject({
			ok: false,
			code: 'bad_options'
		});
		expect(await api.parse(new Uint8Array([0x61]), { source: 'mystery' } as never)).toMatchObject({
			ok: false,
			code: 'no_source'
		});
	});
});

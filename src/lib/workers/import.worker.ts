/**
 * Import worker entry. It only wires: the pure inspect and parse steps run here so a 50 MB file never blocks
 * the page, and the result's columns are transferred back, not copied. The engine owns this worker's life.
 */
import './zod-jitless';
import * as Comlink from 'comlink';
import { inspectFile } from '../data/import/inspect';
import { parseImport } from '../data/import/parse';
import type { ImportResult, ParseOptions } from '../data/import/types';
import { importTransferables, inspectRequestSchema, type ImportWorkerApi } from './import-protocol';

const api: ImportWorkerApi = {
	async inspect(bytes: Uint8Array, fileName: string) {
		const request = inspectRequestSchema.safeParse({ bytes, fileName });
		if (!request.success) {
			return { ok: false, code: 'bad_options', message: 'The import worker received no file to inspect.' };
		}
		return inspectFile(request.data.bytes, request.data.fileName);
	},
	async parse(bytes: Uint8Array, options: ParseOptions): Promise<ImportResult> {
		// parseImport validates the options itself (zod), so a malformed message gets a refusal, not a throw.
		const result = parseImport(bytes, options);
		return Comlink.transfer(result, importTransferables(result));
	}
};

Comlink.expose(api);

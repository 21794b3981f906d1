/**
 * Vite plugin that turns real datasets shipped in npm packages into virtual modules.
 *
 * `virtual:bundled/sp500-2000` exports the CSV text of vega-datasets' daily S&P 500 file together with the
 * facts of its origin (package version, sha256 of the bytes, build time), so the app can store it with
 * provenance and re-verify the hash in the browser before trusting it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = 'virtual:bundled/';

interface BundledFile {
	pkg: string;
	file: string;
}

const FILES: Record<string, BundledFile> = {
	'sp500-2000': { pkg: 'vega-datasets', file: 'data/sp500-2000.csv' }
};

function packageRoot(pkg: string): string {
	const require = createRequire(import.meta.url);
	// The package's exports hide package.json, so walk up from its main entry.
	let dir = dirname(require.resolve(pkg));
	for (let i = 0; i < 5; i++) {
		try {
			const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
			if (json.name === pkg) return dir;
		} catch {
			// keep walking up
		}
		dir = dirname(dir);
	}
	throw new Error(`cannot find the root of package ${pkg}`);
}

export function bundledDatasets(): Plugin {
	const retrievedAt = new Date().toISOString();
	return {
		name: 'mltrainer-bundled-datasets',
		resolveId(id) {
			if (id.startsWith(PREFIX)) return '\0' + id;
			return null;
		},
		load(id) {
			if (!id.startsWith('\0' + PREFIX)) return null;
			const key = id.slice(1 + PREFIX.length);
			const entry = FILES[key];
			if (!entry) throw new Error(`unknown bundled dataset ${key}`);
			const root = packageRoot(entry.pkg);
			const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
				.version;
			const bytes = readFileSync(join(root, entry.file));
			const sha256 = createHash('sha256').update(bytes).digest('hex');
			const meta = {
				origin: `${entry.pkg}@${version}/${entry.file}`,
				sha256,
				bytes: bytes.length,
				retrievedAt
			};
			return `export const meta = ${JSON.stringify(meta)};\nexport const text = ${JSON.stringify(bytes.toString('utf8'))};\n`;
		}
	};
}

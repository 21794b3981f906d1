/**
 * Vite plugin that turns real datasets shipped in npm packages into virtual modules.
 *
 * `virtual:bundled/sp500-2000` exports the facts of vega-datasets' daily S&P 500 file (package path, sha256 and
 * size of the bytes, and when the package published it) and the URL of the file itself, emitted as a static
 * asset. The module is tiny, so every page can compare the stored copy's hash without loading the data; the
 * file is fetched only when it must be stored, and its hash is verified again in the browser before it is.
 *
 * Every fact comes from the package, none from the build: two builds of the same lockfile produce the same
 * provenance. The publication time is the `created` field of the package's own `datapackage.json` (written
 * when the release was made); the build also checks the file against that manifest's recorded size and hash.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { z } from 'zod';

const PREFIX = 'virtual:bundled/';

interface BundledFile {
	readonly pkg: string;
	/** Path of the data file inside the package. */
	readonly file: string;
	/** Name of the resource in the package's datapackage.json. */
	readonly resource: string;
}

const FILES: Record<string, BundledFile> = {
	'sp500-2000': { pkg: 'vega-datasets', file: 'data/sp500-2000.csv', resource: 'sp500_2000' }
};

/** The parts of a Frictionless Data package manifest (datapackage.json) the build relies on. */
const dataPackageSchema = z.object({
	version: z.string().min(1),
	created: z.iso.datetime({ offset: true }),
	resources: z.array(z.object({ name: z.string(), path: z.string(), hash: z.string(), bytes: z.number() }))
});

export interface BundledFileFacts {
	/** Absolute path of the data file on this machine. */
	readonly path: string;
	readonly meta: { origin: string; sha256: string; bytes: number; publishedAt: string };
}

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

/** The manifest's `sha1:` hashes are git blob ids: SHA-1 of `blob <size>\0` followed by the bytes. */
function gitBlobSha1(bytes: Buffer): string {
	return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Reads and checks a bundled file's facts; throws (and so fails the build) when the package contradicts itself. */
export function bundledFileFacts(key: string): BundledFileFacts {
	const entry = FILES[key];
	if (!entry) throw new Error(`unknown bundled dataset ${key}`);
	const root = packageRoot(entry.pkg);
	const pkgVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
		.version;
	const manifest = dataPackageSchema.parse(JSON.parse(readFileSync(join(root, 'datapackage.json'), 'utf8')));
	if (manifest.version !== pkgVersion)
		throw new Error(
			`${entry.pkg}: datapackage.json is for ${manifest.version}, the package is ${pkgVersion}`
		);
	const resource = manifest.resources.find((r) => r.name === entry.resource);
	if (!resource) throw new Error(`${entry.pkg}: datapackage.json has no resource ${entry.resource}`);
	const path = join(root, entry.file);
	const bytes = readFileSync(path);
	if (resource.hash !== `sha1:${gitBlobSha1(bytes)}` || resource.bytes !== bytes.length)
		throw new Error(`${entry.pkg}/${entry.file} differs from its datapackage.json record`);
	return {
		path,
		meta: {
			origin: `${entry.pkg}@${pkgVersion}/${entry.file}`,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			bytes: bytes.length,
			publishedAt: new Date(manifest.created).toISOString()
		}
	};
}

export function bundledDatasets(): Plugin {
	return {
		name: 'mltrainer-bundled-datasets',
		resolveId(id) {
			if (id.startsWith(PREFIX)) return '\0' + id;
			return null;
		},
		load(id) {
			if (!id.startsWith('\0' + PREFIX)) return null;
			const { path, meta } = bundledFileFacts(id.slice(1 + PREFIX.length));
			// `?url` makes Vite emit the file as a hashed asset (precached by the service worker) and give its URL.
			return `export const meta = ${JSON.stringify(meta)};\nexport { default as url } from ${JSON.stringify(`${path}?url`)};\n`;
		}
	};
}

/**
 * A minimal static file server over build/ that reads every file on every request, for the test that
 * publishes a "new release" by changing files in place (vite preview keeps file contents from its start).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.wasm': 'application/wasm',
	'.png': 'image/png',
	'.svg': 'image/svg+xml'
};

export interface StaticServer {
	readonly origin: string;
	stop(): Promise<void>;
}

export async function serveStatic(port: number, root = 'build'): Promise<StaticServer> {
	const server: Server = createServer((req, res) => {
		const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
		const rel = normalize(pathname)
			.replace(/^(\.\.[/\\])+/, '')
			.replace(/^[/\\]+/, '');
		let file = join(root, rel);
		if (existsSync(file) && statSync(file).isDirectory()) {
			if (!pathname.endsWith('/')) {
				// As static hosts do: a folder is addressed with its trailing slash.
				res.writeHead(301, { location: `${pathname}/` }).end();
				return;
			}
			file = join(file, 'index.html');
		}
		if (!existsSync(file)) {
			res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
			return;
		}
		const body = readFileSync(file);
		res.writeHead(200, {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'content-length': body.length,
			'cache-control': 'no-cache'
		});
		res.end(body);
	});
	await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
	return {
		origin: `http://localhost:${port}`,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

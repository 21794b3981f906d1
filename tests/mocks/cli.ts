/**
 * The command-line entry the mock servers share: `npx tsx tests/mocks/<mock>.ts` starts the mock on $PORT (or its
 * default port), prints its origin on a line of its own, and closes it on SIGINT or SIGTERM.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a mock server must offer to be run from the command line. */
export interface CliMock {
	readonly origin: string;
	close(): Promise<void>;
}

/** True when the module at `moduleUrl` (its import.meta.url) is the script Node was started with, not an import. */
export function isMain(moduleUrl: string): boolean {
	return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}

/** Starts the mock on $PORT or `defaultPort`, prints its origin, and exits once it has closed on a signal. */
export async function serveFromCli(
	defaultPort: number,
	start: (port: number) => Promise<CliMock>
): Promise<void> {
	const port = Number(process.env.PORT ?? defaultPort);
	const mock = await start(port);
	process.stdout.write(`${mock.origin}\n`);
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => void mock.close().then(() => process.exit(0)));
	}
}

/** Listens on 127.0.0.1 (port 0 picks a free one) and gives the origin and a close that also drops open sockets. */
export async function listenOnLoopback(server: Server, port: number): Promise<CliMock> {
	await new Promise<void>((resolvePromise, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolvePromise());
	});
	return {
		origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise<void>((resolvePromise, reject) => {
				server.close((e) => (e ? reject(e) : resolvePromise()));
				server.closeAllConnections();
			})
	};
}

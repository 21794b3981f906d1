/**
 * A second preview server over the same production build, owned by one test so that it can be taken away to
 * prove the app works offline (the shared server of playwright.config.ts must stay up for other tests).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface PreviewServer {
	readonly origin: string;
	stop(): Promise<void>;
}

export async function startPreview(port: number): Promise<PreviewServer> {
	const child: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], {
		stdio: 'ignore',
		detached: true
	});
	const origin = `http://localhost:${port}`;
	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			if ((await fetch(origin)).ok) break;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline) throw new Error(`preview server on ${port} did not start`);
		await new Promise((r) => setTimeout(r, 200));
	}
	let stopped = false;
	return {
		origin,
		async stop() {
			if (stopped) return;
			stopped = true;
			// npx starts vite in a child process: kill the whole group.
			if (child.pid) process.kill(-child.pid, 'SIGTERM');
			const until = Date.now() + 10_000;
			while (Date.now() < until) {
				try {
					await fetch(origin);
				} catch {
					return;
				}
				await new Promise((r) => setTimeout(r, 100));
			}
		}
	};
}

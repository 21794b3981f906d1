#!/usr/bin/env node
/**
 * `npm start`: build the production app and serve it on localhost, printing the URL.
 * The demo S&P 500 dataset is bundled into the build and stored in the browser on first visit.
 */
import { spawn, spawnSync } from 'node:child_process';

const port = process.env.PORT ?? '4173';
// Always build: a build left over from another checkout must never be what is served.
console.log('Building the production app…');
const build = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);
const server = spawn('npx', ['vite', 'preview', '--port', port, '--strictPort', '--host', '127.0.0.1'], {
	stdio: ['ignore', 'pipe', 'inherit']
});
let announced = false;
server.stdout.on('data', (chunk) => {
	if (!announced && String(chunk).includes(port)) {
		announced = true;
		console.log(`\nmlTrainer is running at http://localhost:${port}/  (Ctrl+C to stop)\n`);
	}
});
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));

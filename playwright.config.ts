import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium when installed (CI installs it); Playwright's own browser otherwise. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const PORT = 4173;

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 180_000,
	expect: { timeout: 30_000 },
	workers: 1,
	retries: 0,
	reporter: [['list']],
	webServer: {
		// The production build, served as a static host would serve it.
		command: 'npm run build && npm run preview',
		url: `http://localhost:${PORT}`,
		reuseExistingServer: false,
		timeout: 240_000
	},
	use: {
		baseURL: `http://localhost:${PORT}`,
		browserName: 'chromium',
		serviceWorkers: 'allow',
		launchOptions: {
			executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	}
});

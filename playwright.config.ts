import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './tests/support/chromium';

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
			executablePath: CHROMIUM_EXECUTABLE,
			args: [...CHROMIUM_ARGS]
		}
	}
});

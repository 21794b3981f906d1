import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Layers that must run the same in a worker, in Node tests and in the page (ARCHITECTURE §3). */
const PURE_LAYERS = ['src/lib/domain/**', 'src/lib/catalog/**', 'src/lib/models/**', 'src/lib/compliance/**'];

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/out/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-restricted-syntax': [
				'error',
				{
					selector: "MemberExpression[object.name='Math'][property.name='random']",
					message: 'Use the seeded generator (domain/random.ts): results must be reproducible.'
				},
				{ selector: "CallExpression[callee.name='eval']", message: 'The product never evaluates code.' },
				{ selector: "NewExpression[callee.name='Function']", message: 'The product never evaluates code.' }
			]
		}
	},
	{
		files: PURE_LAYERS,
		ignores: ['**/*.spec.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'svelte',
								'svelte/*',
								'$app/*',
								'dexie',
								'comlink',
								'**/db/*',
								'**/engine/*',
								'**/ui/*',
								'**/app/*',
								'**/workers/*',
								'**/data/*',
								'$lib/db/*',
								'$lib/engine/*',
								'$lib/ui/*',
								'$lib/app/*'
							],
							message:
								'domain/, catalog/, models/ and compliance/ are pure: no Svelte, Dexie, Comlink, DOM or I/O layers.'
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				{ name: 'fetch', message: 'Pure layers do no I/O.' },
				{ name: 'document', message: 'Pure layers have no DOM.' },
				{ name: 'window', message: 'Pure layers have no DOM.' },
				{ name: 'localStorage', message: 'Pure layers have no storage.' },
				{ name: 'indexedDB', message: 'Pure layers have no storage.' }
			]
		}
	},
	{
		files: ['src/lib/**/*.ts', 'src/lib/**/*.svelte'],
		ignores: ['**/*.spec.ts', 'src/lib/testing/**', 'src/lib/app/logger.ts'],
		rules: { 'no-console': 'error' }
	}
);

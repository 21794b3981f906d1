import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * ARCHITECTURE §3: the layers from top to bottom. A layer imports only from layers below it; the page layers
 * (routes/, ui/) reach storage only through app/ services; the pure layers import no platform at all.
 */
export const LAYERS = [
	'routes',
	'ui',
	'app',
	'ai',
	'engine',
	'workers',
	'data',
	'db',
	'security',
	'research',
	'compliance',
	'models',
	'catalog',
	'domain'
];
const PURE = ['domain', 'catalog', 'models', 'compliance'];
/** Globals each layer may not touch: DOM and page storage stay with the page layers, I/O with data/ and ai/. */
const DOM = ['document', 'window', 'localStorage', 'sessionStorage'];
const FORBIDDEN_GLOBALS = {
	app: [],
	ai: ['document', 'localStorage', 'sessionStorage', 'indexedDB'],
	engine: [...DOM, 'fetch', 'indexedDB'],
	workers: [...DOM, 'fetch', 'indexedDB'],
	data: [...DOM, 'indexedDB'],
	db: [...DOM, 'fetch'],
	security: [...DOM, 'fetch', 'indexedDB'],
	research: [...DOM, 'fetch', 'indexedDB'],
	compliance: [...DOM, 'fetch', 'indexedDB', 'navigator'],
	models: [...DOM, 'fetch', 'indexedDB', 'navigator'],
	catalog: [...DOM, 'fetch', 'indexedDB', 'navigator'],
	domain: [...DOM, 'fetch', 'indexedDB', 'navigator']
};

function dirOf(layer) {
	return layer === 'routes' ? 'src/routes' : `src/lib/${layer}`;
}

function layerPatterns(layer) {
	const above = LAYERS.slice(0, LAYERS.indexOf(layer)).filter((l) => l !== 'routes');
	const patterns = [
		{
			group: ['**/testing/*', '$lib/testing/*'],
			message: 'src/lib/testing/ holds test-only fixtures and stand-ins; product code never imports it.'
		}
	];
	if (above.length > 0) {
		patterns.push({
			group: above.flatMap((l) => [`**/${l}/*`, `$lib/${l}/*`]),
			message: `${layer}/ sits below ${above.join(', ')} in ARCHITECTURE §3: dependencies point down only.`,
			// Record shapes may be named as types by the layers that read them (research reads trial records).
			allowTypeImports: layer === 'research'
		});
	}
	if (layer === 'routes' || layer === 'ui') {
		patterns.push({
			group: ['dexie', '**/db/*', '$lib/db/*', '**/app/db', '$lib/app/db'],
			message: 'Pages and components read and write through app/ services, never the database directly.',
			allowTypeImports: true
		});
	}
	if (PURE.includes(layer)) {
		patterns.push({
			group: ['svelte', 'svelte/*', '$app/*', 'dexie', 'comlink'],
			message:
				'domain/, catalog/, models/ and compliance/ are pure: no Svelte, Dexie, Comlink, DOM or I/O layers.'
		});
	}
	return patterns;
}

const layerRules = LAYERS.map((layer) => ({
	files: [`${dirOf(layer)}/**/*.ts`, `${dirOf(layer)}/**/*.svelte`],
	ignores: ['**/*.spec.ts'],
	rules: {
		'no-restricted-imports': ['error', { patterns: layerPatterns(layer) }],
		'no-restricted-globals': [
			'error',
			...(FORBIDDEN_GLOBALS[layer] ?? ['indexedDB']).map((name) => ({
				name,
				message: `${layer}/ may not use ${name} (ARCHITECTURE §3: ${PURE.includes(layer) ? 'pure layers do no I/O and have no DOM' : 'the DOM, page storage and I/O stay in their own layers'}).`
			}))
		]
	}
}));

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
	...layerRules,
	{
		files: ['src/lib/**/*.ts', 'src/lib/**/*.svelte'],
		ignores: ['**/*.spec.ts', 'src/lib/testing/**', 'src/lib/security/logger.ts'],
		rules: { 'no-console': 'error' }
	}
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

// What n8n loads (nodes, credentials, the protocol core) gets the rules n8n's community-package scan
// applies: community-nodes "recommended" plus eslint-plugin-n8n-nodes-base's node, credential and
// package.json rule sets, with the overrides the scan itself makes. Sandbox, tests, bench and scripts
// are not loaded by n8n and only get the TypeScript recommendations.
const loaded = ['nodes/**/*.ts', 'credentials/**/*.ts', 'protocol/**/*.ts'];
const { plugins: communityPlugins, rules: communityRules } =
	n8nCommunityNodesPlugin.configs.recommended;
const nodeGlobals = {
	process: 'readonly',
	console: 'readonly',
	setTimeout: 'readonly',
	clearTimeout: 'readonly',
	setInterval: 'readonly',
	clearInterval: 'readonly',
	setImmediate: 'readonly',
	fetch: 'readonly',
	URL: 'readonly',
	URLSearchParams: 'readonly',
	Buffer: 'readonly',
	AbortController: 'readonly',
	require: 'readonly',
	module: 'writable',
	__dirname: 'readonly',
};

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'build/**',
			'node_modules/**',
			'coverage/**',
			'.e2e/**',
			'docs/**',
			'package-lock.json',
			'eslint.config.mjs',
		],
	},
	{ files: ['**/*.ts'], extends: [js.configs.recommended, ...tseslint.configs.recommended] },
	// The scan lints with allowInlineConfig: false, so an eslint-disable comment hides nothing from it.
	{ files: [...loaded, 'package.json'], linterOptions: { noInlineConfig: true } },
	{ files: loaded, plugins: communityPlugins, rules: { ...communityRules, 'no-console': 'error' } },
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Scan overrides: connection types may be NodeConnectionTypes.Main instead of 'main'.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Scan overrides.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['package.json'],
		plugins: { ...communityPlugins, 'n8n-nodes-base': n8nNodesBase },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'], project: null },
		},
		rules: {
			...communityRules,
			...n8nNodesBase.configs.community.rules,
			// package.json parses as one expression statement.
			'@typescript-eslint/no-unused-expressions': 'off',
		},
	},
	{
		files: [
			'**/*.js',
			'**/*.mjs',
			'test/**/*.ts',
			'sandbox/**/*.ts',
			'bench/**/*.ts',
			'scripts/**/*.ts',
		],
		languageOptions: { globals: nodeGlobals },
	},
	{ files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);

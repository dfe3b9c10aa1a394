#!/usr/bin/env node
// End-to-end checks against a real n8n (started by scripts/e2e.sh, which exports OTPGET_E2E_*).
//
//   1. every examples/<name>.json is executed with `n8n execute` and checked by test/e2e/cases/<name>.mjs
//      (an example without its case file fails: adding a workflow means adding its assertions);
//   2. n8n lists every node type and credential type the built package declares;
//   3. the editor, in Chromium (test/e2e/editor.mjs), with screenshots in docs/screenshots/.
//
// Prints one line per check and ends with "N passed, M failed". OTPGET_E2E_ONLY=a,b runs the checks whose
// names contain a or b. A check that throws an error with skip: true prints "skip" and counts as neither.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { Editor } from './lib/browser.mjs';
import { editorChecks } from './editor.mjs';
import {
	EXAMPLES_DIR,
	ROOT,
	config,
	executeWorkflow,
	importWorkflow,
	n8nGet,
	packageTypes,
	providerCredentials,
	readExample,
	sandbox,
	sandboxes,
} from './lib/harness.mjs';

/** PKR as integer paisa, so sums do not drift. */
const cents = (pkr) => Math.round(Number(pkr) * 100);

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

// 1. Example workflows.
const examples = readdirSync(EXAMPLES_DIR)
	.filter((f) => f.endsWith('.json'))
	.map((f) => f.slice(0, -5))
	.sort();
for (const name of examples) {
	check(`example:${name}`, async () => {
		const caseFile = join(ROOT, 'test', 'e2e', 'cases', `${name}.mjs`);
		if (!existsSync(caseFile))
			throw new Error(`examples/${name}.json has no checks: add test/e2e/cases/${name}.mjs`);
		const { default: run } = await import(pathToFileURL(caseFile).href);
		await run({
			workflow: readExample(name),
			execute: executeWorkflow,
			importWorkflow,
			sandbox,
			sandboxes,
			assert,
			cents,
			config,
		});
	});
}

// 2. What n8n loaded from the package.
const types = packageTypes();
check('types:n8n lists every node type of the package', async () => {
	const listed = new Set((await n8nGet('/types/nodes.json')).map((t) => t.name));
	assert.ok(types.nodes.length > 0, 'package.json declares nodes');
	const missing = types.nodes.filter((t) => !listed.has(t));
	assert.deepEqual(missing, [], `n8n lists ${types.nodes.join(', ')}`);
	const used = new Set(examples.flatMap((name) => readExample(name).nodes.map((n) => n.type)));
	const unknown = [...used].filter((t) => !listed.has(t));
	assert.deepEqual(unknown, [], 'every node type the examples use is known to n8n');
});
check('types:n8n lists every credential type of the package', async () => {
	const listed = new Set((await n8nGet('/types/credentials.json')).map((t) => t.name));
	const missing = types.credentials.filter((t) => !listed.has(t));
	assert.deepEqual(missing, [], `n8n lists ${types.credentials.join(', ')}`);
	const creds = (await n8nGet('/rest/credentials')).data.map((c) => `${c.id}:${c.type}`);
	assert.ok(
		creds.includes('otpgetSandbox001:otpGetApi'),
		`the sandbox credential was imported (${creds.join(', ')})`,
	);
	for (const c of providerCredentials)
		assert.ok(
			creds.includes(`${c.id}:${c.type}`),
			`the ${c.name} credential was imported (${creds.join(', ')})`,
		);
});

// 3. The editor.
let editor;
let editorReady;
for (const [name, fn] of editorChecks) {
	check(name, async () => {
		editorReady ??= (async () => {
			editor = new Editor();
			await editor.open();
		})();
		await editorReady; // a browser that could not start fails every editor check with the same error
		await fn({ editor, assert, sandbox, types, config });
	});
}

// Run.
const only = (process.env.OTPGET_E2E_ONLY || '')
	.split(',')
	.map((s) => s.trim())
	.filter(Boolean);
const selected = only.length ? checks.filter((c) => only.some((o) => c.name.includes(o))) : checks;
let passed = 0;
let failed = 0;
let skipped = 0;
const t0 = Date.now();
for (const { name, fn } of selected) {
	const t = Date.now();
	try {
		await fn();
		passed++;
		console.log(`ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
	} catch (error) {
		// A check that cannot run yet (e.g. waits for a feature) throws an error with skip: true.
		if (error?.skip) {
			skipped++;
			console.log(`skip ${name}: ${error.message}`);
			continue;
		}
		failed++;
		console.log(`FAIL ${name} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
		console.log(
			`     ${String(error?.message ?? error)
				.split('\n')
				.join('\n     ')}`,
		);
	}
}
await editor?.close().catch(() => {});
if (editor?.failedRequests?.length) {
	console.log(
		`editor: failed requests seen: ${[...new Set(editor.failedRequests)].slice(0, 10).join(' | ')}`,
	);
}
const started = Number(process.env.OTPGET_E2E_STARTED_AT) || 0;
const whole = started ? `; whole e2e ${Math.round(Date.now() / 1000 - started)}s` : '';
if (skipped) console.log(`${skipped} skipped`);
console.log(
	`n8n ${config.n8nVersion}: checks took ${((Date.now() - t0) / 1000).toFixed(1)}s${whole}; logs in ${config.logDir}; screenshots in ${config.screenshotsDir}`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || selected.length === 0 ? 1 : 0);

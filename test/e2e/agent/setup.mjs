// Starts the OpenAI-compatible stub for one AI Agent check and points the examples' OpenAI credential at it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { config, n8nCli } from '../lib/harness.mjs';
import { scripts } from './scripts.mjs';
import { startAgentStub } from './stub.mjs';

/** The OpenAI credential examples/ai-agent-*.json use (its Base URL is the stub's). */
export const STUB_CREDENTIAL = {
	id: 'otpgetOpenAiStub',
	name: 'OpenAI (local agent stub)',
	type: 'openAiApi',
};

/**
 * Runs fn(stub) with the stub running and the credential imported; afterwards every request the stub
 * received is written to <logDir>/agent-stub-<label>.json (what n8n sent the model: tools, messages).
 */
export async function withAgentStub(label, fn) {
	const stub = await startAgentStub(scripts);
	const file = join(config.logDir, `agent-stub-credential-${label}.json`);
	try {
		writeFileSync(
			file,
			JSON.stringify([{ ...STUB_CREDENTIAL, data: { apiKey: 'sk-agent-stub', url: stub.url } }]),
		);
		const r = await n8nCli(['import:credentials', `--input=${file}`]);
		if (r.code !== 0)
			throw new Error(`n8n import:credentials failed (exit ${r.code}); see ${r.log}`);
		return await fn(stub);
	} finally {
		await stub.close();
		writeFileSync(
			join(config.logDir, `agent-stub-${label}.json`),
			JSON.stringify(stub.requests, null, 2),
		);
	}
}

/** The value at a dotted parameter path ('options.maxPurchases') of a node, or undefined. */
export function getParameter(node, path) {
	return path
		.split('.')
		.reduce((at, k) => (at === undefined || at === null ? undefined : at[k]), node.parameters);
}

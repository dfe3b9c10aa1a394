// What the e2e checks use: the n8n CLI (import, execute), the sandbox's control API, n8n's REST API.
// Everything comes from the environment that scripts/e2e.sh exports (OTPGET_E2E_*).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { login } from '../../../scripts/lib/n8n-owner.mjs';

const require = createRequire(import.meta.url);

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXAMPLES_DIR = join(ROOT, 'examples');

function need(name) {
	const v = process.env[name];
	if (!v)
		throw new Error(
			`${name} is not set: run the e2e tests with "npm run test:e2e" (scripts/e2e.sh)`,
		);
	return v;
}

/** The credentials scripts/lib/n8n-env.sh imports (with the running sandbox's URL). */
export const credentials = JSON.parse(
	readFileSync(join(EXAMPLES_DIR, 'credentials', 'sandbox.json'), 'utf8'),
);
const apiKeyOf = (id) => {
	const c = credentials.find((x) => x.id === id);
	if (!c) throw new Error(`examples/credentials/sandbox.json has no credential ${id}`);
	return c.data.apiKey;
};

/** The provider credentials (examples/credentials/providers.json), imported with their sandbox's URL. */
export const providerCredentials = JSON.parse(
	readFileSync(join(EXAMPLES_DIR, 'credentials', 'providers.json'), 'utf8'),
);
function providerKeyOf(type) {
	const c = providerCredentials.find((x) => x.type === type);
	if (!c) throw new Error(`examples/credentials/providers.json has no ${type} credential`);
	return c.data.apiKey;
}

export const config = {
	n8nUrl: need('OTPGET_E2E_N8N_URL'),
	sandboxUrl: need('OTPGET_E2E_SANDBOX_URL'),
	sandboxKey: apiKeyOf('otpgetSandbox001'),
	wrongKey: apiKeyOf('otpgetWrongKey01'),
	ownerEmail: need('OTPGET_E2E_OWNER_EMAIL'),
	ownerPassword: need('OTPGET_E2E_OWNER_PASSWORD'),
	n8nBin: need('OTPGET_E2E_N8N_BIN'),
	nodeBin: need('OTPGET_E2E_NODE_BIN'),
	n8nVersion: need('OTPGET_E2E_N8N_VERSION'),
	cliBrokerPort: need('OTPGET_E2E_CLI_BROKER_PORT'),
	logDir: need('OTPGET_E2E_LOG_DIR'),
	screenshotsDir: process.env.OTPGET_E2E_SCREENSHOTS_DIR || join(ROOT, 'docs', 'screenshots'),
};

export function readExample(name) {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8'));
}

// ---------------------------------------------------------------------------------------------------------
// n8n CLI

let cliCount = 0;

/** Runs `n8n <args>` (n8n's Node, the test instance's env, its own task-broker port). Resolves, never rejects. */
export function n8nCli(args, { timeoutMs = 180_000 } = {}) {
	const n = ++cliCount;
	return new Promise((resolvePromise) => {
		const child = spawn(join(config.nodeBin, 'node'), [config.n8nBin, ...args], {
			env: {
				...process.env,
				PATH: `${config.nodeBin}:${process.env.PATH}`,
				N8N_RUNNERS_BROKER_PORT: config.cliBrokerPort,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const log = join(
				config.logDir,
				`cli-${String(n).padStart(2, '0')}-${args[0].replace(/[^a-z]/gi, '_')}.log`,
			);
			writeFileSync(
				log,
				`$ n8n ${args.join(' ')}\nexit ${code} ${signal ?? ''}\n--- stdout\n${stdout}\n--- stderr\n${stderr}\n`,
			);
			resolvePromise({ code, signal, stdout, stderr, log });
		});
	});
}

/** Imports one workflow object (explicit id of at most 21 characters). */
export async function importWorkflow(workflow) {
	if (!workflow.id || workflow.id.length > 21)
		throw new Error(`workflow id "${workflow.id}" must be 1-21 characters`);
	const file = join(config.logDir, `import-${workflow.id}.json`); // inside the run's temp folder
	writeFileSync(file, JSON.stringify(workflow));
	const r = await n8nCli(['import:workflow', `--input=${file}`]);
	if (r.code !== 0) throw new Error(`n8n import:workflow failed (exit ${r.code}); see ${r.log}`);
}

/** Finds the run JSON that `n8n execute` prints (on success to stdout; on failure inside its log lines). */
export function extractRunJson(text) {
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (!/^\s*\{\s*$/.test(lines[i])) continue;
		for (let j = i + 1; j < lines.length; j++) {
			if (!/^\s*\}\s*$/.test(lines[j])) continue;
			try {
				const value = JSON.parse(lines.slice(i, j + 1).join('\n'));
				if (value && typeof value === 'object' && value.data?.resultData) return value;
			} catch {
				// not the end of this object yet
			}
		}
	}
	return undefined;
}

/** One `n8n execute` result with accessors for what the checks look at. */
export class Run {
	constructor(cli, raw) {
		this.cli = cli;
		this.raw = raw;
	}
	get output() {
		return `${this.cli.stdout}\n${this.cli.stderr}`;
	}
	get resultData() {
		return this.raw?.data?.resultData ?? {};
	}
	/** The workflow error (n8n stops at the first failing node), or undefined. */
	get error() {
		return this.resultData.error;
	}
	get ok() {
		return this.raw !== undefined && !this.error;
	}
	get lastNode() {
		return this.resultData.lastNodeExecuted;
	}
	nodeRuns(name) {
		return this.resultData.runData?.[name] ?? [];
	}
	/** The JSON of the items a node output (first run; output 0 unless given, e.g. 1 = Wait for OTP's "Timed Out"). */
	items(name, output = 0) {
		return this.outputItems(name, output).map((i) => i.json);
	}
	item(name, output = 0) {
		const items = this.items(name, output);
		if (items.length !== 1)
			throw new Error(
				`node "${name}" output ${items.length} items on output ${output}, expected 1`,
			);
		return items[0];
	}
	/** The whole items ({ json, pairedItem, … }) of one output of a node's first run. */
	outputItems(name, output = 0) {
		const run = this.nodeRuns(name)[0];
		if (!run)
			throw new Error(
				`node "${name}" did not run (last node: ${this.lastNode}); see ${this.cli.log}`,
			);
		if (run.error)
			throw new Error(`node "${name}" failed: ${run.error.message}; see ${this.cli.log}`);
		return run.data?.main?.[output] ?? [];
	}
	/** Throws with the n8n error when the run failed; returns this. */
	expectOk() {
		if (this.raw === undefined) {
			throw new Error(
				`n8n execute printed no run data (exit ${this.cli.code}); see ${this.cli.log}`,
			);
		}
		if (this.error) {
			const e = this.error;
			throw new Error(
				`the workflow failed at "${e.node?.name ?? this.lastNode}": ${e.message}${e.description ? ` (${e.description})` : ''}; see ${this.cli.log}`,
			);
		}
		return this;
	}
}

/** `n8n execute --id=<id> --rawOutput`, parsed. */
export async function executeWorkflow(id, opts) {
	const cli = await n8nCli(['execute', `--id=${id}`, '--rawOutput'], opts);
	return new Run(cli, extractRunJson(cli.stdout) ?? extractRunJson(cli.stderr));
}

// ---------------------------------------------------------------------------------------------------------
// Sandbox control API

/** A client for one sandbox's control API (and its provider API), keyed by default with `key`. */
export function sandboxClient(url, defaultKey) {
	async function get(path) {
		const res = await fetch(`${url}${path}`);
		const text = await res.text();
		if (!res.ok)
			throw new Error(`sandbox ${url}${path} answered ${res.status}: ${text.slice(0, 300)}`);
		return JSON.parse(text);
	}
	const client = {
		url,
		key: defaultKey,
		get,
		/** Calls one of the sandbox's provider APIs directly (test setup), e.g. api('rental-handler.php', { action: 'rentNumber', … }). */
		async api(file, params, key = defaultKey) {
			const query = new URLSearchParams({ ...params, api_key: key });
			const res = await fetch(`${url}/${file}?${query}`);
			const text = await res.text();
			try {
				return JSON.parse(text);
			} catch {
				return text;
			}
		},
		/** The provider API requests the sandbox received: [{ seq, at, realAt, api, action, query }] (api_key masked). */
		requests: async () => (await get('/__sandbox/requests')).requests,
		/** A new SMS on a rented number, received now. */
		rentalSms: (orderId, text, code = '') =>
			get(`/__sandbox/rental-sms?${new URLSearchParams({ order_id: orderId, text, code })}`),
		/** { now, key, balance, ledger: [{ kind, amount, orderId, balanceAfter, ... }], orders: { activations, ... } } */
		state: (key = defaultKey) => get(`/__sandbox/state?key=${encodeURIComponent(key)}`),
		advance: (ms) => get(`/__sandbox/advance?ms=${ms}`),
		config: (query = '') => get(`/__sandbox/config${query ? `?${query}` : ''}`),
		deliver: (id) => get(`/__sandbox/deliver?id=${encodeURIComponent(id)}`),
		/** Sets a wallet's balance (no ledger entry). */
		setBalance: (amount, key = defaultKey) =>
			get(`/__sandbox/set-balance?${new URLSearchParams({ key, amount: String(amount) })}`),
		/** The next call of `action` answers `body` (e.g. failNext('getNumber', 'NO_NUMBERS')). */
		failNext: (action, body, api = 'sms') =>
			get(`/__sandbox/fail-next?${new URLSearchParams({ api, action, body })}`),
		/** Polls until fn(state) returns something truthy; returns it. */
		async waitFor(fn, { timeoutMs = 60_000, intervalMs = 150, key } = {}) {
			const end = Date.now() + timeoutMs;
			for (;;) {
				const found = fn(await client.state(key));
				if (found) return found;
				if (Date.now() > end) throw new Error(`timed out waiting for the sandbox state (${url})`);
				await new Promise((r) => setTimeout(r, intervalMs));
			}
		},
	};
	return client;
}

/** The OTPGet sandbox. */
export const sandbox = sandboxClient(config.sandboxUrl, config.sandboxKey);

/**
 * Every sandbox by provider: otpget (= sandbox) and one per SMS-Activate dialect, each keyed with the key of its
 * credential in examples/credentials/providers.json.
 */
export const sandboxes = {
	otpget: sandbox,
	otpx: sandboxClient(need('OTPGET_E2E_OTPX_SANDBOX_URL'), providerKeyOf('otpxApi')),
	instaotp: sandboxClient(need('OTPGET_E2E_INSTAOTP_SANDBOX_URL'), providerKeyOf('instaOtpApi')),
	sastaotp: sandboxClient(need('OTPGET_E2E_SASTAOTP_SANDBOX_URL'), providerKeyOf('sastaOtpApi')),
};

// ---------------------------------------------------------------------------------------------------------
// n8n REST API (signed in as the owner scripts/e2e.sh created)

let cookiePromise;
export function authCookie() {
	cookiePromise ??= login(config.n8nUrl, config.ownerEmail, config.ownerPassword);
	return cookiePromise;
}

export async function n8nGet(path) {
	const res = await fetch(`${config.n8nUrl}${path}`, {
		headers: { cookie: `n8n-auth=${await authCookie()}` },
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 300)}`);
	return JSON.parse(text);
}

/** Any REST call as the owner; rejects on a non-2xx answer with its body. */
export async function n8nRequest(method, path, body) {
	const res = await fetch(`${config.n8nUrl}${path}`, {
		method,
		headers: { cookie: `n8n-auth=${await authCookie()}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
	return text ? JSON.parse(text) : undefined;
}

/**
 * The run data of a saved execution (`GET /rest/executions/:id`), whose `data` n8n stores in the "flatted"
 * format: an array whose first entry is the root, every string inside an object or array is the index of its
 * value. Returns { data: { resultData: … }, status, mode, … } like the CLI's run JSON.
 */
export async function n8nExecution(id) {
	const { data } = await n8nGet(`/rest/executions/${id}`);
	return { ...data, data: typeof data.data === 'string' ? parseFlatted(data.data) : data.data };
}

export function parseFlatted(text) {
	const input = JSON.parse(text);
	const done = new Map();
	const revive = (index) => {
		const value = input[index];
		if (typeof value !== 'object' || value === null) return value;
		if (done.has(index)) return done.get(index);
		const out = Array.isArray(value) ? [] : {};
		done.set(index, out);
		for (const [k, v] of Object.entries(value))
			out[k] = typeof v === 'string' ? revive(Number(v)) : v;
		return out;
	};
	return revive(0);
}

// ---------------------------------------------------------------------------------------------------------
// The package as built (dist/), so new nodes and credentials are checked without editing the runner.

export function packageTypes() {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const load = (file) => {
		const mod = require(join(ROOT, file));
		const Class = Object.values(mod).find((v) => typeof v === 'function');
		if (!Class) throw new Error(`${file} exports no class`);
		return new Class();
	};
	const nodes = (pkg.n8n?.nodes ?? []).map((f) => `${pkg.name}.${load(f).description.name}`);
	const credentials = (pkg.n8n?.credentials ?? []).map((f) => load(f).name);
	return { packageName: pkg.name, nodes, credentials };
}

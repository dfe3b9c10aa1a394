#!/usr/bin/env node
// The queue-mode checks (started by scripts/queue.sh, which exports QUEUE_*): n8n main + 2 workers on Redis
// and Postgres, the sandbox behind test/queue/proxy.mjs.
//
//   1. a webhook sign-up workflow (Webhook → Get Number → Wait for OTP → Respond) and a polling OTPGet
//      Trigger (New Rental SMS) are created and published;
//   2. QUEUE_SIGNUPS (50) sign-ups are fired at once while the trigger polls twice;
//   3. checks: every sign-up got its code and its order was completed exactly once; both workers ran
//      executions; no order was waited on twice; the provider never saw more than QUEUE_CAP requests in any
//      1 s (the measured peak is printed); the trigger polled once per scheduled time (not once per process)
//      and fired once per new SMS.
// Prints one line per check and ends with "N passed, M failed".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { N8n, countBy, getJson, peakPerWindow, proxyLog, sleep } from './lib.mjs';
import { SIGNUP_PATH, signupWorkflow, triggerWorkflow } from './workflows.mjs';

const env = (name, fallback) => {
	const v = process.env[name] ?? fallback;
	if (v === undefined)
		throw new Error(`${name} is not set: run "npm run test:queue" (scripts/queue.sh)`);
	return v;
};
const cfg = {
	n8nUrl: env('QUEUE_N8N_URL'),
	proxyUrl: env('QUEUE_PROXY_URL'),
	sandboxUrl: env('QUEUE_SANDBOX_URL'),
	key: env('QUEUE_SANDBOX_KEY', 'sandbox-test-key'),
	workerLogs: env('QUEUE_WORKER_LOGS').split(','),
	signups: Number(env('QUEUE_SIGNUPS', '50')),
	cap: Number(env('QUEUE_CAP', '10')),
	email: env('QUEUE_OWNER_EMAIL'),
	password: env('QUEUE_OWNER_PASSWORD'),
};
const n8n = new N8n(cfg.n8nUrl, cfg.email, cfg.password);
const sandbox = {
	state: () => getJson(`${cfg.sandboxUrl}/__sandbox/state?key=${encodeURIComponent(cfg.key)}`),
	rentalSms: (orderId, text) =>
		getJson(
			`${cfg.sandboxUrl}/__sandbox/rental-sms?${new URLSearchParams({ order_id: orderId, text })}`,
		),
	// Set-up calls go to the sandbox itself, not through the proxy: the proxy counts n8n's traffic only.
	rent: async () => {
		const q = new URLSearchParams({
			action: 'rentNumber',
			country_code: 'us',
			provider: '1',
			duration_hours: '168',
			api_key: cfg.key,
		});
		return await getJson(`${cfg.sandboxUrl}/rental-handler.php?${q}`);
	},
};

const t0 = Date.now();
const phases = [];
async function phase(name, fn) {
	const t = Date.now();
	try {
		return await fn();
	} finally {
		phases.push(`${name} ${((Date.now() - t) / 1000).toFixed(1)}s`);
		console.log(`[queue] ${name}: ${((Date.now() - t) / 1000).toFixed(1)}s`);
	}
}

async function waitUntil(fn, timeoutMs, what) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const found = await fn();
		if (found) return found;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(250);
	}
}

// ---------------------------------------------------------------------------------------------------------
// 1. Workflows.

const signupWf = await phase('publish sign-up workflow', async () => {
	const wf = await n8n.create(signupWorkflow({ cap: cfg.cap }));
	await n8n.publish(wf);
	return wf;
});

// Two rented numbers whose first SMS is there before the trigger is published (old news for it).
const rentals = await phase('rent 2 numbers for the trigger', async () => {
	const out = [await sandbox.rent(), await sandbox.rent()];
	for (const r of out)
		assert.equal(r.status, '200', `the sandbox rented a number: ${JSON.stringify(r)}`);
	const ids = out.map((r) => r.order_id);
	await waitUntil(
		async () => {
			const s = await sandbox.state();
			return ids.every(
				(id) => s.orders.rentals.find((r) => r.orderId === id)?.messages.length >= 1,
			);
		},
		30_000,
		"the rentals' first SMS",
	);
	return ids;
});

// The trigger polls at one fixed second of each minute, ~20 s from now (n8n allows at most one poll a minute).
const second = new Date(Date.now() + 20_000).getSeconds();
const triggerWf = await phase('publish trigger workflow', async () => {
	const wf = await n8n.create(triggerWorkflow({ second }));
	await n8n.publish(wf);
	return wf;
});
const triggerPublishedAt = Date.now();

// ---------------------------------------------------------------------------------------------------------
// 2. Load: the sign-ups and, meanwhile, two scheduled trigger polls with new SMS before each.

const newSms = [
	{ orderId: rentals[0], text: 'Your Queue code is 111-222', poll: 1 },
	{ orderId: rentals[1], text: 'Your Queue code is 333444', poll: 1 },
	{ orderId: rentals[0], text: 'Your Queue code is 555-666', poll: 2 },
];

async function triggerScenario() {
	// The activation's own poll has recorded what is there; then two SMS before the first scheduled poll.
	await waitUntil(
		async () => (await proxyLog(cfg.proxyUrl)).some((r) => r.action === 'getMyRentals'),
		30_000,
		'the activation poll',
	);
	for (const s of newSms.filter((x) => x.poll === 1)) await sandbox.rentalSms(s.orderId, s.text);
	const first = await waitUntil(
		async () => {
			const list = await n8n.executions(triggerWf.id);
			return (
				list.length >= 1 && list.every((e) => e.status !== 'running' && e.status !== 'new') && list
			);
		},
		90_000,
		'the first scheduled poll to start an execution',
	);
	for (const s of newSms.filter((x) => x.poll === 2)) await sandbox.rentalSms(s.orderId, s.text);
	await waitUntil(
		async () => {
			const list = await n8n.executions(triggerWf.id);
			return (
				list.length > first.length &&
				list.every((e) => e.status !== 'running' && e.status !== 'new') &&
				list
			);
		},
		90_000,
		'the second scheduled poll to start an execution',
	);
	await sleep(3000); // a duplicate execution (a second poller) would show up now
	await n8n.unpublish(triggerWf.id);
}

async function signup(i) {
	const t = Date.now();
	const res = await fetch(`${cfg.n8nUrl}/webhook/${SIGNUP_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ user: `user-${i}` }),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = { unparsed: text.slice(0, 200) };
	}
	return { i, status: res.status, json, ms: Date.now() - t };
}

const loadStart = Date.now();
const [signups, triggerError] = await phase(
	`${cfg.signups} concurrent sign-ups + 2 trigger polls`,
	async () => {
		const trig = triggerScenario().then(
			() => undefined,
			(e) => e,
		);
		const s = await Promise.all(Array.from({ length: cfg.signups }, (_, i) => signup(i)));
		const signupSeconds = ((Date.now() - loadStart) / 1000).toFixed(1);
		console.log(
			`[queue] the ${cfg.signups} sign-ups answered in ${signupSeconds}s (slowest ${Math.max(...s.map((x) => x.ms))} ms)`,
		);
		return [s, await trig];
	},
);

// ---------------------------------------------------------------------------------------------------------
// 3. Checks.

const log = await proxyLog(cfg.proxyUrl);
const state = await sandbox.state();
const sms = log.filter((r) => r.api === 'handler_api.php');
const bought = sms
	.filter((r) => r.action === 'getNumber' && /^ACCESS_NUMBER:/.test(r.answer ?? ''))
	.map((r) => r.answer.split(':')[1]);

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check(`every sign-up (${cfg.signups}) got its code`, () => {
	const bad = signups.filter(
		(s) => s.status !== 200 || !s.json.code || !s.json.orderId || s.json.completed !== true,
	);
	assert.deepEqual(bad.slice(0, 5), [], `${bad.length} sign-ups without a code or not completed`);
	const byId = new Map(state.orders.activations.map((a) => [a.id, a]));
	for (const s of signups) {
		const a = byId.get(String(s.json.orderId));
		assert.ok(a, `order ${s.json.orderId} is in the sandbox`);
		assert.equal(String(s.json.code), a.code, `order ${a.id}: the code the sandbox sent`);
	}
	assert.equal(
		new Set(signups.map((s) => s.json.orderId)).size,
		cfg.signups,
		'one order per sign-up',
	);
});

check('every order completed once, no refund, one purchase each (sandbox ledger)', () => {
	const ids = new Set(signups.map((s) => String(s.json.orderId)));
	assert.equal(bought.length, cfg.signups, `getNumber bought ${bought.length} numbers`);
	const acts = state.orders.activations.filter((a) => ids.has(a.id));
	const notFinished = acts.filter((a) => a.status !== 'finished').map((a) => `${a.id}:${a.status}`);
	assert.deepEqual(notFinished, [], 'every order is finished');
	const entries = state.ledger.filter((e) => ids.has(e.orderId));
	assert.deepEqual(
		countBy(entries, (e) => e.kind),
		{ purchase: cfg.signups },
		'one purchase per order, nothing else',
	);
	const completes = countBy(
		sms.filter((r) => r.action === 'setStatus' && r.status === '6'),
		(r) => r.id,
	);
	const wrong = [...ids]
		.filter((id) => completes[id] !== 1)
		.map((id) => `${id}:${completes[id] ?? 0}`);
	assert.deepEqual(wrong, [], 'each order id completed exactly once');
	const cancels = sms.filter((r) => r.action === 'setStatus' && r.status === '8');
	assert.equal(cancels.length, 0, 'no cancel');
});

check('no order was waited on twice', () => {
	const per = new Map();
	for (const r of sms) {
		if (!r.id || (r.action !== 'getStatus' && r.action !== 'setStatus')) continue;
		const o = per.get(r.id) ?? { checks: 0, ok: 0, completedAt: undefined, after: 0 };
		if (r.action === 'getStatus') {
			o.checks++;
			if (/^STATUS_OK/.test(r.answer ?? '')) o.ok++;
			if (o.completedAt !== undefined) o.after++;
		} else if (r.status === '6') o.completedAt ??= r.t;
		per.set(r.id, o);
	}
	// One waiter stops at its first STATUS_OK; a second waiter on the same id would see the code again or
	// check an order that is already completed.
	const twice = [...per]
		.filter(([, o]) => o.ok > 1 || o.after > 0)
		.map(([id, o]) => `${id}: ${o.ok} OK answers, ${o.after} checks after complete`);
	assert.deepEqual(twice.slice(0, 5), [], `${twice.length} orders waited on twice`);
	const checksPer = [...per.values()].map((o) => o.checks);
	console.log(
		`     getStatus per order: min ${Math.min(...checksPer)}, max ${Math.max(...checksPer)}, total ${checksPer.reduce((a, b) => a + b, 0)}`,
	);
});

check('both workers ran executions', () => {
	const counts = cfg.workerLogs.map(
		(f) => (readFileSync(f, 'utf8').match(/started execution/gi) ?? []).length,
	);
	console.log(`     executions started per worker: ${counts.join(', ')}`);
	assert.equal(counts.length, 2);
	assert.ok(
		counts.every((c) => c > 0),
		`each worker started at least one execution (${counts.join(', ')})`,
	);
	assert.ok(counts.reduce((a, b) => a + b, 0) >= cfg.signups, 'the workers ran every sign-up');
});

const all = peakPerWindow(log.map((r) => r.t));
const statusOnly = peakPerWindow(sms.filter((r) => r.action === 'getStatus').map((r) => r.t));
check(`the provider never saw more than ${cfg.cap} requests in any 1 s (QUEUE_CAP)`, () => {
	const at = all.at ? new Date(all.at).toISOString().slice(11, 23) : '-';
	const byAction = countBy(
		log.filter((r) => r.t >= all.at && r.t < all.at + 1000),
		(r) => r.action,
	);
	console.log(
		`     peak ${all.max} req/s at ${at} (${JSON.stringify(byAction)}); getStatus alone peak ${statusOnly.max} req/s`,
	);
	assert.ok(all.max <= cfg.cap, `peak ${all.max} requests in 1 s > cap ${cfg.cap}`);
});

check('the trigger polled once per scheduled time and fired once per new SMS', async () => {
	if (triggerError) throw triggerError;
	const polls = log.filter(
		(r) => r.action === 'getMyRentals' && r.t >= triggerPublishedAt - 60_000,
	);
	const times = polls.map((r) => new Date(r.t).toISOString().slice(11, 23));
	// Activation's poll + 2 scheduled ones; a trigger running on every process would poll 3 times as often.
	assert.equal(
		polls.length,
		3,
		`getMyRentals ${polls.length} times (${times.join(', ')}), expected 3 (activation + 2 polls)`,
	);
	const scheduled = polls.slice(1).map((r) => new Date(r.t).getSeconds());
	assert.ok(
		scheduled.every((s) => Math.abs(s - second) <= 2 || Math.abs(s - second) >= 58),
		`scheduled polls at second ${second}: ${times.join(', ')}`,
	);
	const list = (await n8n.executions(triggerWf.id)).sort((a, b) => Number(a.id) - Number(b.id));
	assert.equal(list.length, 2, `two executions (one per poll with new SMS), got ${list.length}`);
	const fired = [];
	for (const e of list) {
		assert.equal(e.status, 'success', `execution ${e.id}: ${e.status}`);
		const run = await n8n.execution(e.id);
		const items = run.data.resultData.runData['On New Rental SMS'][0].data.main[0].map(
			(i) => i.json,
		);
		fired.push(items.map((i) => `${i.smsOrderId}|${i.text}`));
	}
	const expect = (poll) =>
		newSms
			.filter((s) => s.poll === poll)
			.map((s) => `${s.orderId}|${s.text}`)
			.sort();
	assert.deepEqual(
		fired.map((f) => f.sort()),
		[expect(1), expect(2)],
		'each new SMS once, in the poll after it arrived',
	);
});

let passed = 0;
let failed = 0;
for (const { name, fn } of checks) {
	try {
		await fn();
		passed++;
		console.log(`ok   ${name}`);
	} catch (error) {
		failed++;
		console.log(`FAIL ${name}`);
		console.log(
			`     ${String(error?.message ?? error)
				.split('\n')
				.slice(0, 12)
				.join('\n     ')}`,
		);
	}
}
const byAction = countBy(log, (r) => r.action);
console.log(`[queue] provider requests: ${log.length} ${JSON.stringify(byAction)}`);
console.log(
	`[queue] phases: ${phases.join('; ')}; checks run ${((Date.now() - t0) / 1000).toFixed(1)}s`,
);
console.log(
	`[queue] peak requests in any 1 s: ${all.max} (cap ${cfg.cap}); getStatus only: ${statusOnly.max}`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

#!/usr/bin/env node
// Benchmark inside a real n8n (started by scripts/bench-n8n.sh, which exports BENCH_*): for each N and each
// variant of bench/n8n/workflows.mjs, the sandbox is reset (same ids, codes and arrival times every run),
// the workflow is started by its webhook, and this measures:
//   wall        webhook call → execution finished (n8n's startedAt/stoppedAt, in seconds)
//   requests    provider requests by action (from test/queue/proxy.mjs)
//   detection   per order, first STATUS_OK answer − the code's arrival in the sandbox (median / p95 / max, s)
//   cpu         CPU seconds of n8n's process group (n8n + task runner) during the run
//   peak mem    highest sum of RSS of that group, sampled every 200 ms (MB)
//   exec data   size of the saved execution data (n8n's stored JSON, KB)
// and checks that every order was completed once. Prints a table and writes JSON to BENCH_OUT.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

import { N8n, countBy, getJson, proxyLog, quantile, sleep } from '../../test/queue/lib.mjs';
import { VARIANTS, benchPath, benchWorkflow } from './workflows.mjs';

const env = (name, fallback) => {
	const v = process.env[name] ?? fallback;
	if (v === undefined)
		throw new Error(`${name} is not set: run "npm run bench:n8n" (scripts/bench-n8n.sh)`);
	return v;
};
const cfg = {
	n8nUrl: env('BENCH_N8N_URL'),
	proxyUrl: env('BENCH_PROXY_URL'),
	sandboxUrl: env('BENCH_SANDBOX_URL'),
	key: env('BENCH_SANDBOX_KEY', 'sandbox-test-key'),
	pgid: Number(env('BENCH_N8N_PGID')),
	ns: env('BENCH_N', '10,50,200')
		.split(',')
		.map(Number)
		.filter((n) => n > 0),
	variants: env('BENCH_VARIANTS', VARIANTS.join(',')).split(',').filter(Boolean),
	timeoutMs: Number(env('BENCH_RUN_TIMEOUT_S', '900')) * 1000,
	arrival: env('BENCH_ARRIVAL', 'fixed'),
	out: env('BENCH_OUT', ''),
	// Sweep (BENCH_DIST set): per N a warm-up run of the node (other arrivals: it learns), then the node at each
	// interval with the learned schedule, once with the fixed one at 5 s (before), and the loop at each interval.
	dist: env('BENCH_DIST', ''),
	nodeIntervals: env('BENCH_NODE_INTERVALS', '2.5,5,7.5,10').split(',').map(Number),
	loopIntervals: env('BENCH_LOOP_INTERVALS', '2.5,5,10').split(',').map(Number),
	timeoutMin: Number(env('BENCH_TIMEOUT_MIN', '2.5')),
};
const n8n = new N8n(cfg.n8nUrl, env('BENCH_OWNER_EMAIL'), env('BENCH_OWNER_PASSWORD'));

// ---------------------------------------------------------------------------------------------------------
// n8n's process group: CPU ticks and RSS from /proc.

const TICK = 100; // USER_HZ on Linux
function groupStats() {
	let ticks = 0;
	let rss = 0;
	for (const p of readdirSync('/proc')) {
		if (!/^\d+$/.test(p)) continue;
		let stat;
		try {
			stat = readFileSync(`/proc/${p}/stat`, 'utf8');
		} catch {
			continue;
		}
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// f[0] = state (field 3); pgrp = field 5, utime 14, stime 15, rss (pages) 24.
		if (Number(f[2]) !== cfg.pgid) continue;
		ticks += Number(f[11]) + Number(f[12]);
		rss += Number(f[21]) * 4096;
	}
	return { cpuS: ticks / TICK, rssMb: rss / 1048576 };
}

// ---------------------------------------------------------------------------------------------------------

const workflows = {};
for (const variant of cfg.variants) {
	const wf = await n8n.create(benchWorkflow(variant));
	await n8n.publish(wf);
	workflows[variant] = wf;
}

async function runOne(variant, n, params = {}, skip = 0) {
	if (cfg.dist)
		await getJson(
			`${cfg.sandboxUrl}/__sandbox/config?otp_delay_dist=${cfg.dist}&otp_delay_skip=${skip}`,
		);
	await getJson(`${cfg.sandboxUrl}/__sandbox/reset`);
	await getJson(`${cfg.proxyUrl}/__proxy/reset`);
	const wf = workflows[variant];
	const before = new Set((await n8n.executions(wf.id)).map((e) => e.id));
	const s0 = groupStats();
	let peak = s0.rssMb;
	const sampler = setInterval(() => (peak = Math.max(peak, groupStats().rssMb)), 200);
	const t0 = Date.now();
	let execution;
	try {
		const res = await fetch(`${cfg.n8nUrl}/webhook/${benchPath(variant)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ n, ...params }),
		});
		if (!res.ok)
			throw new Error(`webhook answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
		const end = t0 + cfg.timeoutMs;
		for (;;) {
			const mine = (await n8n.executions(wf.id)).filter((e) => !before.has(e.id));
			if (
				mine.length &&
				mine[0].status !== 'running' &&
				mine[0].status !== 'new' &&
				mine[0].stoppedAt
			) {
				execution = mine[0];
				break;
			}
			if (Date.now() > end) throw new Error(`no finished execution after ${cfg.timeoutMs / 1000}s`);
			await sleep(500);
		}
	} finally {
		clearInterval(sampler);
	}
	const s1 = groupStats();
	const full = await n8n.execution(execution.id);
	const log = await proxyLog(cfg.proxyUrl);
	const state = await getJson(
		`${cfg.sandboxUrl}/__sandbox/state?key=${encodeURIComponent(cfg.key)}`,
	);

	// Detection: first STATUS_OK answer per order (proxy arrival + answer time) − when the sandbox made the code arrive.
	const arrival = new Map(state.orders.activations.map((a) => [a.id, a.arrivalAt]));
	const detected = new Map();
	for (const r of log) {
		if (r.action === 'getStatus' && /^STATUS_OK/.test(r.answer ?? '') && !detected.has(r.id))
			detected.set(r.id, r.t + (r.ms ?? 0));
	}
	const delays = [...detected]
		.filter(([id]) => arrival.get(id) !== null)
		.map(([id, t]) => (t - arrival.get(id)) / 1000)
		.sort((a, b) => a - b);
	const withCode = state.orders.activations.filter((a) => a.arrivalAt !== null).length;
	const completes = countBy(
		log.filter((r) => r.action === 'setStatus' && r.status === '6'),
		(r) => r.id,
	);
	const finished = state.orders.activations.filter((a) => a.status === 'finished').length;
	// Codes that never come: the order must end cancelled (refunded), by the node or the loop's timeout.
	const open = state.orders.activations.filter(
		(a) => a.arrivalAt === null && a.status !== 'cancelled',
	).length;
	const problems = [];
	if (execution.status !== 'success')
		problems.push(`execution ${execution.id} ${execution.status}`);
	if (state.orders.activations.length !== n)
		problems.push(`${state.orders.activations.length} orders bought, expected ${n}`);
	if (finished !== withCode) problems.push(`${finished}/${withCode} orders with a code finished`);
	if (open > 0) problems.push(`${open} orders without a code not cancelled`);
	if (Object.values(completes).some((c) => c !== 1))
		problems.push('an order was completed more than once');
	if (delays.length !== withCode) problems.push(`${delays.length}/${withCode} codes detected`);
	return {
		variant,
		n,
		...params,
		withCode,
		executionId: execution.id,
		status: execution.status,
		wallS: (Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt)) / 1000,
		clientWallS: (Date.now() - t0) / 1000,
		requests: countBy(log, (r) => r.action),
		requestsTotal: log.length,
		// Status checks per order: what the detection delay costs.
		checksPerOrder: log.filter((r) => r.action === 'getStatus').length / n,
		detection: {
			medianS: quantile(delays, 0.5),
			p95S: quantile(delays, 0.95),
			maxS: delays[delays.length - 1],
		},
		cpuS: s1.cpuS - s0.cpuS,
		peakRssMb: peak,
		execDataKb: full.bytes / 1024,
		problems,
	};
}

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const pad = (s, w) => String(s).padStart(w);
const header = `${'variant'.padEnd(16)}${'run'.padEnd(20)}${pad('N', 5)}${pad('wall s', 8)}${pad('reqs', 7)}${pad('chk/ord', 8)}  ${'by action'.padEnd(44)}${pad('det med', 8)}${pad('p95', 6)}${pad('max', 6)}${pad('cpu s', 7)}${pad('peak MB', 9)}${pad('exec KB', 9)}  ok`;
console.log(
	`[bench] arrival times: ${cfg.dist ? `${cfg.dist} (sandbox/delays.ts)` : cfg.arrival}; N = ${cfg.ns.join(', ')}; variants = ${cfg.variants.join(', ')}`,
);
console.log(header);

/** The runs for one N: the plain comparison at 5 s, or (BENCH_DIST) the sweep with the node's warm-up first. */
function plan() {
	if (!cfg.dist) return cfg.variants.map((variant) => ({ variant, phase: 'default', params: {} }));
	const timeoutMin = cfg.timeoutMin;
	const runs = [];
	if (cfg.variants.includes('wait-for-otp')) {
		// Other arrivals from the same distribution: the first execution learns, the next ones use it.
		runs.push({
			variant: 'wait-for-otp',
			phase: 'warm-up',
			skip: 5000,
			params: { interval: 5, schedule: 'learned', timeoutMin },
		});
		for (const interval of cfg.nodeIntervals)
			runs.push({
				variant: 'wait-for-otp',
				phase: 'learned',
				params: { interval, schedule: 'learned', timeoutMin },
			});
		if (env('BENCH_FIXED', '1') !== '0')
			runs.push({
				variant: 'wait-for-otp',
				phase: 'fixed',
				params: { interval: 5, schedule: 'fixed', timeoutMin },
			});
	}
	for (const variant of cfg.variants.filter((v) => v !== 'wait-for-otp'))
		for (const interval of cfg.loopIntervals)
			runs.push({ variant, phase: 'loop', params: { interval, timeoutMin } });
	return runs;
}

const results = [];
let failures = 0;
for (const n of cfg.ns) {
	for (const { variant, phase, params, skip } of plan()) {
		let r;
		try {
			r = { ...(await runOne(variant, n, params, skip ?? 0)), phase };
		} catch (e) {
			r = { variant, n, phase, ...params, problems: [String(e?.message ?? e)] };
		}
		results.push(r);
		if (r.problems.length) failures++;
		const by = r.requests
			? Object.entries(r.requests)
					.map(([k, v]) => `${k}:${v}`)
					.join(' ')
			: '-';
		const run = `${phase}${params.interval ? ` ${params.interval} s` : ''}`;
		console.log(
			`${variant.padEnd(16)}${run.padEnd(20)}${pad(n, 5)}${pad(f1(r.wallS), 8)}${pad(r.requestsTotal ?? '-', 7)}${pad(f1(r.checksPerOrder), 8)}  ${by.padEnd(44)}` +
				`${pad(f1(r.detection?.medianS), 8)}${pad(f1(r.detection?.p95S), 6)}${pad(f1(r.detection?.maxS), 6)}` +
				`${pad(f1(r.cpuS), 7)}${pad(f1(r.peakRssMb), 9)}${pad(f1(r.execDataKb), 9)}  ${r.problems.length ? `NO: ${r.problems.join('; ')}` : 'yes'}`,
		);
		if (cfg.out)
			writeFileSync(
				cfg.out,
				JSON.stringify({ arrival: cfg.arrival, dist: cfg.dist, results }, null, 2),
			);
	}
}
console.log(
	`[bench] ${results.length - failures} runs complete, ${failures} with problems${cfg.out ? `; JSON: ${cfg.out}` : ''}`,
);
process.exit(failures ? 1 : 0);

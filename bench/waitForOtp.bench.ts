/**
 * Benchmark of OTPGet Wait for OTP (npm run bench): N pending SMS activations whose codes arrive at random
 * times in [0, T], all waited for in ONE execution of the node, over real HTTP (n8n-core's request stack) to
 * the sandbox running in this process. Compared with the docs' serial loop, and checked under a binding
 * rate cap. Not a test: it prints a table and exits 0.
 *
 * Options: --n=100,1000  --window-ms=8000 (T)  --interval-ms=<fixed>  --load=500 (peak polls/s that sets the
 * interval: max(200 ms, N / load))  --serial-budget-ms=11000  --remote-rtt-ms=250 (the node measured with it, the serial loop on paper; 0 = skip)  --cap=50 --cap-n=100 --cap-window-ms=2000
 * --seed=7  --latency-ms=0 (added to every round trip, both pollers)
 *
 * Why scale the interval: n8n's request helper opens a new connection per request, and here both it and the
 * sandbox share 2 cores: 500-700 requests/s in all. 1000 activations every 200 ms would need 5000/s, so
 * the interval is chosen so that the first (busiest) round needs about 500/s.
 */
import type { IAllExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { OtpGetWaitForOtp } from '../nodes/OtpGetWaitForOtp/OtpGetWaitForOtp.node';
import { apiRequest } from '../nodes/shared/transport';
import { OTPGET } from '../protocol/providers';
import { parseStatus, smsRequestsFor } from '../protocol/sms';
import { startSandbox, TEST_KEY, type Sandbox } from '../sandbox/server';
import { createContext } from '../test/helpers/context';
import { scheduleBench } from './schedule.bench';

const otpget = smsRequestsFor(OTPGET);

const args = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? 'true'];
	}),
);
const num = (name: string, fallback: number) =>
	args[name] !== undefined ? Number(args[name]) : fallback;
const SIZES = String(args.n ?? '100,1000')
	.split(',')
	.map(Number);
const WINDOW_MS = num('window-ms', 8000);
const LOAD = num('load', 500);
const SERIAL_BUDGET_MS = num('serial-budget-ms', 11_000);
const REMOTE_RTT_MS = num('remote-rtt-ms', 250);
const LATENCY_MS = num('latency-ms', 0);
const CAP = num('cap', 50);
const CAP_N = num('cap-n', 100);
const CAP_WINDOW_MS = num('cap-window-ms', 2000);
const SEED = num('seed', 7);

const intervalFor = (n: number) => num('interval-ms', Math.max(200, Math.ceil((n / LOAD) * 1000)));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

/** Deterministic arrivals (mulberry32). */
function arrivals(n: number, windowMs: number, seed: number): number[] {
	let a = seed >>> 0;
	return Array.from({ length: n }, () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * windowMs);
	});
}

function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A context over real HTTP to the sandbox, with an optional extra round-trip latency. */
function context(
	sb: Sandbox,
	params: Array<Record<string, unknown>>,
	items: INodeExecutionData[],
	latencyMs = LATENCY_MS,
) {
	const ctx = createContext({ params, items, credentials: { apiKey: TEST_KEY, baseUrl: sb.url } });
	if (latencyMs > 0) {
		const send = ctx.execute.helpers.httpRequestWithAuthentication;
		ctx.execute.helpers.httpRequestWithAuthentication = async function (
			this: IAllExecuteFunctions,
			...rest: Parameters<typeof send>
		) {
			await sleep(latencyMs);
			return await send.apply(this, rest);
		};
	}
	return ctx;
}

/** Samples RSS while `work` runs. */
async function withRss<T>(
	work: () => Promise<T>,
): Promise<{ value: T; before: number; peak: number }> {
	const before = process.memoryUsage().rss;
	let peak = before;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
	try {
		const value = await work();
		peak = Math.max(peak, process.memoryUsage().rss);
		return { value, before, peak };
	} finally {
		clearInterval(timer);
	}
}

interface Row {
	label: string;
	n: number;
	intervalMs: number;
	wallMs: number;
	boundMs: number;
	requestsPerActivation: number;
	requestBound: number;
	overBound: number;
	p50: number;
	p95: number;
	maxLatency: number;
	peakRss: number;
	rssGrowth: number;
	peakPerSecond: number;
	note: string;
}

/** The columns every run reports the same way. */
function measures(latencies: number[], rss: { before: number; peak: number }, sb: Sandbox) {
	return {
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		maxLatency: Math.max(...latencies),
		peakRss: rss.peak,
		rssGrowth: rss.peak - rss.before,
		peakPerSecond: sb.peakRequestsPerSecond(),
	};
}

/** The node: all N in one execution. */
async function concurrent(
	n: number,
	intervalMs: number,
	cap?: number,
	windowMs = WINDOW_MS,
	latencyMs = LATENCY_MS,
): Promise<Row> {
	const sb = await startSandbox({ otpDelayMs: -1 });
	try {
		const offsets = arrivals(n, windowMs, SEED + n);
		const ids = sb.state.seedActivations(n, offsets);
		const arrivedAt = new Map(ids.map((id) => [id, sb.state.activations.get(id)?.arrivalAt ?? 0]));
		const options = {
			pollInterval: intervalMs / 1000,
			timeout: 60,
			onSuccess: 'leave',
			// The scheduler's mechanics at a fixed interval (the learned schedule: bench/schedule.bench.ts).
			pollSchedule: 'fixed',
			maxRequestsPerSecond: cap ?? 1_000_000,
		};
		const params = ids.map((orderId) => ({ source: 'sms', orderId, options }));
		const ctx = context(
			sb,
			params,
			ids.map((id) => ({ json: { orderId: id } })),
			latencyMs,
		);
		const node = new OtpGetWaitForOtp();
		const t0 = Date.now();
		const {
			value: output,
			before,
			peak,
		} = await withRss(async () => await node.execute.call(ctx.execute));
		const wallMs = Date.now() - t0;
		const received = output[0].map((i) => i.json);
		if (received.length !== n) throw new Error(`only ${received.length} of ${n} codes received`);

		const polls = new Map<string, number>();
		for (const r of sb.requests)
			if (r.action === 'getStatus') polls.set(r.query.id, (polls.get(r.query.id) ?? 0) + 1);
		let requests = 0;
		let bound = 0;
		let over = 0;
		const latencies: number[] = [];
		for (const r of received) {
			const id = String(r.orderId);
			const arrival = Math.max(0, (arrivedAt.get(id) ?? 0) - t0);
			const b = Math.ceil(arrival / intervalMs) + 1;
			const got = polls.get(id) ?? 0;
			requests += got;
			bound += b;
			if (got > b) over++;
			latencies.push(Date.parse(String(r.receivedAt)) - (arrivedAt.get(id) ?? 0));
		}
		const maxArrival = Math.max(...ids.map((id) => (arrivedAt.get(id) ?? 0) - t0));
		return {
			label: cap
				? `node, cap ${cap}/s`
				: latencyMs > LATENCY_MS
					? `node, +${latencyMs} ms RTT`
					: 'node (1 execution)',
			n,
			intervalMs,
			wallMs,
			boundMs: maxArrival + intervalMs,
			requestsPerActivation: requests / n,
			requestBound: bound / n,
			overBound: over,
			...measures(latencies, { before, peak }, sb),
			note: '',
		};
	} finally {
		await sb.close();
	}
}

/**
 * The docs' loop, one activation after another: poll, stop at STATUS_OK, else sleep the interval. Runs for
 * real until the budget is spent, then finishes the same loop on paper with the measured mean round trip.
 */
async function serial(n: number, intervalMs: number): Promise<Row> {
	const sb = await startSandbox({ otpDelayMs: -1 });
	try {
		const offsets = arrivals(n, WINDOW_MS, SEED + n);
		const ids = sb.state.seedActivations(n, offsets);
		const arrivedAt = ids.map((id) => sb.state.activations.get(id)?.arrivalAt ?? 0);
		const ctx = context(sb, [{}], [{ json: {} }]);
		const t0 = Date.now();
		const latencies: number[] = [];
		let requests = 0;
		let spent = 0;
		let k = 0;
		const { before, peak } = await withRss(async () => {
			for (; k < n && Date.now() - t0 < SERIAL_BUDGET_MS; k++) {
				for (;;) {
					const sent = Date.now();
					const status = await apiRequest(ctx.execute, otpget.getStatus(ids[k]), parseStatus);
					requests++;
					spent += Date.now() - sent;
					if (status.status === 'received') {
						latencies.push(Date.now() - arrivedAt[k]);
						break;
					}
					await sleep(intervalMs);
				}
			}
		});
		const measured = k;
		const rtt = requests > 0 ? spent / requests : 1;
		const tail = simulateSerial(arrivedAt.slice(k), intervalMs, rtt, Date.now());
		requests += tail.requests;
		latencies.push(...tail.latencies);
		const t = tail.end;
		const wallMs = t - t0;
		const bound = arrivedAt.reduce(
			(sum, a) => sum + Math.ceil(Math.max(0, a - t0) / intervalMs) + 1,
			0,
		);
		return {
			label: 'serial loop (docs)',
			n,
			intervalMs,
			wallMs,
			boundMs: Math.max(...arrivedAt) - t0 + intervalMs,
			requestsPerActivation: requests / n,
			requestBound: bound / n,
			overBound: NaN,
			...measures(latencies, { before, peak }, sb),
			note:
				measured < n
					? `${measured} run, ${n - measured} estimated (round trip ${rtt.toFixed(1)} ms)`
					: 'all run',
		};
	} finally {
		await sb.close();
	}
}

/** The docs' loop on paper: poll (one round trip), done if the code was in when the server saw it, else wait. */
function simulateSerial(arrivedAt: number[], intervalMs: number, rtt: number, start: number) {
	let t = start;
	let requests = 0;
	const latencies: number[] = [];
	for (const arrival of arrivedAt) {
		for (;;) {
			requests++;
			t += rtt;
			if (arrival <= t - rtt / 2) {
				latencies.push(t - arrival);
				break;
			}
			t += intervalMs;
		}
	}
	return { end: t, requests, latencies };
}

function table(rows: Row[]): string {
	const head = [
		'run',
		'N',
		'interval',
		'wall',
		'max arr.+int.',
		'req/act',
		'bound',
		'over',
		'p50 lat',
		'p95 lat',
		'max lat',
		'peak RSS',
		'RSS +',
		'max req/1s',
		'note',
	];
	const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '-');
	const body = rows.map((r) => [
		r.label,
		String(r.n),
		ms(r.intervalMs),
		ms(r.wallMs),
		ms(r.boundMs),
		r.requestsPerActivation.toFixed(2),
		r.requestBound.toFixed(2),
		Number.isFinite(r.overBound) ? String(r.overBound) : '-',
		ms(r.p50),
		ms(r.p95),
		ms(r.maxLatency),
		`${mb(r.peakRss)} MB`,
		`${mb(r.rssGrowth)} MB`,
		String(r.peakPerSecond),
		r.note,
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [
		line(head),
		`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
		...body.map(line),
	].join('\n');
}

/** `rttMs`: round trip added on purpose; a code is seen one round trip after the check that finds it was sent. */
function verdicts(row: Row, label = `N=${row.n}`, rttMs = 0): string[] {
	const ok = (pass: boolean, text: string) => `  [${pass ? 'ok' : 'MISS'}] ${label}: ${text}`;
	const latencyBound = row.intervalMs + rttMs + 100;
	return [
		ok(
			row.wallMs <= row.boundMs + rttMs + 1000,
			`wall ${row.wallMs} ms <= max arrival + interval${rttMs ? ' + round trip' : ''} + 1 s (${Math.round(row.boundMs + rttMs + 1000)} ms)`,
		),
		ok(
			row.overBound === 0,
			`requests per activation <= ceil(arrival/interval)+1 for every activation (${row.overBound} over)`,
		),
		ok(
			row.p95 <= latencyBound,
			`p95 detection latency ${Math.round(row.p95)} ms <= interval${rttMs ? ' + round trip' : ''} + 100 ms (${latencyBound} ms)`,
		),
		ok(row.rssGrowth < 100e6, `RSS growth ${mb(row.rssGrowth)} MB < 100 MB`),
	];
}

/** Loads the lazily required parts of the HTTP stack, so the first run does not pay for them. */
async function warmUp(): Promise<void> {
	const sb = await startSandbox({ otpDelayMs: 0 });
	try {
		const ids = sb.state.seedActivations(20, [0]);
		const ctx = context(sb, [{}], [{ json: {} }]);
		await Promise.all(ids.map((id) => apiRequest(ctx.execute, otpget.getStatus(id), parseStatus)));
	} finally {
		await sb.close();
	}
}

async function main(): Promise<void> {
	// Poll schedules on virtual time first (a few seconds): three arrival distributions and the physical bound.
	if (args['skip-schedule'] === undefined) await scheduleBench();
	const started = Date.now();
	await warmUp();
	const rows: Row[] = [];
	const checks: string[] = [];
	const ratios: string[] = [];
	for (const n of SIZES) {
		const interval = intervalFor(n);
		const node = await concurrent(n, interval);
		const base = await serial(n, interval);
		rows.push(node, base);
		checks.push(...verdicts(node));
		ratios.push(
			`  N=${n}: serial / node: wall time ${(base.wallMs / node.wallMs).toFixed(1)}x, p95 detection latency ${(base.p95 / node.p95).toFixed(1)}x`,
		);
	}
	if (REMOTE_RTT_MS > 0) {
		const n = SIZES[SIZES.length - 1];
		const interval = intervalFor(n);
		const remote = await concurrent(n, interval, undefined, WINDOW_MS, LATENCY_MS + REMOTE_RTT_MS);
		rows.push(remote);
		checks.push(...verdicts(remote, `N=${n} +${REMOTE_RTT_MS} ms RTT`, REMOTE_RTT_MS));
		// Running the serial loop for real at this latency would take minutes: it is worked out on paper instead.
		const paper = simulateSerial(arrivals(n, WINDOW_MS, SEED + n), interval, REMOTE_RTT_MS, 0);
		ratios.push(
			`  N=${n}, ${REMOTE_RTT_MS} ms round trip (a remote provider): node ${(remote.wallMs / 1000).toFixed(1)} s (measured),` +
				` serial loop ${(paper.end / 1000).toFixed(0)} s with p95 latency ${(percentile(paper.latencies, 95) / 1000).toFixed(0)} s (on paper): ${(paper.end / remote.wallMs).toFixed(0)}x`,
		);
	}
	const capped = await concurrent(CAP_N, 200, CAP, CAP_WINDOW_MS);
	rows.push(capped);
	checks.push(
		`  [${capped.peakPerSecond <= CAP ? 'ok' : 'MISS'}] cap ${CAP}/s: at most ${capped.peakPerSecond} requests reached the sandbox in any 1 s window`,
	);

	console.log(
		`OTPGet Wait for OTP benchmark: arrivals uniform in [0, ${WINDOW_MS} ms] (seeded), node ${process.version}, in-process sandbox`,
	);
	console.log(
		`interval = max(200 ms, N / ${LOAD} per s) unless --interval-ms; extra round-trip latency ${LATENCY_MS} ms; onSuccess "leave" (requests = status checks)\n`,
	);
	console.log(table(rows));
	console.log('\nTargets');
	console.log(checks.join('\n'));
	console.log('\nSerial baseline');
	console.log(ratios.join('\n'));
	console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		// A crashed run must not pass for a measured one.
		console.error(error);
		process.exit(1);
	},
);

/**
 * Virtual-time simulations of waiting for N codes (used by bench/schedule.bench.ts and the schedule tests):
 * the node (the real OtpWait, scheduler and rate gate, as nodes/OtpGetWaitForOtp/execute.ts wires them) and the
 * loop users build (Get Status for every pending order, one after the other through the same gate, then Wait,
 * again), under the same cap, round trip and arrivals. Exact and fast: hours of polling take milliseconds.
 */
import type { ArrivalModel } from '../protocol/poll/arrivals';
import { RateGate } from '../protocol/poll/rate';
import { OrderSchedule, type ScheduleMode } from '../protocol/poll/schedule';
import { runJobs } from '../protocol/poll/scheduler';
import type { Call, Observation, OtpSource } from '../protocol/poll/sources';
import { OtpWait } from '../protocol/poll/wait';
import { DISTRIBUTIONS, type Draw } from '../sandbox/delays';
import { VirtualClock } from '../test/protocol/poll.clock';

export { DISTRIBUTIONS, type Draw };

/** Seeded uniform numbers in [0, 1) (mulberry32). */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface SimOptions {
	n: number;
	/** Requests per second through the gate. */
	cap: number;
	intervalMs: number;
	draw: Draw;
	seed: number;
	timeoutMs: number;
	/** Round trip of a request; the server reads the order half-way. */
	rttMs?: number;
}

export interface SimResult {
	requests: number;
	/** Per order: when the code was seen − when it came (ms); NaN for an order whose code never came or was missed. */
	delays: number[];
	/** Per order: when each check was sent, ms after the purchase. */
	checks: number[][];
	arrivals: Array<number | null>;
	endMs: number;
}

const arrivalsOf = (o: SimOptions) => {
	const u = random(o.seed);
	return Array.from({ length: o.n }, () => {
		const a = o.draw(u);
		return a === null || a >= o.timeoutMs ? null : a;
	});
};

/** One status check at the fake provider, through the gate: true once the code is in. */
function checker(clock: VirtualClock, gate: RateGate, rttMs: number, out: SimResult) {
	return async (i: number, start: number) =>
		await gate.run(async () => {
			out.requests++;
			const sent = clock.now();
			out.checks[i].push(sent - start);
			await clock.delay(rttMs);
			const a = out.arrivals[i];
			const got = a !== null && sent + rttMs / 2 >= start + a;
			if (got && Number.isNaN(out.delays[i])) out.delays[i] = clock.now() - (start + (a ?? 0));
			return got;
		});
}

const empty = (o: SimOptions): SimResult => ({
	requests: 0,
	delays: new Array(o.n).fill(NaN),
	checks: Array.from({ length: o.n }, () => []),
	arrivals: arrivalsOf(o),
	endMs: 0,
});

/** The node: every order in one run, with `mode` and `model` (committed at the end, as a run does). */
export async function simulateNode(
	o: SimOptions,
	mode: ScheduleMode,
	model?: ArrivalModel,
): Promise<SimResult> {
	const clock = new VirtualClock();
	const gate = new RateGate(o.cap, clock);
	const start = clock.now();
	const rtt = o.rttMs ?? 50;
	const out = empty(o);
	const check = checker(clock, gate, rtt, out);
	const waits = out.arrivals.map((_, i) => {
		const source: OtpSource = {
			name: 'sms',
			needsCode: false,
			async poll(call: Call): Promise<Observation> {
				return await call<Observation>(
					{ api: 'sms', action: 'getStatus', params: {}, kind: 'read', provider: 'otpget' },
					() => undefined,
				);
			},
		};
		const call = (async () =>
			(await check(i, start))
				? { state: 'received', messages: [{ code: '1234', text: '1234' }] }
				: { state: 'waiting', messages: [] }) as Call;
		const settings = {
			intervalMs: o.intervalMs,
			timeoutMs: o.timeoutMs,
			onSuccess: 'leave' as const,
			onTimeout: 'leave' as const,
			maxFailures: 3,
			earlyCancelMs: 120_000,
		};
		const schedule = new OrderSchedule(mode, o.intervalMs, start, model);
		const deps = { call, classify: () => ({ transient: true }), now: clock.now, arrivals: model };
		return new OtpWait(source, String(i), settings, { ...deps, schedule }, start);
	});
	const results = await clock.run(
		runJobs(
			waits.map((job) => ({ job })),
			{
				clock,
				maxInFlight: Math.max(4, Math.ceil(2 * o.cap)),
				urgency: (i, now) => waits[i].urgency(now),
			},
		),
	);
	model?.commit();
	if (!results.every((r) => r.status === 'done')) throw new Error('a simulated wait did not end');
	out.endMs = clock.now() - start;
	return out;
}

/** The loop: Get Status for each pending order in turn (n8n runs a node's items one by one), Wait, again. */
export async function simulateLoop(o: SimOptions): Promise<SimResult> {
	const clock = new VirtualClock();
	const gate = new RateGate(o.cap, clock);
	const start = clock.now();
	const out = empty(o);
	const check = checker(clock, gate, o.rttMs ?? 50, out);
	const run = async () => {
		let pending = out.arrivals.map((_, i) => i);
		while (pending.length > 0) {
			const still: number[] = [];
			for (const i of pending) if (!(await check(i, start))) still.push(i);
			// The users' loop has no timeout of its own; here it gives up on an order at the node's timeout.
			pending = still.filter(() => clock.now() - start < o.timeoutMs);
			if (pending.length > 0) await clock.sleep(o.intervalMs);
		}
	};
	await clock.run(run());
	out.endMs = clock.now() - start;
	return out;
}

export function quantile(values: number[], q: number): number {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const mean = (values: number[]) => {
	const v = values.filter(Number.isFinite);
	return v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
};

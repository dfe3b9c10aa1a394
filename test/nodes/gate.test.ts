import type { IHttpRequestOptions } from 'n8n-workflow';

import {
	capOf,
	credentialKey,
	gated,
	joinGate,
	priorityOf,
	queueSize,
	throughGate,
} from '../../nodes/shared/gate';
import { AGING_MS } from '../../protocol/poll/rate';
import { gateClock } from '../../nodes/shared/clock';
import { startSandbox, TEST_KEY, type Sandbox } from '../../sandbox/server';
import { createContext } from '../helpers/context';
import { VirtualClock } from '../protocol/poll.clock';

const TYPE = 'otpGetApi';

interface Full {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

/** A fresh credential id per test, so the process-wide gate registry starts clean. */
function setup(sb: Sandbox) {
	const ctx = createContext({ params: {}, credentials: { apiKey: TEST_KEY, baseUrl: sb.url } });
	const node = ctx.execute.getNode();
	node.credentials = { [TYPE]: { id: `gate-test-${Math.random()}`, name: 'gate test' } };
	const send = async (options: IHttpRequestOptions) =>
		(await ctx.execute.helpers.httpRequestWithAuthentication.call(
			ctx.execute,
			TYPE,
			options,
		)) as Full;
	const options = (): IHttpRequestOptions => ({
		method: 'GET',
		url: `${sb.url}/handler_api.php`,
		qs: { action: 'getBalance' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
		encoding: 'text',
	});
	return { ctx, send, options, key: credentialKey(ctx.execute, TYPE) };
}

describe('gated: every request through the credential gate', () => {
	let sb: Sandbox;
	afterEach(async () => await sb?.close());

	it('a 429 with Retry-After (real HTTP) pauses the gate that long and halves its rate', async () => {
		sb = await startSandbox({ faults: { rate: 1, kinds: ['http429'], retryAfterS: 3 } });
		const { ctx, send, options, key } = setup(sb);
		const clock = new VirtualClock();
		const { gate, leave } = joinGate(key, 1000, clock);
		const credentials = { apiKey: TEST_KEY, baseUrl: sb.url, maxRequestsPerSecond: 10 };
		const answer = await gated(ctx.execute, TYPE, credentials, 'read', options(), send, clock);
		expect(answer.statusCode).toBe(429);
		expect(gate.rate()).toBe(5);
		// The next request of any class waits out the Retry-After.
		const t0 = clock.now();
		await clock.run(gate.acquire({ priority: 'write' }));
		gate.release();
		expect(clock.now() - t0).toBe(3000);
		leave();
	});

	it('a 429 whose Retry-After is an HTTP date pauses until that date (real clocks), not 2 minutes', async () => {
		sb = await startSandbox({ faults: { rate: 1, kinds: ['http429-date'], retryAfterS: 2 } });
		const { ctx, send, options, key } = setup(sb);
		const { leave } = joinGate(key, 1000, gateClock);
		const credentials = { apiKey: TEST_KEY, baseUrl: sb.url, maxRequestsPerSecond: 10 };
		// The default clock: the gate's monotonic one, as every node uses it.
		const answer = await gated(ctx.execute, TYPE, credentials, 'read', options(), send);
		expect(answer.statusCode).toBe(429);
		expect(String(answer.headers['retry-after'])).toMatch(/ GMT$/);
		sb.state.faults.clear();
		const t0 = performance.now();
		const next = await gated(ctx.execute, TYPE, credentials, 'write', options(), send);
		const waited = performance.now() - t0;
		expect(next.statusCode).toBe(200);
		// An HTTP date has whole seconds: 2 s ahead is 1-2 s from the answer.
		expect(waited).toBeGreaterThan(900);
		expect(waited).toBeLessThan(2600);
		leave();
	});

	it('a Retry-After date already past pauses no longer than one window (real clocks)', async () => {
		sb = await startSandbox({ faults: { rate: 1, kinds: ['http429-date'], retryAfterS: -30 } });
		const { ctx, send, options, key } = setup(sb);
		const { leave } = joinGate(key, 1000, gateClock);
		const credentials = { apiKey: TEST_KEY, baseUrl: sb.url, maxRequestsPerSecond: 10 };
		expect((await gated(ctx.execute, TYPE, credentials, 'read', options(), send)).statusCode).toBe(
			429,
		);
		sb.state.faults.clear();
		const t0 = performance.now();
		await gated(ctx.execute, TYPE, credentials, 'purchase', options(), send);
		expect(performance.now() - t0).toBeLessThan(1000);
		leave();
	});

	it('a 200 answer does not slow the gate; the credential sets the cap and the processes sharing it', async () => {
		sb = await startSandbox({});
		const { ctx, send, options, key } = setup(sb);
		const clock = new VirtualClock();
		const { gate, leave } = joinGate(key, 1000, clock);
		const answer = await gated(
			ctx.execute,
			TYPE,
			{ apiKey: TEST_KEY, maxRequestsPerSecond: '10', processes: 3 },
			'purchase',
			options(),
			send,
			clock,
		);
		expect(answer.statusCode).toBe(200);
		expect(String(answer.body)).toMatch(/^ACCESS_BALANCE/);
		expect(gate.rate()).toBeCloseTo(10 / 3);
		leave();
	});

	it('a request sent by gated through a Wait for OTP context takes one slot, not two', async () => {
		sb = await startSandbox({});
		const { ctx, options, key } = setup(sb);
		const clock = new VirtualClock();
		// One request per second: gated twice (by the transport and again by throughGate) would never get a slot.
		const { gate, leave } = joinGate(key, 1, clock);
		const signal = new AbortController().signal;
		const waiting = throughGate(ctx.execute, gate, signal);
		const send = async (o: IHttpRequestOptions) =>
			(await waiting.helpers.httpRequestWithAuthentication.call(waiting, TYPE, o)) as Full;
		const answer = await gated(waiting, TYPE, { apiKey: TEST_KEY }, 'read', options(), send, clock);
		expect(answer.statusCode).toBe(200);
		expect(sb.requests).toHaveLength(1);
		leave();
	});

	it("waits for a slot under the context's signal: a stopped execution stops waiting and sends nothing", async () => {
		sb = await startSandbox({});
		const { ctx, options, key } = setup(sb);
		const clock = new VirtualClock();
		const { gate, leave } = joinGate(key, 1, clock);
		await gate.acquire();
		const controller = new AbortController();
		const waiting = throughGate(ctx.execute, gate, controller.signal);
		const send = async (o: IHttpRequestOptions) =>
			(await waiting.helpers.httpRequestWithAuthentication.call(waiting, TYPE, o)) as Full;
		const pending = gated(waiting, TYPE, { apiKey: TEST_KEY }, 'write', options(), send, clock);
		const rejected = expect(pending).rejects.toMatchObject({ name: 'AbortError' });
		controller.abort();
		await rejected;
		expect(sb.requests).toHaveLength(0);
		gate.release();
		leave();
	});
});

describe('gated: the cap in a cluster, and waits behind other classes (real clocks, real HTTP)', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({});
	});
	afterAll(async () => await sb.close());

	it('more processes than the cap (5 processes, 4/s): each sends one request every 5/4 s', async () => {
		const processes = 5;
		const cap = 4;
		const spacing = (processes / cap) * 1000;
		const sent: number[][] = [];
		// Five processes: five gates of their own (one per credential id), none knowing of the others.
		await Promise.all(
			Array.from({ length: processes }, async (_, p) => {
				const { ctx, send, options } = setup(sb);
				const times: number[] = [];
				sent.push(times);
				const credentials = { apiKey: TEST_KEY, maxRequestsPerSecond: cap, processes };
				const timed = async (o: IHttpRequestOptions) => {
					times.push(performance.now());
					return await send(o);
				};
				await new Promise((resolve) => setTimeout(resolve, p * 97));
				await Promise.all(
					[0, 1, 2].map(() => gated(ctx.execute, TYPE, credentials, 'read', options(), timed)),
				);
			}),
		);
		for (const times of sent) {
			expect(times).toHaveLength(3);
			for (let i = 1; i < times.length; i++)
				expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(spacing - 5);
		}
		// The cluster: at most `processes` requests in any window of processes / cap seconds, the cap on average.
		const all = sent.flat().sort((a, b) => a - b);
		for (let i = 0; i < all.length; i++)
			expect(all.filter((t) => t >= all[i] && t < all[i] + spacing - 5).length).toBeLessThanOrEqual(
				processes,
			);
	});

	it('a purchase queued behind 200 status checks at 20/s goes within AGING_MS and a window, not 10 s', async () => {
		const controller = new AbortController();
		const { options } = setup(sb);
		const ctx = createContext({
			params: {},
			credentials: { apiKey: TEST_KEY, baseUrl: sb.url },
			signal: controller.signal,
		});
		ctx.execute.getNode().credentials = { [TYPE]: { id: `gate-test-${Math.random()}`, name: 'g' } };
		const send = async (o: IHttpRequestOptions) =>
			(await ctx.execute.helpers.httpRequestWithAuthentication.call(ctx.execute, TYPE, o)) as Full;
		const credentials = { apiKey: TEST_KEY, maxRequestsPerSecond: 20 };
		const reads = Array.from({ length: 200 }, () =>
			gated(ctx.execute, TYPE, credentials, 'read', options(), send).catch(() => undefined),
		);
		await new Promise((resolve) => setTimeout(resolve, 1));
		const t0 = performance.now();
		await gated(ctx.execute, TYPE, credentials, 'purchase', options(), send);
		const waited = performance.now() - t0;
		controller.abort();
		await Promise.all(reads);
		expect(waited).toBeLessThan(AGING_MS + 1000);
	});

	it("Wait for OTP's queue is sized from the credential's cap, not from its own limit", () => {
		const key = `queue-${Math.random()}`;
		const { gate, leave } = joinGate(key, 1000, gateClock, { maxRequestsPerSecond: 2 });
		// Four seconds of requests at 2/s: a purchase never queues behind 256 checks.
		expect(queueSize(gate)).toBe(8);
		leave();
		const wide = joinGate(`queue-${Math.random()}`, 1000, gateClock, { maxRequestsPerSecond: 500 });
		expect(queueSize(wide.gate)).toBe(256);
		wide.leave();
	});
});

describe('capOf / priorityOf', () => {
	it('reads the credential settings with defaults for older credentials', () => {
		expect(capOf({})).toEqual({ maxRequestsPerSecond: undefined, processes: 1 });
		expect(capOf({ maxRequestsPerSecond: 2.5, processes: 2.7 })).toEqual({
			maxRequestsPerSecond: 2.5,
			processes: 2,
		});
		expect(capOf({ maxRequestsPerSecond: 0, processes: -1 })).toEqual({
			maxRequestsPerSecond: undefined,
			processes: 1,
		});
		expect([priorityOf('write'), priorityOf('read'), priorityOf('purchase')]).toEqual([
			'write',
			'read',
			'purchase',
		]);
	});
});

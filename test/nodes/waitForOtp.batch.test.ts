import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { OtpGetWaitForOtp } from '../../nodes/OtpGetWaitForOtp/OtpGetWaitForOtp.node';
import { FAST, sleep, until, waitHarness } from './waitForOtp.harness';

const h = waitHarness();
const sms = (orderId: string, options: Record<string, unknown> = {}) => ({ source: 'sms', orderId, options: { ...FAST, ...options } });

describe('Wait for OTP › many items in one execution', () => {
	it('waits for all orders at once: done soon after the last code, not after the sum', async () => {
		const delays = [300, 60, 240, 120, 180, 0];
		const ids: string[] = [];
		for (const d of delays) ids.push(await h.buySms('101', d));
		const started = Date.now();
		const { received, paired } = await h.run(ids.map((id) => sms(id, { pollInterval: 0.05 })));
		const wall = Date.now() - started;
		expect(received.map((r) => r.orderId)).toEqual(ids);
		expect(paired[0]).toEqual([0, 1, 2, 3, 4, 5]);
		expect(wall).toBeLessThan(300 + 50 + 400);
		ids.forEach((id, i) => {
			const order = h.sandbox.state.getActivation(id);
			expect(order?.status).toBe('finished');
			// Each order stops being polled once it has its code: about one check per 50 ms until then.
			const polls = h.requestsFor(id, 'getStatus').length;
			expect(polls).toBeLessThanOrEqual(Math.ceil(delays[i] / 50) + 3);
			expect(received[i].polls).toBe(polls);
		});
	});

	it('mixes sources in one run and keeps each result paired with its item', async () => {
		const smsId = await h.buySms('101', 0);
		const emailId = await h.buyEmail(0);
		const cheapId = await h.buyCheap(0);
		const noSms = await h.buySms('198');
		h.sandbox.options.earlyCancelMs = 0;
		const { received, other, paired } = await h.run([
			{ source: 'email', emailId, options: FAST },
			sms(noSms, { timeout: 0.002 }),
			{ source: 'cheap', orderId: cheapId, options: FAST },
			sms(smsId),
		]);
		expect(received.map((r) => [r.source, r.orderId])).toEqual([
			['email', emailId],
			['cheap', cheapId],
			['sms', smsId],
		]);
		expect(paired).toEqual([[0, 2, 3], [1]]);
		expect(other[0]).toMatchObject({ orderId: noSms, status: 'timedOut', refunded: true });
	});

	it('never sends more requests in any second than Max Requests per Second', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 7; i++) ids.push(await h.buySms('198'));
		const firstPoll = h.sandbox.requests.length;
		// Checks every 20 ms would be 350 per second: the cap binds, each order gets its turn every 1.4 s.
		const { other } = await h.run(ids.map((id) => sms(id, { maxRequestsPerSecond: 5, timeout: 0.003, onTimeout: 'leave' })));
		expect(other).toHaveLength(7);
		const polls = h.sandbox.requests.slice(firstPoll);
		expect(polls.length).toBeLessThanOrEqual(14);
		const times = polls.map((r) => r.realAt);
		let peak = 0;
		for (let i = 0; i < times.length; i++) peak = Math.max(peak, times.filter((t) => t >= times[i] && t < times[i] + 1000).length);
		expect(peak).toBeLessThanOrEqual(5);
		// Every order got its turn (a check answered after the deadline ends the wait).
		ids.forEach((id) => expect(h.requestsFor(id, 'getStatus').length).toBeGreaterThanOrEqual(1));
	}, 15_000);

	it('stops within a second when the execution is cancelled', async () => {
		const ids = [await h.buySms('198'), await h.buySms('198')];
		const controller = new AbortController();
		const run = h.run(ids.map((id) => sms(id)), { signal: controller.signal });
		await until(() => h.requestsFor(ids[0], 'getStatus').length >= 3);
		const abortedAt = Date.now();
		controller.abort();
		await expect(run).rejects.toThrow('The execution was stopped while waiting for codes');
		expect(Date.now() - abortedAt).toBeLessThan(1000);
		// Requests already on the wire may still land (late, on a busy machine); then nothing more comes.
		await sleep(300);
		const count = h.sandbox.requests.length;
		await sleep(300);
		expect(h.sandbox.requests.length).toBe(count);
		expect(ids.map((id) => h.sandbox.state.getActivation(id)?.status)).toEqual(['waiting', 'waiting']);
	});
});

describe('Wait for OTP › failures', () => {
	it('retries network-like failures (5xx, ERROR_SQL) and still gets the code', async () => {
		const id = await h.buySms('101', 0);
		// The transport retries a read 3 times; these make the first two checks fail outright.
		for (let i = 0; i < 3; i++) h.sandbox.state.failNext('sms', 'getStatus', { status: 502, body: 'Bad Gateway' });
		for (let i = 0; i < 3; i++) h.sandbox.state.failNext('sms', 'getStatus', { body: 'ERROR_SQL' });
		const { received } = await h.run(sms(id));
		expect(received[0]).toMatchObject({ orderId: id, polls: 3, completed: true });
	});

	it('fails an order after Max Failed Checks in a Row, the others go on', async () => {
		const bad = await h.buySms('198');
		const good = await h.buyEmail(150);
		// Two checks of 3 attempts each (the transport's own retries) answer HTTP 500.
		for (let i = 0; i < 6; i++) h.sandbox.state.failNext('sms', 'getStatus', { status: 500, body: 'oops' });
		const params = [sms(bad, { maxFailures: 2 }), { source: 'email', emailId: good, options: FAST }];
		const { received, other, paired, output } = await h.run(params, { continueOnFail: true });
		expect(received).toEqual([expect.objectContaining({ orderId: good })]);
		expect(other).toEqual([
			expect.objectContaining({ orderId: bad, status: 'error', error: expect.stringMatching(/^2 status checks in a row failed: /) }),
		]);
		expect(paired[1]).toEqual([0]);
		expect(output[1][0].error).toBeInstanceOf(NodeOperationError);
	});

	it('without Continue On Fail, one failing order still lets the others finish: completed, refunded, reported', async () => {
		h.sandbox.options.earlyCancelMs = 0;
		const coded = await h.buySms('101', 0);
		const noCode = await h.buySms('198');
		const params = [sms(coded), sms(noCode, { timeout: 0.0025 }), sms('nosuchorder')];
		const error = (await h.run(params).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/^Order not found/);
		// The order that got its code was completed, the one without was refunded, and the error says so.
		expect(h.sandbox.state.getActivation(coded)?.status).toBe('finished');
		expect(h.ledger(noCode)).toEqual(['purchase', 'refund']);
		expect(error.description).toMatch(new RegExp(`${coded}: code \\d+ \\(completed\\)`));
		expect(error.description).toContain(`${noCode}: timedOut, refunded`);
	});

	it('treats a throttled (429) or unreadable status answer as worth another check', async () => {
		const id = await h.buySms('101', 0);
		// Neither is retried inside the transport (not a 5xx), so each costs one check of the five allowed.
		for (let i = 0; i < 2; i++) h.sandbox.state.failNext('sms', 'getStatus', { status: 429, body: '<html>Too Many Requests</html>' });
		for (let i = 0; i < 2; i++) h.sandbox.state.failNext('sms', 'getStatus', { body: '' });
		const { received } = await h.run(sms(id));
		expect(received[0]).toMatchObject({ orderId: id, polls: 5, completed: true });
	});

	it('fails at once on an unknown order: an error item under Continue On Fail, else the provider error', async () => {
		const { other } = await h.run(sms('nosuchorder'), { continueOnFail: true });
		expect(other[0]).toMatchObject({ orderId: 'nosuchorder', status: 'error', errorCode: 'NO_ACTIVATION', polls: 1 });
		const error = await h.run(sms('nosuchorder')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(/^Order not found/);
	});

	it('refuses an empty order id or a bad option before sending anything', async () => {
		await expect(h.run(sms(''))).rejects.toThrow('"Order ID" is required');
		await expect(h.run(sms('x', { codePattern: '(' }))).rejects.toThrow('"Code Pattern" is not a valid regular expression');
		await expect(h.run({ source: 'fax', orderId: 'x' })).rejects.toThrow('"Source" must be one of');
		expect(h.sandbox.requests).toEqual([]);
	});
});

describe('Wait for OTP › description', () => {
	const { description } = new OtpGetWaitForOtp();
	const param = (name: string, source: string) =>
		description.properties.find((p) => p.name === name && (!p.displayOptions || p.displayOptions.show?.source?.includes(source)));

	it('reads the previous OTPGet node output by default', () => {
		expect(param('orderId', 'sms')?.default).toBe('={{ $json.orderId }}');
		expect(param('orderId', 'cheap')?.default).toBe('={{ $json.orderId }}');
		expect(param('emailId', 'email')?.default).toBe('={{ $json.emailId }}');
		expect(param('smsOrderId', 'rental')?.default).toBe('={{ $json.smsOrderId }}');
		expect(param('newSmsSince', 'rental')?.default).toBe('');
	});

	it('has two named outputs, is usable as a tool and tests its credential', () => {
		expect(description).toMatchObject({
			name: 'otpGetWaitForOtp',
			outputs: ['main', 'main'],
			outputNames: ['Received', 'Timed Out / Cancelled'],
			usableAsTool: true,
			credentials: [{ name: 'otpGetApi', required: true }],
		});
	});
});

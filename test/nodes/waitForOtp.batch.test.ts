import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { OtpGetWaitForOtp } from '../../nodes/OtpGetWaitForOtp/OtpGetWaitForOtp.node';
import { FAST, sleep, until, waitHarness } from './waitForOtp.harness';

const h = waitHarness();
const sms = (orderId: string, options: Record<string, unknown> = {}) => ({
	source: 'sms',
	orderId,
	options: { ...FAST, ...options },
});

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
		const { other } = await h.run(
			ids.map((id) => sms(id, { maxRequestsPerSecond: 5, timeout: 0.003, onTimeout: 'leave' })),
		);
		expect(other).toHaveLength(7);
		const polls = h.sandbox.requests.slice(firstPoll);
		expect(polls.length).toBeLessThanOrEqual(14);
		const times = polls.map((r) => r.realAt);
		let peak = 0;
		for (let i = 0; i < times.length; i++)
			peak = Math.max(peak, times.filter((t) => t >= times[i] && t < times[i] + 1000).length);
		expect(peak).toBeLessThanOrEqual(5);
		// Every order got its turn (a check answered after the deadline ends the wait).
		ids.forEach((id) => expect(h.requestsFor(id, 'getStatus').length).toBeGreaterThanOrEqual(1));
	}, 15_000);

	it('stops within a second when the execution is cancelled, and reports every order', async () => {
		const ids = [await h.buySms('198'), await h.buySms('198')];
		const controller = new AbortController();
		const run = h.run(
			ids.map((id) => sms(id)),
			{ signal: controller.signal },
		);
		await until(() => h.requestsFor(ids[0], 'getStatus').length >= 3);
		const abortedAt = Date.now();
		controller.abort();
		const error = (await run.catch((e: unknown) => e)) as NodeOperationError;
		expect(error.message).toBe(
			'The execution was stopped while waiting for codes: 2 orders are still open',
		);
		expect(error.description).toBe(
			`Orders: ${ids[0]}: no code — STILL OPEN; ${ids[1]}: no code — STILL OPEN.`,
		);
		expect(Date.now() - abortedAt).toBeLessThan(1000);
		// Requests already on the wire may still land (late, on a busy machine); then nothing more comes.
		await sleep(300);
		const count = h.sandbox.requests.length;
		await sleep(300);
		expect(h.sandbox.requests.length).toBe(count);
		expect(ids.map((id) => h.sandbox.state.getActivation(id)?.status)).toEqual([
			'waiting',
			'waiting',
		]);
	});

	it('a stop never drops a code already received: it is reported with the order', async () => {
		const coded = await h.buySms('101', 0);
		const open = await h.buySms('198');
		// Completing keeps failing, so the coded order is still being completed when the stop comes.
		for (let i = 0; i < 200; i++)
			h.sandbox.state.failNext('sms', 'setStatus', { status: 502, body: 'Bad Gateway' });
		const controller = new AbortController();
		const run = h.run([sms(coded, { maxFailures: 1000 }), sms(open)], {
			signal: controller.signal,
		});
		await until(() => h.requestsFor(coded, 'setStatus').length >= 2);
		controller.abort();
		const error = (await run.catch((e: unknown) => e)) as NodeOperationError;
		const code = h.sandbox.state.getActivation(coded)?.code;
		expect(error.message).toBe(
			'The execution was stopped while waiting for codes: 2 orders are still open',
		);
		expect(error.description).toBe(
			`Orders: ${coded}: code ${code} received, not completed; ${open}: no code — STILL OPEN.`,
		);
	});

	it('On Stop "Cancel & Refund Open Orders" refunds the open orders on the way out; a young one is reported open', async () => {
		const old = await h.buySms('198');
		h.sandbox.clock.advance(120_000);
		const young = await h.buySms('198');
		const controller = new AbortController();
		const run = h.run([sms(old, { onStop: 'cancel' }), sms(young, { onStop: 'cancel' })], {
			signal: controller.signal,
		});
		await until(() => h.requestsFor(young, 'getStatus').length >= 2);
		controller.abort();
		const error = (await run.catch((e: unknown) => e)) as NodeOperationError;
		expect(h.ledger(old)).toEqual(['purchase', 'refund']);
		expect(h.ledger(young)).toEqual(['purchase']);
		expect(error.message).toBe(
			'The execution was stopped while waiting for codes: 1 order is still open',
		);
		expect(error.description).toContain(
			`Orders: ${old}: no code, cancelled and refunded; ${young}: no code — STILL OPEN (Order ${young} is still open: the provider refused to cancel it at the stop (Cancel refused during the first 2 minutes after purchase)`,
		);
	});
});

describe('Wait for OTP › failures', () => {
	it('retries network-like failures (5xx, ERROR_SQL) and still gets the code', async () => {
		const id = await h.buySms('101', 0);
		// The transport retries a read 3 times; these make the first two checks fail outright.
		for (let i = 0; i < 3; i++)
			h.sandbox.state.failNext('sms', 'getStatus', { status: 502, body: 'Bad Gateway' });
		for (let i = 0; i < 3; i++) h.sandbox.state.failNext('sms', 'getStatus', { body: 'ERROR_SQL' });
		const { received } = await h.run(sms(id));
		expect(received[0]).toMatchObject({ orderId: id, polls: 3, completed: true });
	});

	it('failing checks (502) never fail the order before the timeout: the cancel still runs and refunds', async () => {
		h.sandbox.options.earlyCancelMs = 0;
		const bad = await h.buySms('198');
		const good = await h.buyEmail(150);
		// Every check answers 502 (each one tried 3 times by the transport) until well past the timeout.
		for (let i = 0; i < 90; i++)
			h.sandbox.state.failNext('sms', 'getStatus', { status: 502, body: 'Bad Gateway' });
		const params = [
			sms(bad, { maxFailures: 2, timeout: 0.0025 }),
			{ source: 'email', emailId: good, options: FAST },
		];
		const { received, other } = await h.run(params);
		expect(received).toEqual([expect.objectContaining({ orderId: good })]);
		expect(other).toEqual([
			expect.objectContaining({
				orderId: bad,
				status: 'timedOut',
				refunded: true,
				leftOpen: false,
			}),
		]);
		expect(h.ledger(bad)).toEqual(['purchase', 'refund']);
	});

	it('a cancel that keeps failing is retried, then the order is reported with its id as maybe still open', async () => {
		h.sandbox.options.earlyCancelMs = 0;
		const id = await h.buySms('198');
		for (let i = 0; i < 20; i++)
			h.sandbox.state.failNext('sms', 'setStatus', { status: 503, body: 'Service Unavailable' });
		const error = (await h
			.run(sms(id, { timeout: 0.0025, maxFailures: 3 }))
			.catch((e: unknown) => e)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(
			new RegExp(
				`^Order ${id} may still be open: no code came and the cancel could not be confirmed \\(3 cancel requests failed: .*\\) — check it with SMS Activation → Get Status before cancelling it again$`,
			),
		);
		expect(error.message).not.toMatch(/retry|run again/i);
		expect(h.requestsFor(id, 'setStatus')).toHaveLength(3);
		expect(h.sandbox.state.getActivation(id)?.status).toBe('waiting');
		const flagged = await h.run(sms(id, { timeout: 0.0025, maxFailures: 3 }), {
			continueOnFail: true,
		});
		expect(flagged.other).toEqual([
			expect.objectContaining({ orderId: id, status: 'error', leftOpen: true, code: null }),
		]);
	});

	it("an item without an order id (Get Number's error item) or with bad options fails alone; the error names every order and item", async () => {
		h.sandbox.options.earlyCancelMs = 0;
		const coded = await h.buySms('101', 0);
		const noCode = await h.buySms('198');
		const fromGetNumber = {
			error: 'No numbers available for this service and country right now',
			code: 'NO_NUMBERS',
		};
		const params = [
			sms('', { maxRequestsPerSecond: 0 }),
			{ source: 'sms', options: FAST },
			sms(coded),
			sms(noCode, { timeout: 0.0025 }),
			sms('x', { pollInterval: -1 }),
		];
		const items = [
			{ orderId: 'ignored' },
			fromGetNumber,
			{ orderId: coded },
			{ orderId: noCode },
			{ orderId: 'x' },
		];
		const error = (await h.run(params, { items }).catch((e: unknown) => e)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		// The other orders ran to their end before the error.
		expect(h.sandbox.state.getActivation(coded)?.status).toBe('finished');
		expect(h.ledger(noCode)).toEqual(['purchase', 'refund']);
		expect(error.message).toBe('3 items failed (items 0, 1, 4); item 0: "Order ID" is required');
		expect(error.description).toMatch(
			new RegExp(
				`Orders: ${coded}: code \\d{6} received, completed; ${noCode}: no code within 0.2 s; cancelled and refunded\\.`,
			),
		);
		expect(error.description).toContain('item 0: "Order ID" is required');
		expect(error.description).toContain(
			'item 1: Item 1 has no Order ID: the previous node failed for it ("No numbers available for this service and country right now")',
		);
		expect(error.description).toContain(
			'item 4: "Poll Interval" must be a positive number (got "-1")',
		);

		const flagged = await h.run(params, { items, continueOnFail: true });
		expect(flagged.paired[1]).toEqual([0, 1, 3, 4]);
		expect(flagged.other[1]).toMatchObject({
			orderId: null,
			status: 'error',
			error: expect.stringMatching(/^Item 1 has no Order ID/),
		});
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
		expect(error.description).toMatch(new RegExp(`${coded}: code \\d+ received, completed`));
		expect(error.description).toContain(`${noCode}: no code within 0.2 s; cancelled and refunded`);
		expect(error.description).toContain('nosuchorder: not open at the provider.');
		expect(error.description).toContain('Failed items: item 2: Order not found');
	});

	it('treats a throttled (429) or unreadable status answer as worth another check', async () => {
		const id = await h.buySms('101', 0);
		// Neither is retried inside the transport (not a 5xx), so each costs one check of the five allowed.
		for (let i = 0; i < 2; i++)
			h.sandbox.state.failNext('sms', 'getStatus', {
				status: 429,
				body: '<html>Too Many Requests</html>',
			});
		for (let i = 0; i < 2; i++) h.sandbox.state.failNext('sms', 'getStatus', { body: '' });
		const { received } = await h.run(sms(id));
		expect(received[0]).toMatchObject({ orderId: id, polls: 5, completed: true });
	});

	it('fails at once on an unknown order: an error item under Continue On Fail, else the provider error', async () => {
		const { other } = await h.run(sms('nosuchorder'), { continueOnFail: true });
		expect(other[0]).toMatchObject({
			orderId: 'nosuchorder',
			status: 'error',
			errorCode: 'NO_ACTIVATION',
			polls: 1,
		});
		const error = await h.run(sms('nosuchorder')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(/^Order not found/);
	});

	it('refuses an empty order id or a bad option before sending anything', async () => {
		await expect(h.run(sms(''))).rejects.toThrow('"Order ID" is required');
		await expect(h.run(sms('x', { codePattern: '(' }))).rejects.toThrow(
			'"Code Pattern" is not a valid regular expression',
		);
		await expect(h.run({ source: 'fax', orderId: 'x' })).rejects.toThrow('"Source" must be one of');
		expect(h.sandbox.requests).toEqual([]);
	});
});

describe('Wait for OTP › description', () => {
	const { description } = new OtpGetWaitForOtp();
	const param = (name: string, source: string) =>
		description.properties.find(
			(p) =>
				p.name === name && (!p.displayOptions || p.displayOptions.show?.source?.includes(source)),
		);

	it('reads the previous OTPGet node output by default', () => {
		expect(param('orderId', 'sms')?.default).toBe('={{ $json.orderId }}');
		expect(param('orderId', 'cheap')?.default).toBe('={{ $json.orderId }}');
		expect(param('emailId', 'email')?.default).toBe('={{ $json.emailId }}');
		expect(param('smsOrderId', 'rental')?.default).toBe('={{ $json.smsOrderId }}');
		expect(param('newSmsSince', 'rental')?.default).toBe('');
	});

	it('offers On Stop, leaving orders open unless asked, and says what Max Failed Checks in a Row means now', () => {
		const options = description.properties.find((p) => p.name === 'options')?.options as Array<{
			name: string;
			default?: unknown;
			description?: string;
			options?: Array<{ value: string }>;
		}>;
		const onStop = options.find((o) => o.name === 'onStop');
		expect(onStop?.default).toBe('leave');
		expect(onStop?.options?.map((o) => o.value)).toEqual(['leave', 'cancel']);
		expect(options.find((o) => o.name === 'maxFailures')?.description).toMatch(
			/never end the wait before the timeout/,
		);
	});

	it('has two named outputs, is usable as a tool and tests its credential', () => {
		expect(description).toMatchObject({
			name: 'otpGetWaitForOtp',
			outputs: ['main', 'main'],
			outputNames: ['Received', 'Timed Out / Cancelled'],
			// OTPGet's credential by default (a workflow saved without a Provider), each provider's for its own
			// (and under Each Item's Provider while listed: test/nodes/credentialDisplay.test.ts).
			credentials: [
				{
					name: 'otpGetApi',
					required: true,
					displayOptions: { show: { apiProvider: ['otpget', 'several'] } },
				},
				{
					name: 'otpxApi',
					required: true,
					displayOptions: { show: { apiProvider: ['otpx', 'several'] } },
				},
				{
					name: 'instaOtpApi',
					required: true,
					displayOptions: { show: { apiProvider: ['instaotp', 'several'] } },
				},
				{
					name: 'sastaOtpApi',
					required: true,
					displayOptions: { show: { apiProvider: ['sastaotp', 'several'] } },
				},
			],
		});
		// What a model reads about the tool: one order, free to call, what it returns.
		expect(description.usableAsTool).toMatchObject({
			replacements: { description: expect.stringMatching(/one order.*Free to call.*refunded/s) },
		});
	});
});

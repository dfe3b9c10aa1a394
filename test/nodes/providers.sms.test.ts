/**
 * SMS Activation and Wait for OTP with every provider, over real HTTP against the sandbox speaking that
 * provider's dialect: what is sent (action names, parameter names, status values), what comes back, and the
 * money (ledger) each step moves.
 */
import { DIALECTS, type ProviderId } from '../../protocol/providers';
import { FAST, INDIA, providerHarness } from './providers.harness';

interface Case {
	provider: ProviderId;
	/** What Get Number takes: a service, and the provider-type value (OTPGet type, OTPX operator, InstaOTP server). */
	service: string;
	providerType: string;
	/** The query parameter the provider type travels as. */
	providerParam: string;
	/** The status values sent for cancel and complete (undefined: the provider has none). */
	cancel: string;
	complete?: string;
	another?: string;
	/** A service that can receive a second code (Request Another SMS). */
	multiService?: string;
	currency: string;
}

const CASES: Case[] = [
	{
		provider: 'otpget',
		service: '101',
		providerType: '1',
		providerParam: 'type',
		cancel: '8',
		complete: '6',
		currency: 'PKR',
	},
	{
		provider: 'otpx',
		service: 'tg',
		providerType: 'any',
		providerParam: 'operator',
		cancel: '8',
		another: '3',
		multiService: 'tg',
		currency: 'INR',
	},
	{
		provider: 'instaotp',
		service: 'tg',
		providerType: '2',
		providerParam: 'server',
		cancel: 'cancel',
		complete: 'finish',
		currency: 'INR',
	},
	{
		provider: 'sastaotp',
		service: 'tg',
		providerType: '',
		providerParam: 'operator',
		cancel: '8',
		complete: '6',
		another: '3',
		multiService: 'go',
		currency: 'INR',
	},
];

describe.each(CASES)('$provider', (c) => {
	const h = providerHarness(c.provider);
	const sms = (operation: string, params: Record<string, unknown> = {}) => ({
		resource: 'smsActivation',
		operation,
		...params,
	});
	const getNumber = (service = c.service) =>
		sms('getNumber', { country: INDIA[c.provider], service, providerType: c.providerType });
	const buy = async (service = c.service) => (await h.run(getNumber(service))).json[0];

	it(`Get Balance answers in ${c.currency} under the ${c.provider} credential`, async () => {
		const { json, http } = await h.run({ resource: 'account', operation: 'getBalance' });
		expect(json).toEqual([{ balance: 5000, currency: c.currency, provider: c.provider }]);
		expect(h.sent()).toEqual([
			expect.objectContaining({ path: '/handler_api.php', action: 'getBalance' }),
		]);
		expect(http).toHaveLength(1);
	});

	it('Get Number sends the service code and the provider type under its own name, and charges once', async () => {
		const order = await buy();
		expect(order).toMatchObject({
			orderId: expect.any(String),
			phone: expect.stringMatching(/\d{8,}/),
			service: c.service,
			provider: c.provider,
			currency: c.currency,
		});
		const [request] = h.sent();
		expect(request).toMatchObject({
			action: 'getNumber',
			service: c.service,
			country: INDIA[c.provider],
		});
		if (c.providerType) expect(request[c.providerParam]).toBe(c.providerType);
		expect(h.ledger(String(order.orderId))).toEqual(['purchase']);
	});

	it('Get Status reads waiting, then the code', async () => {
		const { orderId } = await buy();
		const first = (await h.run(sms('getStatus', { orderId }))).json[0];
		expect(first).toMatchObject({ orderId, status: 'waiting', code: null, provider: c.provider });
		const code = h.sandbox.state.deliverSms(String(orderId));
		const second = (await h.run(sms('getStatus', { orderId }))).json[0];
		expect(second).toMatchObject({ orderId, status: 'received', code, provider: c.provider });
	});

	it(`Set Status → Cancel & Refund sends status=${c.cancel} and refunds exactly once`, async () => {
		const { orderId } = await buy();
		const { json } = await h.run(sms('setStatus', { orderId, status: 'cancel' }));
		expect(json[0]).toMatchObject({
			orderId,
			action: 'cancel',
			status: 'cancelled',
			refunded: true,
			provider: c.provider,
		});
		expect(h.requestsFor(String(orderId), 'setStatus').map((r) => r.query.status)).toEqual([
			c.cancel,
		]);
		expect(h.ledger(String(orderId))).toEqual(['purchase', 'refund']);
	});

	if (c.complete) {
		it(`Set Status → Complete sends status=${c.complete} after the code`, async () => {
			const { orderId } = await buy();
			h.sandbox.state.deliverSms(String(orderId));
			const { json } = await h.run(sms('setStatus', { orderId, status: 'complete' }));
			expect(json[0]).toMatchObject({ action: 'complete', status: 'completed', refunded: false });
			expect(h.requestsFor(String(orderId), 'setStatus').map((r) => r.query.status)).toEqual([
				c.complete,
			]);
		});
	} else {
		it('offers no Complete, and refuses one before sending anything', async () => {
			const { orderId } = await buy();
			const before = h.sandbox.requests.length;
			const error = await h.failure(sms('setStatus', { orderId, status: 'complete' }));
			expect(error.message).toMatch(/"Status" must be one of cancel, requestAnotherSms/);
			expect(h.sandbox.requests.length).toBe(before);
		});
	}

	if (c.another) {
		it('Request Another SMS, then Wait for OTP returns the second code, not the first', async () => {
			const { orderId } = await buy(c.multiService);
			const id = String(orderId);
			const firstCode = h.sandbox.state.deliverSms(id, '111111');
			const { json } = await h.run(sms('setStatus', { orderId, status: 'requestAnotherSms' }));
			expect(json[0]).toMatchObject({
				action: 'requestAnotherSms',
				status: 'retrying',
				refunded: false,
			});
			expect(h.requestsFor(id, 'setStatus').map((r) => r.query.status)).toEqual([c.another]);
			// STATUS_WAIT_RETRY:111111 while the next code is due: still waiting.
			const between = (await h.run(sms('getStatus', { orderId }))).json[0];
			expect(between).toMatchObject({ status: 'waiting', lastCode: firstCode });
			setTimeout(() => h.sandbox.state.deliverSms(id, '222222'), 150);
			const { received } = await h.waitFor({
				source: 'sms',
				orderId,
				options: { ...FAST, onSuccess: 'leave' },
			});
			expect(received).toEqual([expect.objectContaining({ orderId, code: '222222' })]);
		});
	}

	it("Wait for OTP gets the code and completes (OTPX: the family's 6, which its document does not list)", async () => {
		const { orderId } = await buy();
		const id = String(orderId);
		setTimeout(() => h.sandbox.state.deliverSms(id, '654321'), 100);
		const { received, other } = await h.waitFor({ source: 'sms', orderId, options: FAST });
		expect(other).toEqual([]);
		expect(received).toEqual([
			expect.objectContaining({
				orderId,
				code: '654321',
				completed: true,
				refunded: false,
			}),
		]);
		expect(h.requestsFor(id, 'setStatus').map((r) => r.query.status)).toEqual([
			c.complete ?? DIALECTS[c.provider].tryComplete,
		]);
	});

	it("Wait for OTP cancels with the provider's own cancel and refunds when no code comes", async () => {
		const { orderId } = await buy('otpget' === c.provider ? '198' : 'nosms');
		const id = String(orderId);
		const { received, other } = await h.waitFor({
			source: 'sms',
			orderId,
			options: { ...FAST, timeout: 0.003 },
		});
		expect(received).toEqual([]);
		expect(other).toEqual([
			expect.objectContaining({ orderId, status: 'timedOut', refunded: true, leftOpen: false }),
		]);
		expect(h.requestsFor(id, 'setStatus').map((r) => r.query.status)).toEqual([c.cancel]);
		expect(h.ledger(id)).toEqual(['purchase', 'refund']);
	});

	it('Wait for OTP keeps polling through EARLY_CANCEL_DENIED, then cancels (whatever the document says about it)', async () => {
		h.sandbox.options.earlyCancelMs = 200;
		const { orderId } = await buy(c.provider === 'otpget' ? '198' : 'nosms');
		const id = String(orderId);
		// The sandbox clock is real time here: the refusal lasts 200 ms.
		h.sandbox.state.failNext('sms', 'setStatus', { body: 'EARLY_CANCEL_DENIED' });
		const { other } = await h.waitFor({
			source: 'sms',
			orderId,
			options: { ...FAST, timeout: 0.003 },
		});
		expect(other).toEqual([
			expect.objectContaining({ orderId, status: 'timedOut', refunded: true }),
		]);
		expect(h.requestsFor(id, 'setStatus').length).toBeGreaterThanOrEqual(2);
		expect(h.ledger(id)).toEqual(['purchase', 'refund']);
	});

	it('does not offer the OTPGet-only sources and resources to other providers', async () => {
		if (c.provider === 'otpget') return;
		const { orderId } = await buy();
		await expect(h.waitFor({ source: 'email', emailId: orderId })).rejects.toThrow(
			`${DIALECTS[c.provider].name} has no "email" orders`,
		);
		await expect(h.run({ resource: 'rental', operation: 'getMyRentals' })).rejects.toThrow(
			`${DIALECTS[c.provider].name} does not offer "Rental"`,
		);
	});
});

/**
 * Issue 17, "Document readings to fix": where a provider's document can be read two ways, the sandbox speaks
 * each reading (sandbox/readings.ts) and the nodes must work against every one, over real HTTP.
 */
import { SastaOtpApi } from '../../credentials/SastaOtpApi.credentials';
import { OtpGet } from '../../nodes/OtpGet/OtpGet.node';
import { TEST_KEY } from '../../sandbox/server';
import { jsonOf, runCredentialTest, runNode } from '../helpers/context';
import { parameter } from './harness';
import { FAST, INDIA, providerHarness, type Params } from './providers.harness';

const sms = (operation: string, params: Params = {}): Params => ({
	resource: 'smsActivation',
	operation,
	...params,
});

type Failure = Error & { description?: string; errorCode?: string; moneyAtRisk?: boolean };

describe('SastaOTP JSON errors in shapes the document does not show (item 2)', () => {
	const h = providerHarness('sastaotp');

	it.each(['error', 'code', 'error_code', 'nested', 'message'] as const)(
		'shape %s: NO_NUMBERS is a refusal (nothing bought, failover may route on it), not an unknown outcome',
		async (shape) => {
			h.sandbox.options.readings.sastaotpErrors = shape;
			const error = (await h.failure(
				sms('getNumber', { country: INDIA.sastaotp, service: 'soldout' }),
			)) as Failure;
			expect(error.errorCode).toBe('NO_NUMBERS');
			expect(error.moneyAtRisk).toBe(false);
			expect(error.message).not.toMatch(/may or may not/);
			expect(h.sandbox.requests.some((r) => r.action === 'getNumber')).toBe(true);
		},
	);
});

describe('InstaOTP statuses: words or numbers (item 1)', () => {
	const h = providerHarness('instaotp');
	const buy = async (service = 'tg') =>
		String(
			(await h.run(sms('getNumber', { country: INDIA.instaotp, service, providerType: '2' })))
				.json[0].orderId,
		);
	const statuses = (id: string) => h.requestsFor(id, 'setStatus').map((r) => r.query.status);

	it('a server that takes only numbers: Cancel & Refund falls back from cancel to 8 and refunds', async () => {
		h.sandbox.options.readings.instaotpStatus = 'numbers';
		const id = await buy();
		const { json } = await h.run(sms('setStatus', { orderId: id, status: 'cancel' }));
		expect(json[0]).toMatchObject({ status: 'cancelled', refunded: true });
		expect(statuses(id)).toEqual(['cancel', '8']);
		expect(h.ledger(id)).toEqual(['purchase', 'refund']);
	});

	it('a server that takes only numbers: Wait for OTP completes with 6 after finish is refused', async () => {
		h.sandbox.options.readings.instaotpStatus = 'numbers';
		const id = await buy();
		setTimeout(() => h.sandbox.state.deliverSms(id, '654321'), 50);
		const { received } = await h.waitFor({ source: 'sms', orderId: id, options: FAST });
		expect(received).toEqual([expect.objectContaining({ code: '654321', completed: true })]);
		expect(statuses(id)).toEqual(['finish', '6']);
	});

	it('a server that takes only numbers: Wait for OTP cancels with 8 and reports the refund', async () => {
		h.sandbox.options.readings.instaotpStatus = 'numbers';
		const id = await buy('nosms');
		const { other } = await h.waitFor({
			source: 'sms',
			orderId: id,
			options: { ...FAST, timeout: 0.003 },
		});
		expect(other).toEqual([
			expect.objectContaining({ status: 'timedOut', refunded: true, leftOpen: false }),
		]);
		expect(statuses(id)).toEqual(['cancel', '8']);
		expect(h.ledger(id)).toEqual(['purchase', 'refund']);
	});

	it('a server that takes only the words: the word alone is sent', async () => {
		h.sandbox.options.readings.instaotpStatus = 'words';
		const id = await buy();
		const { json } = await h.run(sms('setStatus', { orderId: id, status: 'cancel' }));
		expect(json[0]).toMatchObject({ status: 'cancelled', refunded: true });
		expect(statuses(id)).toEqual(['cancel']);
	});

	it('BAD_STATUS to both forms is a refusal of the status, never "the code already arrived"', async () => {
		const id = await buy();
		h.sandbox.state.deliverSms(id, '111111');
		const error = (await h.failure(sms('setStatus', { orderId: id, status: 'cancel' }))) as Failure;
		expect(error.message).not.toMatch(/code already arrived/);
		expect(error.message).toMatch(/refused the status in both forms \(cancel, then 8\)/);
		expect(statuses(id)).toEqual(['cancel', '8']);
	});

	it('ACCESS_CANCEL in getStatus (its answer table) reads as cancelled', async () => {
		h.sandbox.options.readings.instaotpCancelWord = 'ACCESS_CANCEL';
		const id = await buy();
		await h.run(sms('setStatus', { orderId: id, status: 'cancel' }));
		const { json } = await h.run(sms('getStatus', { orderId: id }));
		expect(json[0]).toMatchObject({ status: 'cancelled' });
		const { other } = await h.waitFor({ source: 'sms', orderId: id, options: FAST });
		expect(other).toEqual([expect.objectContaining({ status: 'cancelled' })]);
	});
});

describe('SastaOTP STATUS_CANCEL is auto-refunded per its document (item 3)', () => {
	const h = providerHarness('sastaotp');

	it('Wait for OTP reports refunded: true for an order that expired at SastaOTP', async () => {
		const { json } = await h.run(sms('getNumber', { country: INDIA.sastaotp, service: 'nosms' }));
		const id = String(json[0].orderId);
		// Past expires_in: SastaOTP cancels it and refunds the wallet ("Auto-refund on STATUS_CANCEL").
		h.sandbox.state.clock.advance(21 * 60_000);
		const { other } = await h.waitFor({ source: 'sms', orderId: id, options: FAST });
		expect(other).toEqual([
			expect.objectContaining({
				status: 'cancelled',
				refunded: true,
				reason: expect.stringMatching(/refunded it, as its document says/),
			}),
		]);
		expect(h.ledger(id)).toEqual(['purchase', 'refund']);
		expect(h.requestsFor(id, 'setStatus')).toEqual([]);
	});
});

describe('OTPX Complete and InstaOTP inactive server 10 (item 9)', () => {
	describe('OTPX', () => {
		const h = providerHarness('otpx');
		const buy = async () =>
			String(
				(await h.run(sms('getNumber', { country: INDIA.otpx, service: 'tg', providerType: 'any' })))
					.json[0].orderId,
			);

		it("Wait for OTP tries the family's 6 to complete, and reports it done where OTPX takes it", async () => {
			const id = await buy();
			setTimeout(() => h.sandbox.state.deliverSms(id, '654321'), 50);
			const { received } = await h.waitFor({ source: 'sms', orderId: id, options: FAST });
			expect(received).toEqual([expect.objectContaining({ code: '654321', completed: true })]);
			expect(h.requestsFor(id, 'setStatus').map((r) => r.query.status)).toEqual(['6']);
		});

		it('a server that takes only the documented 3 and 8: the refusal is reported in the item', async () => {
			h.sandbox.options.readings.otpxComplete = 'documented';
			const id = await buy();
			setTimeout(() => h.sandbox.state.deliverSms(id, '654321'), 50);
			const { received } = await h.waitFor({ source: 'sms', orderId: id, options: FAST });
			expect(received).toEqual([
				expect.objectContaining({
					code: '654321',
					completed: false,
					completeError: expect.stringMatching(
						/OTPX refused to complete with status 6 \(BAD_STATUS\).*closes on its own/,
					),
				}),
			]);
		});
	});

	describe('InstaOTP', () => {
		const h = providerHarness('instaotp');

		it('server 10 (Inactive in its document): choose another server, not "retrying later may succeed"', async () => {
			const error = (await h.failure(
				sms('getNumber', { country: INDIA.instaotp, service: 'tg', providerType: '10' }),
			)) as Failure;
			expect(error.message).toMatch(/server 10, which its document lists as Inactive/);
			expect(error.message).toMatch(/choose another server \(1, 2, 3, 4, 5, 6, 7, 8, 9\)/);
			expect(error.description).not.toMatch(/Retrying later may succeed/);
			expect(error.moneyAtRisk).toBe(false);
		});
	});
});

describe('19-digit ids sent as bare JSON numbers (item 5)', () => {
	const h = providerHarness('otpget');

	it('a rental whose order_id comes unquoted keeps it exact, so its SMS can be fetched', async () => {
		h.sandbox.options.readings.bareBigIds = true;
		const rented = (
			await h.run({
				resource: 'rental',
				operation: 'rentNumber',
				countryCode: 'ca',
				provider: '2',
				durationHours: '720',
			})
		).json[0];
		const id = String(rented.smsOrderId);
		expect(id).toMatch(/^\d{19}$/);
		expect(h.sandbox.state.findRental(id)).toBeDefined();
		// An id rounded by JSON.parse is "Order not found or access denied." here.
		const { json } = await h.run({ resource: 'rental', operation: 'getSms', smsOrderId: id });
		expect(json).toEqual([]);
		const mine = await h.run({ resource: 'rental', operation: 'getMyRentals' });
		expect(mine.json.map((r) => r.smsOrderId)).toContain(id);
	});
});

describe('OTPGet details (item 7)', () => {
	const h = providerHarness('otpget');
	const buy = async (service = '101') =>
		String(
			(await h.run(sms('getNumber', { country: INDIA.otpget, service, providerType: '1' }))).json[0]
				.orderId,
		);

	it('a bare BLOCKED to Set Status is its documented refusal, not an unexpected answer', async () => {
		const id = await buy();
		h.sandbox.state.failNext('sms', 'setStatus', { body: 'BLOCKED' });
		const error = (await h.failure(sms('setStatus', { orderId: id, status: 'cancel' }))) as Failure;
		expect(error.errorCode).toBe('BLOCKED');
		expect(error.message).toMatch(/^OTPGet refused the status change: BLOCKED/);
	});

	it('"ACCESS_READY Balance refunded" on one line confirms the cancel', async () => {
		h.sandbox.options.cancelAnswer = 'ACCESS_READY Balance refunded';
		const id = await buy();
		const { json } = await h.run(sms('setStatus', { orderId: id, status: 'cancel' }));
		expect(json[0]).toMatchObject({ status: 'cancelled', refunded: true });
		expect(h.ledger(id)).toEqual(['purchase', 'refund']);
	});

	it("Rent Number's notice does not contradict the credential's Time Zone", () => {
		expect(parameter('rental', 'rentNumber', 'purchaseNotice')?.displayName).not.toMatch(
			/Times are UTC/,
		);
		expect(parameter('rental', 'rentNumber', 'purchaseNotice')?.displayName).toMatch(
			/credential's Time Zone/,
		);
	});

	it('Email\'s 500 "Database error. Email cancelled." leaves the charge unknown and says how to check', async () => {
		h.sandbox.state.failNext('email', 'buyEmail', {
			status: 500,
			body: JSON.stringify({ status: '500', message: 'Database error. Email cancelled.' }),
		});
		const error = (await h.failure({
			resource: 'email',
			operation: 'buyEmail',
			domain: 'gmail.com',
			serviceId: 'ig',
		})) as Failure;
		expect(error.message).not.toMatch(/balance was not deducted/);
		expect(error.message).toMatch(/whether you were charged is unknown/);
		expect(error.moneyAtRisk).toBe(true);
	});
});

describe('a Max Price kept after switching to OTPX, whose price is unknown (item 8)', () => {
	const h = providerHarness('otpx');

	it('is not ignored: the purchase is refused before any request, naming Max Price', async () => {
		const error = (await h.failure(
			sms('getNumber', {
				country: INDIA.otpx,
				service: 'tg',
				providerType: 'any',
				spendLimits: { maxPrice: 20 },
			}),
		)) as Failure;
		expect(error.message).toMatch(/Max Price/);
		expect(h.sandbox.requests.filter((r) => r.action === 'getNumber')).toHaveLength(0);
	});
});

describe('a lost SastaOTP Get Number answer is looked up in getOrders (item 4)', () => {
	const h = providerHarness('sastaotp');
	const getNumber = (service = 'tg') => sms('getNumber', { country: INDIA.sastaotp, service });

	it('finds the one new order of the same service, country and price, created after the request started', async () => {
		// Another order of the same service, bought ten minutes before ours: never taken for ours.
		h.sandbox.state.clock.set(Date.now() - 10 * 60_000);
		const before = String((await h.run(getNumber())).json[0].orderId);
		h.sandbox.state.clock.set(Date.now());
		h.sandbox.state.faults.faultNext('sms', 'getNumber', 'reset-after');
		const { json } = await h.run(getNumber());
		const bought = [...h.sandbox.state.activations.values()].filter((o) => o.id !== before);
		expect(bought).toHaveLength(1);
		expect(json[0]).toMatchObject({
			orderId: bought[0].id,
			phone: bought[0].phone,
			reconciled: true,
			note: expect.stringMatching(/found in SMS Activation → Get Orders/),
			price: 18.5,
		});
		expect(h.sandbox.requests.filter((r) => r.action === 'getOrders')).toHaveLength(1);
	});

	it('reports, never guesses, when no new order matches exactly (another service)', async () => {
		await h.run(sms('getNumber', { country: INDIA.sastaotp, service: 'ig' }));
		h.sandbox.state.faults.faultNext('sms', 'getNumber', 'reset-before');
		const error = (await h.failure(getNumber())) as Failure;
		expect(error.message).toMatch(/may or may not have gone through/);
		expect(error.description).toMatch(
			/No new order in SMS Activation → Get Orders matches this one exactly/,
		);
	});
});

describe('SastaOTP key placement: Send Key As (item 6)', () => {
	const h = providerHarness('sastaotp');
	const balance = async (sendKeyAs?: 'header' | 'query') =>
		await runNode(new OtpGet(), {
			params: { apiProvider: 'sastaotp', resource: 'account', operation: 'getBalance' },
			credentials: { apiKey: TEST_KEY, baseUrl: h.sandbox.url, sendKeyAs },
			credentialType: 'sastaOtpApi',
		});
	const credentialTest = async (sendKeyAs: 'header' | 'query') =>
		await runCredentialTest(new SastaOtpApi(), {
			id: '1',
			name: 'SastaOTP',
			type: 'sastaOtpApi',
			data: { apiKey: TEST_KEY, baseUrl: h.sandbox.url, sendKeyAs },
		});

	it('Query (api_key) reaches a server that reads only the query; the header is not sent', async () => {
		h.sandbox.options.readings.sastaotpKeyIn = 'query';
		const { output, http } = await balance('query');
		expect(jsonOf(output)[0]).toMatchObject({ balance: 5000, currency: 'INR' });
		expect(http[0].qs.api_key).toBe(TEST_KEY);
		expect(http[0].headerNames ?? []).not.toContain('X-API-Key');
	});

	it('Header (the default) keeps the key out of the URL', async () => {
		h.sandbox.options.readings.sastaotpKeyIn = 'header';
		const { output, http } = await balance();
		expect(jsonOf(output)[0]).toMatchObject({ balance: 5000 });
		expect(h.keyInUrl(http)).toBe(false);
	});

	it('the credential test checks the chosen way', async () => {
		h.sandbox.options.readings.sastaotpKeyIn = 'query';
		expect(await credentialTest('query')).toMatchObject({ status: 'OK' });
		expect(await credentialTest('header')).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Invalid API key/),
		});
	});
});

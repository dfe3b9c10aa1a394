/**
 * What only some providers have (lists with price and stock, Max Price, order history, a new code on the same
 * number), the credentials' declarative tests against each dialect, the SastaOTP key kept out of URLs, and an
 * OTPGet workflow saved before the Provider field existed.
 */
process.env.TZ = 'Asia/Karachi';

import type { ICredentialType } from 'n8n-workflow';

import { InstaOtpApi } from '../../credentials/InstaOtpApi.credentials';
import { OtpxApi } from '../../credentials/OtpxApi.credentials';
import { SastaOtpApi } from '../../credentials/SastaOtpApi.credentials';
import { OtpGet } from '../../nodes/OtpGet/OtpGet.node';
import type { OtpGetV1 } from '../../nodes/OtpGet/v1/OtpGetV1';
import { BLOCKED_KEY, INACTIVE_KEY, startSandbox, TEST_KEY } from '../../sandbox/server';
import { createContext, runCredentialTest, runNode } from '../helpers/context';
import { INDIA, providerHarness } from './providers.harness';

const sms = (operation: string, params: Record<string, unknown> = {}) => ({
	resource: 'smsActivation',
	operation,
	...params,
});
const v1 = () => new OtpGet().nodeVersions[1] as OtpGetV1;

describe('SastaOTP', () => {
	const h = providerHarness('sastaotp');

	it('sends the key in a header only: no api_key in any URL, and the answer proves it arrived', async () => {
		const { json, http } = await h.run({ resource: 'account', operation: 'getBalance' });
		expect(json[0]).toMatchObject({ balance: 5000 });
		expect(h.keyInUrl(http)).toBe(false);
		expect(http[0].headerNames).toContain('X-API-Key');
		expect(h.sandbox.requests[0].query.api_key).toBeUndefined();
	});

	it('Max Price below the listed price: refused before buying; at the price it buys, and SastaOTP gets its own maxPrice', async () => {
		const tooLow = await h.failure(
			sms('getNumber', { country: INDIA.sastaotp, service: 'tg', spendLimits: { maxPrice: 10 } }),
		);
		expect(tooLow.message).toBe(
			'Price 18.50 INR is above the Max Price of 10 INR — nothing was bought',
		);
		expect(h.sandbox.requests.map((r) => r.action)).toEqual(['getServicesList']);
		expect(h.sandbox.state.ledger(TEST_KEY)).toEqual([]);
		const { json } = await h.run(
			sms('getNumber', { country: INDIA.sastaotp, service: 'tg', spendLimits: { maxPrice: 18.5 } }),
		);
		expect(json[0]).toMatchObject({
			price: 18.5,
			currency: 'INR',
			provider: 'sastaotp',
			expiresInSeconds: 1200,
		});
		expect(h.sandbox.requests.find((r) => r.action === 'getNumber')?.query).toMatchObject({
			maxPrice: '18.5',
			format: 'json',
		});
	});

	it('a price rise between the read and the purchase: SastaOTP refuses with MAX_PRICE_EXCEEDED itself, nothing charged', async () => {
		h.sandbox.state.failNext('sms', 'getNumber', {
			body: '{"status":"error","error":"MAX_PRICE_EXCEEDED","message":"Price is higher than your Max Price"}',
		});
		const error = await h.failure(
			sms('getNumber', { country: INDIA.sastaotp, service: 'tg', spendLimits: { maxPrice: 20 } }),
		);
		expect(error.message).toMatch(/Max Price/);
		expect(h.sandbox.state.ledger(TEST_KEY)).toEqual([]);
	});

	it('Get Number without a country lets SastaOTP choose', async () => {
		const { json } = await h.run(sms('getNumber', { country: '', service: 'ig' }));
		expect(json[0]).toMatchObject({ orderId: expect.any(String), country: expect.any(String) });
		expect(h.sandbox.requests.find((r) => r.action === 'getNumber')?.query.country).toBeUndefined();
	});

	it('Get Services and Get Countries, and the dropdowns show price and stock in the chosen country', async () => {
		const services = (await h.run(sms('getServices', { serviceFilter: 'tg' }))).json;
		expect(services).toEqual([
			expect.objectContaining({
				id: 'tg',
				price: 18.5,
				currency: 'INR',
				stock: expect.any(Number),
				provider: 'sastaotp',
			}),
		]);
		expect(h.sandbox.requests[0].query).toMatchObject({ action: 'getServicesList', service: 'tg' });
		const countries = (await h.run(sms('getCountries'))).json;
		expect(countries).toContainEqual(
			expect.objectContaining({ id: '91', name: 'India', provider: 'sastaotp' }),
		);
		const { loadOptions } = createContext({
			params: { apiProvider: 'sastaotp', country: '44' },
			credentials: { apiKey: TEST_KEY, baseUrl: h.sandbox.url },
			credentialType: 'sastaOtpApi',
		});
		const options = await v1().methods.loadOptions.getSmsServices.call(loadOptions);
		// UK adds 10 INR to Telegram's 18.50.
		expect(options).toContainEqual({
			name: expect.stringMatching(/^Telegram — 28\.5 INR \(\d+ in stock\)$/),
			value: 'tg',
		});
		const countryOptions = await v1().methods.loadOptions.getSmsCountries.call(loadOptions);
		expect(countryOptions[0]).toEqual({ name: 'Any Country (SastaOTP Chooses)', value: '' });
	});

	it('Get Orders lists the history with its filters, newest first', async () => {
		await h.run(sms('getNumber', { country: '91', service: 'tg' }));
		const second = (await h.run(sms('getNumber', { country: '91', service: 'ig' }))).json[0];
		await h.run(sms('setStatus', { orderId: second.orderId, status: 'cancel' }));
		const all = (await h.run(sms('getOrders', { limit: 10, page: 1 }))).json;
		expect(all.map((o) => o.orderId)).toEqual([second.orderId, expect.any(String)]);
		expect(all[0]).toMatchObject({ provider: 'sastaotp', currency: 'INR', status: 'cancelled' });
		const cancelled = (
			await h.run(sms('getOrders', { limit: 10, page: 1, orderStatus: 'cancelled' }))
		).json;
		expect(cancelled.map((o) => o.orderId)).toEqual([second.orderId]);
		expect(h.sandbox.requests.at(-1)?.query).toMatchObject({
			action: 'getOrders',
			limit: '10',
			page: '1',
			status: 'cancelled',
		});
	});

	it('New Code on Same Number buys a new order on a completed multi-SMS number', async () => {
		const first = (await h.run(sms('getNumber', { country: '91', service: 'go' }))).json[0];
		h.sandbox.state.deliverSms(String(first.orderId));
		await h.run(sms('setStatus', { orderId: first.orderId, status: 'complete' }));
		const again = (await h.run(sms('regetNumber', { orderId: first.orderId }))).json[0];
		expect(again).toMatchObject({
			orderId: expect.any(String),
			phone: first.phone,
			previousOrderId: first.orderId,
			provider: 'sastaotp',
		});
		expect(again.orderId).not.toBe(first.orderId);
		expect(h.sandbox.state.ledger(TEST_KEY).map((e) => e.kind)).toEqual(['purchase', 'purchase']);
	});

	it('New Code on Same Number is a purchase under the spend guard: beyond Max Purchases it is refused before any request', async () => {
		const first = (await h.run(sms('getNumber', { country: '91', service: 'go' }))).json[0];
		h.sandbox.state.deliverSms(String(first.orderId));
		await h.run(sms('setStatus', { orderId: first.orderId, status: 'complete' }));
		const reget = sms('regetNumber', { orderId: first.orderId, spendLimits: { maxPurchases: 1 } });
		const { json } = await h.run([reget, reget], { continueOnFail: true });
		expect(json[0]).toMatchObject({ previousOrderId: first.orderId });
		expect(String(json[1].error)).toMatch(
			/^Budget reached: this execution may make at most 1 purchase/,
		);
		expect(h.sandbox.requests.filter((r) => r.action === 'regetNumber')).toHaveLength(1);
		expect(h.sandbox.state.ledger(TEST_KEY).map((e) => e.kind)).toEqual(['purchase', 'purchase']);
	});
});

describe('InstaOTP', () => {
	const h = providerHarness('instaotp');

	it('Get Services lists every server with price and stock; the dropdown filters by server', async () => {
		const services = (await h.run(sms('getServices', { country: '22', providerType: '' }))).json;
		expect(services).toContainEqual(
			expect.objectContaining({
				id: 'vk',
				price: 3.12,
				stock: expect.any(Number),
				providerType: '1',
				provider: 'instaotp',
			}),
		);
		const { loadOptions } = createContext({
			params: { apiProvider: 'instaotp', country: '22', providerType: '2' },
			credentials: { apiKey: TEST_KEY, baseUrl: h.sandbox.url },
			credentialType: 'instaOtpApi',
		});
		const options = await v1().methods.loadOptions.getSmsServices.call(loadOptions);
		expect(options).toContainEqual({
			name: expect.stringMatching(/^Telegram — 19 INR \(\d+ in stock\)$/),
			value: 'tg',
		});
		expect(h.sandbox.requests.at(-1)?.query).toMatchObject({
			action: 'getService',
			country: '22',
			server: '2',
		});
	});

	it('takes string service codes, and refuses a mapped name before buying', async () => {
		const error = await h.failure(
			sms('getNumber', { country: '22', service: 'Tele gram', providerType: '1' }),
		);
		expect(error.message).toMatch(/"Service" must be a service code such as tg or wa/);
		expect(h.sandbox.requests).toEqual([]);
	});
});

describe('each credential rejects a bad key through its own answer forms', () => {
	const cases: Array<
		[string, ICredentialType, 'otpx' | 'instaotp' | 'sastaotp', string | undefined]
	> = [
		['otpxApi', new OtpxApi(), 'otpx', BLOCKED_KEY],
		['instaOtpApi', new InstaOtpApi(), 'instaotp', undefined],
		['sastaOtpApi', new SastaOtpApi(), 'sastaotp', INACTIVE_KEY],
	];
	it.each(cases)('%s', async (name, type, provider, refusedKey) => {
		const sandbox = await startSandbox({ provider });
		try {
			const check = (apiKey: string) =>
				runCredentialTest(type, {
					id: '1',
					name,
					type: name,
					data: { apiKey, baseUrl: sandbox.url },
				});
			expect(await check(TEST_KEY)).toEqual({ status: 'OK', message: 'Connection successful!' });
			const bad = await check('wrong-key-42');
			expect(bad).toEqual({ status: 'Error', message: expect.stringMatching(/^Invalid API key/) });
			expect(JSON.stringify(bad)).not.toContain('wrong-key-42');
			expect((await check('')).status).toBe('Error');
			if (refusedKey)
				expect((await check(refusedKey)).message).toMatch(/banned|suspended|disabled/i);
		} finally {
			await sandbox.close();
		}
	});
});

describe('an OTPGet workflow saved before the Provider field', () => {
	const h = providerHarness('otpget');

	it('runs unchanged: same parameters, OTPGet credential, OTPGet request', async () => {
		const { json } = await h.run(
			sms('getNumber', { providerType: '1', country: '61', service: '101' }),
			{ provider: null },
		);
		expect(json[0]).toMatchObject({
			orderId: expect.any(String),
			country: '61',
			service: '101',
			providerType: '1',
			provider: 'otpget',
			currency: 'PKR',
		});
		expect(h.sent()).toEqual([
			{
				path: '/handler_api.php',
				action: 'getNumber',
				service: '101',
				country: '61',
				type: '1',
				api_key: TEST_KEY,
			},
		]);
	});

	it('Email Get Balance reads the wallet through email_handler.php', async () => {
		const { json } = await h.run(
			{ resource: 'email', operation: 'getBalance' },
			{ provider: null },
		);
		expect(json).toEqual([{ balance: 5000, currency: 'PKR', provider: 'otpget', api: 'email' }]);
		expect(h.sent()).toEqual([
			expect.objectContaining({ path: '/email_handler.php', action: 'getBalance' }),
		]);
	});
});

describe("the OTPGet credential's Time Zone (tests run under TZ=Asia/Karachi)", () => {
	const h = providerHarness('otpget');
	const rentalsWith = async (timeZone?: string) => {
		const { output } = await runNode(new OtpGet(), {
			params: {
				resource: 'rental',
				operation: 'getMyRentals',
				rentalStatus: 'all',
				expiringWithinHours: 0,
			},
			credentials: {
				apiKey: TEST_KEY,
				baseUrl: h.sandbox.url,
				...(timeZone === undefined ? {} : { timeZone }),
			},
			credentialType: 'otpGetApi',
		});
		return output[0].map((i) => i.json);
	};

	it('reads zone-less expiry times in the credential zone, UTC by default, whatever the server TZ', async () => {
		expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(-300);
		await h.run(
			{
				resource: 'rental',
				operation: 'rentNumber',
				countryCode: 'ca',
				provider: '2',
				durationHours: '720',
			},
			{ provider: null },
		);
		const [utc] = await rentalsWith();
		const [karachi] = await rentalsWith('Asia/Karachi');
		const wall = String(utc.expiryTime).replace(' ', 'T');
		expect(utc.expiresAt).toBe(new Date(`${wall}Z`).toISOString());
		expect(karachi.expiresAt).toBe(new Date(`${wall}+05:00`).toISOString());
		expect(Number(utc.hoursLeft) - Number(karachi.hoursLeft)).toBeCloseTo(5, 1);
	});

	it('refuses an unknown zone before anything is bought', async () => {
		await expect(rentalsWith('Mars/Olympus')).rejects.toThrow(
			/Time Zone "Mars\/Olympus" is not a known time zone/,
		);
		expect(h.sandbox.requests).toEqual([]);
	});
});

import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { OtpGet } from '../../nodes/OtpGet/OtpGet.node';
import { BLOCKED_KEY, EMPTY_KEY, startSandbox, TEST_KEY, type Sandbox } from '../../sandbox/server';
import { jsonOf, runNode } from '../helpers/context';

const node = new OtpGet();
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ otpDelayMs: 20_000, earlyCancelMs: 120_000 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.state.reset();
	sandbox.requests.length = 0;
});

const creds = (apiKey = TEST_KEY) => ({ apiKey, baseUrl: sandbox.url });
const sms = (operation: string, params: Record<string, unknown> = {}) => ({
	resource: 'smsActivation',
	operation,
	...params,
});
// Get Number reads the service's listed price first (its cost, Max Price); spendGuard.test.ts tests that read.
const sent = (): Array<Record<string, string>> =>
	sandbox.requests
		.filter((r, i, all) => !(r.action === 'getServices' && all[i + 1]?.action === 'getNumber'))
		.map((r) => ({ path: r.path, ...r.query }));

async function run(
	params: Record<string, unknown> | Array<Record<string, unknown>>,
	extra: { apiKey?: string; continueOnFail?: boolean; items?: number } = {},
) {
	const items = Array.from(
		{ length: extra.items ?? (Array.isArray(params) ? params.length : 1) },
		(_, i) => ({ json: { i } }),
	);
	return await runNode(node, {
		params,
		items,
		credentials: creds(extra.apiKey),
		continueOnFail: extra.continueOnFail,
	});
}

async function failure(
	params: Record<string, unknown>,
	apiKey?: string,
): Promise<NodeApiError | NodeOperationError> {
	try {
		await run(params, { apiKey });
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the node to fail');
}

describe('Account › Get Balance', () => {
	it('returns the wallet balance, sending action=getBalance with the key from the credential', async () => {
		const { output } = await run({ resource: 'account', operation: 'getBalance' });
		expect(jsonOf(output)).toEqual([{ balance: 5000, currency: 'PKR', provider: 'otpget' }]);
		expect(sent()).toEqual([{ path: '/handler_api.php', action: 'getBalance', api_key: TEST_KEY }]);
	});

	it('maps a wrong key to a clear error that does not contain the key', async () => {
		const error = await failure(
			{ resource: 'account', operation: 'getBalance' },
			'wrong-secret-key-123',
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/Invalid API key/);
		expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain(
			'wrong-secret-key-123',
		);
	});

	it('maps a blocked account', async () => {
		const error = await failure({ resource: 'account', operation: 'getBalance' }, BLOCKED_KEY);
		expect(error.message).toMatch(/Account blocked/);
	});
});

describe('SMS Activation', () => {
	it('Get Countries returns one item per country of the provider type', async () => {
		const { output } = await run(sms('getCountries', { providerType: '2' }));
		const countries = jsonOf(output);
		expect(sent()).toEqual([
			{ path: '/handler_api.php', action: 'getCountries', type: '2', api_key: TEST_KEY },
		]);
		expect(countries.length).toBeGreaterThan(1);
		expect(countries).toContainEqual({
			id: '61',
			name: 'Pakistan',
			providerType: '2',
			provider: 'otpget',
			currency: 'PKR',
		});
		expect(output[0].every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Get Services parses "Telegram - 45 PKR" into name, price and currency', async () => {
		const { output } = await run(sms('getServices', { providerType: '1', country: '61' }));
		expect(sent()).toEqual([
			{
				path: '/handler_api.php',
				action: 'getServices',
				country: '61',
				type: '1',
				api_key: TEST_KEY,
			},
		]);
		expect(jsonOf(output)).toContainEqual({
			id: '101',
			name: 'Telegram',
			price: 45,
			currency: 'PKR',
			country: '61',
			providerType: '1',
			provider: 'otpget',
		});
	});

	it('Get Number buys one number per input item and charges each once', async () => {
		const { output } = await run([
			sms('getNumber', { providerType: '1', country: '61', service: '101' }),
			sms('getNumber', { providerType: '1', country: '61', service: '102' }),
			sms('getNumber', { providerType: '2', country: '21', service: '101' }),
		]);
		const orders = jsonOf(output);
		expect(orders).toHaveLength(3);
		expect(orders.map((o) => o.service)).toEqual(['101', '102', '101']);
		expect(output[0].map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		for (const order of orders) {
			expect(order).toMatchObject({
				orderId: expect.any(String),
				phone: expect.stringMatching(/^\d{9,13}$/),
				source: 'smsActivation',
			});
			expect(sandbox.state.getActivation(String(order.orderId))).toBeDefined();
		}
		expect(sent().map((r) => [r.action, r.service, r.country, r.type])).toEqual([
			['getNumber', '101', '61', '1'],
			['getNumber', '102', '61', '1'],
			['getNumber', '101', '21', '2'],
		]);
		// 45 + 60 (Pakistan, type 1) + 45 + 5 (India surcharge) + 5 (type 2)
		expect(sandbox.state.balance(TEST_KEY)).toBe(5000 - 45 - 60 - 55);
		expect(sandbox.state.ledger(TEST_KEY).filter((e) => e.kind === 'purchase')).toHaveLength(3);
	});

	it('Get Status reports waiting, then the received code', async () => {
		const { output: bought } = await run(
			sms('getNumber', { providerType: '1', country: '61', service: '101' }),
		);
		const orderId = String(jsonOf(bought)[0].orderId);
		const first = jsonOf((await run(sms('getStatus', { orderId }))).output)[0];
		expect(first).toEqual({
			orderId,
			status: 'waiting',
			code: null,
			provider: 'otpget',
			currency: 'PKR',
		});
		sandbox.clock.advance(21_000);
		const second = jsonOf((await run(sms('getStatus', { orderId }))).output)[0];
		expect(second).toEqual({
			orderId,
			status: 'received',
			code: expect.stringMatching(/^\d{4,8}$/),
			provider: 'otpget',
			currency: 'PKR',
		});
		expect(sandbox.requests.at(-1)?.query).toMatchObject({ action: 'getStatus', id: orderId });
	});

	it('with only the resource and operation set, uses the declared defaults: Order ID = {{ $json.orderId }} of each item', async () => {
		const ids: string[] = [];
		for (const service of ['101', '102']) {
			ids.push(
				String(jsonOf((await run(sms('getNumber', { country: '61', service }))).output)[0].orderId),
			);
		}
		// Provider Type was not given: its default (Provider 1) was sent.
		expect(
			sandbox.requests.filter((r) => r.action === 'getNumber').map((r) => r.query.type),
		).toEqual(['1', '1']);
		const { output } = await runNode(node, {
			params: sms('getStatus'),
			items: ids.map((orderId) => ({ json: { orderId } })),
			credentials: creds(),
		});
		expect(jsonOf(output).map((o) => o.orderId)).toEqual(ids);
		expect(sandbox.requests.filter((r) => r.action === 'getStatus').map((r) => r.query.id)).toEqual(
			ids,
		);
	});

	it('Set Status › Complete sends status=6 and finishes; before the code it explains why not', async () => {
		const orderId = String(
			jsonOf(
				(await run(sms('getNumber', { providerType: '1', country: '61', service: '101' }))).output,
			)[0].orderId,
		);
		const early = await failure(sms('setStatus', { orderId, status: 'complete' }));
		expect(early.message).toMatch(/No SMS received yet/);
		sandbox.state.deliverSms(orderId, '123456');
		const done = jsonOf((await run(sms('setStatus', { orderId, status: 'complete' }))).output)[0];
		expect(done).toEqual({
			orderId,
			action: 'complete',
			status: 'completed',
			refunded: false,
			provider: 'otpget',
			currency: 'PKR',
		});
		expect(sandbox.requests.at(-1)?.query).toMatchObject({
			action: 'setStatus',
			id: orderId,
			status: '6',
		});
		const again = await failure(sms('setStatus', { orderId, status: 'complete' }));
		expect(again.message).toMatch(/already changed/);
	});

	it('Set Status › Cancel & Refund is refused for 2 minutes, then refunds exactly once', async () => {
		const orderId = String(
			jsonOf(
				(await run(sms('getNumber', { providerType: '1', country: '61', service: '198' }))).output,
			)[0].orderId,
		);
		const afterBuy = sandbox.state.balance(TEST_KEY);
		const early = await failure(sms('setStatus', { orderId, status: 'cancel' }));
		expect(early.message).toMatch(/first 2 minutes/);
		expect(early.description).toMatch(/EARLY_CANCEL_DENIED/);
		sandbox.clock.advance(121_000);
		const cancelled = jsonOf(
			(await run(sms('setStatus', { orderId, status: 'cancel' }))).output,
		)[0];
		expect(cancelled).toEqual({
			orderId,
			action: 'cancel',
			status: 'cancelled',
			refunded: true,
			provider: 'otpget',
			currency: 'PKR',
		});
		expect(sandbox.requests.at(-1)?.query).toMatchObject({
			action: 'setStatus',
			id: orderId,
			status: '8',
		});
		expect(sandbox.state.balance(TEST_KEY)).toBe(afterBuy + 10);
		const status = jsonOf((await run(sms('getStatus', { orderId }))).output)[0];
		expect(status.status).toBe('cancelled');
		await failure(sms('setStatus', { orderId, status: 'cancel' }));
		expect(sandbox.state.balance(TEST_KEY)).toBe(afterBuy + 10);
	});

	it('No balance: a clear "top up" error and nothing charged', async () => {
		const error = await failure(
			sms('getNumber', { providerType: '1', country: '61', service: '101' }),
			EMPTY_KEY,
		);
		expect(error.message).toBe('Insufficient balance — top up your OTPGet wallet, then run again');
		expect(sandbox.state.ledger(EMPTY_KEY)).toHaveLength(0);
	});

	it.each([
		['getNumber', { providerType: '1', country: '61', service: '777' }, /Service not found/],
		['getNumber', { providerType: '1', country: '999', service: '101' }, /Country not found/],
		['getNumber', { providerType: '1', country: '61', service: '199' }, /No numbers available/],
		['getStatus', { orderId: 'does-not-exist' }, /Order not found/],
	])('%s maps the provider error (%o)', async (operation, params, message) => {
		const error = await failure(sms(operation, params));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(message);
	});

	it.each([
		['ERROR_PROVIDER_2:upstream timeout', /upstream provider.*\(upstream timeout\)/],
		['NO_BALANCE_FOR_NEW_PRICE:55.00', /cancelled automatically.*\(55.00\)/],
		['ERROR_PRICE_CHANGE', /nothing was charged/],
		['BAD_TYPE', /Invalid provider type/],
		['\uFEFFNO_NUMBERS\r\n', /No numbers available/],
	])('getNumber answering %j is a clear error and is not retried', async (body, message) => {
		sandbox.state.failNext('sms', 'getNumber', { body });
		const error = await failure(
			sms('getNumber', { providerType: '1', country: '61', service: '101' }),
		);
		expect(error.message).toMatch(message);
		expect(sandbox.requests.filter((r) => r.action === 'getNumber')).toHaveLength(1);
	});

	it('never retries a purchase after a 5xx, but retries a read-only call', async () => {
		sandbox.state.failNext('sms', 'getNumber', { status: 502, body: 'Bad Gateway' });
		const error = await failure(
			sms('getNumber', { providerType: '1', country: '61', service: '101' }),
		);
		expect(error.message).toMatch(/server error \(HTTP 502\)/i);
		expect(sandbox.requests.filter((r) => r.action === 'getNumber')).toHaveLength(1);

		sandbox.state.failNext('sms', 'getBalance', { status: 500, body: '' });
		const { output } = await run({ resource: 'account', operation: 'getBalance' });
		expect(jsonOf(output)[0].balance).toBe(5000);
		expect(sandbox.requests.filter((r) => r.action === 'getBalance')).toHaveLength(2);
	});

	it('reads a JSON error and a 401 status body', async () => {
		sandbox.state.failNext('sms', 'getBalance', {
			status: 401,
			body: '{"status":"401","message":"BAD_KEY"}',
		});
		const error = await failure({ resource: 'account', operation: 'getBalance' });
		expect(error.message).toMatch(/Invalid API key/);
		expect((error as NodeApiError).httpCode).toBe('401');
	});

	it('refuses bad input before sending anything, naming the field', async () => {
		for (const [params, field] of [
			[sms('getNumber', { providerType: '1', country: '', service: '101' }), 'Country'],
			[sms('getNumber', { providerType: '9', country: '61', service: '101' }), 'Provider Type'],
			[sms('getNumber', { providerType: '1', country: 'Pakistan', service: '101' }), 'Country'],
			[sms('getStatus', { orderId: '  ' }), 'Order ID'],
			[sms('setStatus', { orderId: 'x', status: 'refund' }), 'Status'],
		] as const) {
			const error = await failure(params);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toContain(`"${field}"`);
		}
		expect(sandbox.requests).toHaveLength(0);
	});

	it('Continue On Fail: a failing item yields an error item and the others still run', async () => {
		const { output } = await run(
			[
				sms('getNumber', { providerType: '1', country: '61', service: '101' }),
				sms('getNumber', { providerType: '1', country: '61', service: '199' }),
				sms('getNumber', { providerType: '1', country: '', service: '101' }),
				sms('getNumber', { providerType: '1', country: '61', service: '103' }),
			],
			{ continueOnFail: true },
		);
		const results = jsonOf(output);
		expect(results).toHaveLength(4);
		expect(results[0].orderId).toBeDefined();
		expect(results[1]).toMatchObject({
			error: expect.stringMatching(/No numbers available/),
			code: 'NO_NUMBERS',
		});
		expect(results[2]).toMatchObject({ error: expect.stringContaining('"Country"') });
		expect(results[3].orderId).toBeDefined();
		expect(output[0].map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3]);
	});
});

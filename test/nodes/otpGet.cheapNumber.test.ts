import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BLOCKED_KEY, EMPTY_KEY, TEST_KEY } from '../../sandbox/server';
import { nodeHarness, parameter } from './harness';

const h = nodeHarness('cheapNumber', { otpDelayMs: 20_000, earlyCancelMs: 120_000 });
const buy = (server: string, serverType: string) => ({
	operation: 'buyNumber',
	serverType,
	server,
});

beforeEach(() => {
	h.sandbox.options.otpDelayMs = 20_000;
});

async function buyOne(server = '1', serverType = '1'): Promise<string> {
	return String((await h.run(buy(server, serverType))).json[0].orderId);
}

describe('Cheap Number › Get Servers', () => {
	it('lists the servers of each type, one item per server, for every input item', async () => {
		const { json, paired } = await h.run([
			{ operation: 'getServers', serverType: '1' },
			{ operation: 'getServers', serverType: '2' },
		]);
		expect(json).toEqual([
			{ id: '1', name: 'Pakistan Server 1', type: '1' },
			{ id: '2', name: 'Pakistan Server 2', type: '1' },
			{ id: '3', name: 'India Server', type: '2' },
		]);
		expect(paired).toEqual([0, 0, 1]);
		expect(h.sent()).toEqual([
			{ path: '/cheap_handler.php', action: 'getServers', type: '1', api_key: TEST_KEY },
			{ path: '/cheap_handler.php', action: 'getServers', type: '2', api_key: TEST_KEY },
		]);
	});

	it('feeds the Server dropdown of the selected type', async () => {
		expect(await h.loadOptions('getCheapServers', { serverType: '1' })).toEqual([
			{ name: 'Pakistan Server 1', value: '1' },
			{ name: 'Pakistan Server 2', value: '2' },
		]);
		expect(await h.loadOptions('getCheapServers', { serverType: '2' })).toEqual([
			{ name: 'India Server', value: '3' },
		]);
	});
});

describe('Cheap Number › Buy Number', () => {
	it('buys one number per item, charges each once and says when it expires', async () => {
		const before = Date.now();
		const { json, paired } = await h.run([buy('1', '1'), buy('2', '1'), buy('3', '2')]);
		expect(paired).toEqual([0, 1, 2]);
		expect(json.map((o) => [o.orderId, o.server, o.type])).toEqual([
			['ORDER_ID_12345', '1', '1'],
			['ORDER_ID_12346', '2', '1'],
			['ORDER_ID_12347', '3', '2'],
		]);
		for (const order of json) {
			expect(order).toMatchObject({
				phone: expect.stringMatching(/^\+9[12]\d{10}$/),
				expiresInSeconds: 900,
				source: 'cheapNumber',
			});
			expect(Date.parse(String(order.expiresAt)) - Date.parse(String(order.boughtAt))).toBe(
				900_000,
			);
			expect(Date.parse(String(order.boughtAt))).toBeGreaterThanOrEqual(before - 1);
			expect(h.sandbox.state.getActivation(String(order.orderId))?.phone).toBe(order.phone);
		}
		expect(h.sent().map((r) => [r.action, r.server, r.type])).toEqual([
			['buyNumber', '1', '1'],
			['buyNumber', '2', '1'],
			['buyNumber', '3', '2'],
		]);
		expect(h.sandbox.state.balance(TEST_KEY)).toBe(5000 - 20 - 25 - 30);
		expect(h.sandbox.state.ledger(TEST_KEY).map((e) => e.kind)).toEqual([
			'purchase',
			'purchase',
			'purchase',
		]);
	});

	it('refuses a bad type or server before sending anything', async () => {
		const badType = await h.failure(buy('1', '3'));
		expect(badType).toBeInstanceOf(NodeOperationError);
		expect(badType.message).toBe('"Type" must be one of 1, 2 (got "3")');
		expect((await h.failure(buy('Pakistan', '1'))).message).toMatch(
			/"Server" must be a numeric ID/,
		);
		expect((await h.failure(buy('', '1'))).message).toBe('"Server" is required');
		expect(h.sandbox.requests).toHaveLength(0);
	});

	it('maps NO_BALANCE, BAD_SERVICE, BAD_KEY and ACCOUNT_BLOCKED, charging nothing', async () => {
		const noMoney = await h.failure(buy('1', '1'), { apiKey: EMPTY_KEY });
		expect(noMoney).toBeInstanceOf(NodeApiError);
		expect(noMoney.message).toBe(
			'Insufficient balance — top up your OTPGet wallet, then run again',
		);
		expect((await h.failure(buy('3', '1'))).message).toMatch(
			/^Service not found for this country and provider type/,
		);
		const wrongKey = await h.failure(buy('1', '1'), { apiKey: 'wrong-secret-key-42' });
		expect(wrongKey.message).toMatch(/^Invalid API key/);
		expect(JSON.stringify([wrongKey.message, wrongKey.description])).not.toContain(
			'wrong-secret-key-42',
		);
		expect((await h.failure(buy('1', '1'), { apiKey: BLOCKED_KEY })).message).toMatch(
			/^Account blocked/,
		);
		expect(h.sandbox.state.ledger()).toHaveLength(0);
	});

	it('never retries a purchase whose answer failed', async () => {
		h.sandbox.state.failNext('cheap', 'buyNumber', { status: 500, body: '' });
		const error = await h.failure(buy('1', '1'));
		expect(error.message).toMatch(
			/Provider server error \(HTTP 500\) — the purchase may or may not have gone through/,
		);
		expect(h.sandbox.requests).toHaveLength(1);
	});

	it('warns that buying spends money', () => {
		expect(parameter('cheapNumber', 'buyNumber', 'purchaseNotice')?.displayName).toMatch(
			/spends money/,
		);
	});
});

describe('Cheap Number › Get Status / Set Status', () => {
	it('reports waiting, then the code, for several orders at once', async () => {
		const a = await buyOne('1');
		const b = await buyOne('2');
		const waiting = await h.run([
			{ operation: 'getStatus', orderId: a },
			{ operation: 'getStatus', orderId: b },
		]);
		expect(waiting.json).toEqual([
			{ orderId: a, status: 'waiting', code: null },
			{ orderId: b, status: 'waiting', code: null },
		]);
		h.sandbox.clock.advance(21_000);
		const received = await h.run([
			{ operation: 'getStatus', orderId: a },
			{ operation: 'getStatus', orderId: b },
		]);
		expect(received.json).toEqual([
			{ orderId: a, status: 'received', code: h.sandbox.state.getActivation(a)?.code },
			{ orderId: b, status: 'received', code: h.sandbox.state.getActivation(b)?.code },
		]);
		expect(
			h
				.sent()
				.filter((r) => r.action === 'getStatus')
				.map((r) => r.id),
		).toEqual([a, b, a, b]);
	});

	it('Complete sends status=3 once the code is in, and only once', async () => {
		const orderId = await buyOne();
		expect(
			(await h.failure({ operation: 'setStatus', orderId, status: 'complete' })).message,
		).toMatch(/^No SMS received yet/);
		h.sandbox.state.deliverSms(orderId, '654321');
		const done = await h.run({ operation: 'setStatus', orderId, status: 'complete' });
		expect(done.json).toEqual([
			{ orderId, action: 'complete', status: 'completed', refunded: false },
		]);
		expect(h.sent().at(-1)).toMatchObject({
			path: '/cheap_handler.php',
			action: 'setStatus',
			id: orderId,
			status: '3',
		});
		expect(
			(await h.failure({ operation: 'setStatus', orderId, status: 'complete' })).message,
		).toMatch(/already changed/);
	});

	it('Cancel & Refund sends status=8 and refunds exactly once', async () => {
		h.sandbox.options.otpDelayMs = -1;
		const orderId = await buyOne('2');
		const afterBuy = h.sandbox.state.balance(TEST_KEY);
		const early = await h.failure({ operation: 'setStatus', orderId, status: 'cancel' });
		expect(early.description).toMatch(/EARLY_CANCEL_DENIED/);
		h.sandbox.clock.advance(121_000);
		const cancelled = await h.run({ operation: 'setStatus', orderId, status: 'cancel' });
		expect(cancelled.json).toEqual([
			{ orderId, action: 'cancel', status: 'cancelled', refunded: true },
		]);
		expect(h.sent().at(-1)).toMatchObject({ action: 'setStatus', id: orderId, status: '8' });
		expect(h.sandbox.state.balance(TEST_KEY)).toBe(afterBuy + 25);
		await h.failure({ operation: 'setStatus', orderId, status: 'cancel' });
		expect(h.sandbox.state.balance(TEST_KEY)).toBe(afterBuy + 25);
		expect((await h.run({ operation: 'getStatus', orderId })).json[0].status).toBe('cancelled');
	});

	it('an unused number expires after 15 minutes and is refunded', async () => {
		h.sandbox.options.otpDelayMs = -1;
		const orderId = await buyOne();
		h.sandbox.clock.advance(15 * 60_000);
		expect((await h.run({ operation: 'getStatus', orderId })).json[0]).toEqual({
			orderId,
			status: 'cancelled',
			code: null,
		});
		expect(h.sandbox.state.balance(TEST_KEY)).toBe(5000);
	});

	it('maps NO_ACTIVATION and BAD_ID; a read is retried once after a 5xx', async () => {
		expect((await h.failure({ operation: 'getStatus', orderId: 'ORDER_ID_1' })).message).toMatch(
			/^Order not found/,
		);
		h.sandbox.state.failNext('cheap', 'getStatus', { body: 'BAD_ID' });
		expect((await h.failure({ operation: 'getStatus', orderId: 'x' })).message).toMatch(
			/^Order ID missing/,
		);
		const orderId = await buyOne();
		h.sandbox.requests.length = 0;
		h.sandbox.state.failNext('cheap', 'getStatus', { status: 502, body: 'Bad Gateway' });
		expect((await h.run({ operation: 'getStatus', orderId })).json[0].status).toBe('waiting');
		expect(h.sandbox.requests).toHaveLength(2);
	});
});

describe('Cheap Number › Get Balance and Continue On Fail', () => {
	it('reads the balance through cheap_handler.php', async () => {
		const { json } = await h.run({ operation: 'getBalance' });
		expect(json).toEqual([{ balance: 5000, currency: 'PKR' }]);
		expect(h.sent()).toEqual([
			{ path: '/cheap_handler.php', action: 'getBalance', api_key: TEST_KEY },
		]);
	});

	it('keeps going past failing items, which say why', async () => {
		const { json, paired } = await h.run(
			[buy('1', '1'), buy('3', '1'), buy('x', '1'), buy('3', '2')],
			{ continueOnFail: true },
		);
		expect(paired).toEqual([0, 1, 2, 3]);
		expect(json[0].orderId).toBe('ORDER_ID_12345');
		expect(json[1]).toMatchObject({
			error: expect.stringMatching(/Service not found/),
			code: 'BAD_SERVICE',
		});
		expect(json[2]).toMatchObject({ error: expect.stringContaining('"Server"') });
		expect(json[3].orderId).toBe('ORDER_ID_12346');
		expect(h.sandbox.state.balance(TEST_KEY)).toBe(5000 - 20 - 30);
		expect(JSON.stringify(json)).not.toContain(TEST_KEY);
	});
});

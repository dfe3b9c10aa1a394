import { EMPTY_KEY, TEST_KEY, startSandbox, type Sandbox } from '../../sandbox/server';
import { cheap, sms } from './helpers';

let sb: Sandbox;
const K = { api_key: TEST_KEY };

beforeAll(async () => {
	sb = await startSandbox({ freezeClock: true });
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.state.reset();
	sb.options.otpDelayMs = 15_000;
});

async function buy(server = 1, type = 1): Promise<{ id: string; phone: string; secs: string }> {
	const r = await cheap(sb, { ...K, action: 'buyNumber', server, type });
	const [id, phone, secs] = r.text.split(',');
	return { id, phone, secs };
}

describe('cheap_handler.php', () => {
	it('lists servers per type, both without type, BAD_TYPE otherwise', async () => {
		expect((await cheap(sb, { ...K, action: 'getServers', type: 1 })).text).toBe(
			'{"1":[{"id":"1","name":"Pakistan Server 1"},{"id":"2","name":"Pakistan Server 2"}]}',
		);
		expect((await cheap(sb, { ...K, action: 'getServers', type: 2 })).text).toBe(
			'{"2":[{"id":"3","name":"India Server"}]}',
		);
		expect(Object.keys((await cheap(sb, { ...K, action: 'getServers' })).json())).toEqual([
			'1',
			'2',
		]);
		expect((await cheap(sb, { ...K, action: 'getServers', type: 3 })).text).toBe('BAD_TYPE');
	});

	it('sells a number as ORDER_ID_n,+phone,900 and deducts its price', async () => {
		const r = await cheap(sb, { ...K, action: 'buyNumber', server: 1, type: 1 });
		expect(r.text).toMatch(/^ORDER_ID_12345,\+923\d{9},900$/);
		expect((await cheap(sb, { ...K, action: 'getBalance' })).text).toBe('ACCESS_BALANCE:4980.00');
		const india = await buy(3, 2);
		expect(india.id).toBe('ORDER_ID_12346');
		expect(india.phone).toMatch(/^\+919\d{9}$/);
		expect(sb.state.balance(TEST_KEY)).toBe(4950);
	});

	it('answers BAD_TYPE, BAD_SERVICE (unknown server or wrong type), NO_BALANCE, BAD_KEY', async () => {
		expect((await cheap(sb, { ...K, action: 'buyNumber', server: 1 })).text).toBe('BAD_TYPE');
		expect((await cheap(sb, { ...K, action: 'buyNumber', server: 9, type: 1 })).text).toBe(
			'BAD_SERVICE',
		);
		expect((await cheap(sb, { ...K, action: 'buyNumber', server: 3, type: 1 })).text).toBe(
			'BAD_SERVICE',
		);
		expect(
			(await cheap(sb, { api_key: EMPTY_KEY, action: 'buyNumber', server: 1, type: 1 })).text,
		).toBe('NO_BALANCE');
		expect((await cheap(sb, { api_key: 'x', action: 'getBalance' })).text).toBe('BAD_KEY');
		expect((await cheap(sb, { ...K, action: 'nope' })).text).toBe('BAD_ACTION');
	});

	it('polls to STATUS_OK, completes with ACCESS_FINISH', async () => {
		const { id } = await buy();
		expect((await cheap(sb, { ...K, action: 'getStatus', id })).text).toBe('STATUS_WAIT_CODE');
		expect((await cheap(sb, { ...K, action: 'setStatus', id, status: 3 })).text).toBe(
			'NO_SMS_RECEIVED',
		);
		sb.clock.advance(15_000);
		const code = sb.state.getActivation(id)?.code ?? '';
		expect((await cheap(sb, { ...K, action: 'getStatus', id })).text).toBe(`STATUS_OK:${code}`);
		expect((await cheap(sb, { ...K, action: 'setStatus', id, status: 3 })).text).toBe(
			'ACCESS_FINISH',
		);
		// A code that arrived is never taken back by the 15-minute expiry.
		sb.clock.advance(60 * 60_000);
		expect((await cheap(sb, { ...K, action: 'getStatus', id })).text).toBe(`STATUS_OK:${code}`);
		expect(sb.state.balance(TEST_KEY)).toBe(4980);
	});

	it('keeps cheap and SMS ids apart', async () => {
		const { id } = await buy();
		expect((await sms(sb, { ...K, action: 'getStatus', id })).text).toBe('NO_ACTIVATION');
	});

	it('cancels after the early-cancel window with a refund (ACCESS_READY)', async () => {
		sb.options.otpDelayMs = -1; // no code ever
		const { id } = await buy(2, 1);
		expect((await cheap(sb, { ...K, action: 'setStatus', id, status: 8 })).text).toBe(
			'EARLY_CANCEL_DENIED',
		);
		sb.clock.advance(120_000);
		expect((await cheap(sb, { ...K, action: 'setStatus', id, status: 8 })).text).toBe(
			'ACCESS_READY',
		);
		expect((await cheap(sb, { ...K, action: 'getStatus', id })).text).toBe('STATUS_CANCEL');
		expect((await cheap(sb, { ...K, action: 'setStatus', id, status: 8 })).text).toBe(
			'STATUS_ALREADY_CHANGED',
		);
		expect(sb.state.balance(TEST_KEY)).toBe(5000);
	});

	it('expires after 15 minutes without code: STATUS_CANCEL and one automatic refund', async () => {
		sb.options.otpDelayMs = 20 * 60_000; // would arrive after expiry: never seen
		const bought = sb.clock.now();
		const { id } = await buy();
		sb.clock.advance(15 * 60_000 - 1);
		expect((await cheap(sb, { ...K, action: 'getStatus', id })).text).toBe('STATUS_WAIT_CODE');
		sb.clock.advance(1);
		// The refund is visible without any request for that order.
		expect(sb.state.balance(TEST_KEY)).toBe(5000);
		expect((await cheap(sb, { ...K, action: 'getStatus', id })).text).toBe('STATUS_CANCEL');
		sb.clock.advance(10 * 60_000);
		expect((await cheap(sb, { ...K, action: 'getStatus', id })).text).toBe('STATUS_CANCEL');
		expect((await cheap(sb, { ...K, action: 'setStatus', id, status: 8 })).text).toBe(
			'STATUS_ALREADY_CHANGED',
		);
		const refunds = sb.state.ledger(TEST_KEY).filter((e) => e.kind === 'refund');
		expect(refunds).toHaveLength(1);
		expect(refunds[0]).toMatchObject({ api: 'cheap', amount: 20, orderId: id, balanceAfter: 5000 });
		expect(refunds[0].at - bought).toBeGreaterThanOrEqual(15 * 60_000);
		expect(sb.state.getActivation(id)?.status).toBe('cancelled');
		expect(() => sb.state.deliverSms(id)).toThrow();
	});
});

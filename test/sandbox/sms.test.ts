import {
	BLOCKED_KEY,
	EMPTY_KEY,
	OTHER_KEY,
	TEST_KEY,
	startSandbox,
	type Sandbox,
} from '../../sandbox/server';
import { sms } from './helpers';

let sb: Sandbox;
const K = { api_key: TEST_KEY };

beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.state.reset();
	sb.options.cancelAnswer = 'ACCESS_READY';
});

async function buy(service = '101', key = TEST_KEY): Promise<{ id: string; phone: string }> {
	const r = await sms(sb, { api_key: key, action: 'getNumber', service, country: 61, type: 1 });
	const m = /^ACCESS_NUMBER:([a-z0-9]+):(\d+)$/.exec(r.text);
	if (!m) throw new Error(`unexpected getNumber answer ${r.text}`);
	return { id: m[1], phone: m[2] };
}

describe('handler_api.php keys and balance', () => {
	it('answers the balance with two decimals, in plain text', async () => {
		const r = await sms(sb, { ...K, action: 'getBalance' });
		expect(r).toMatchObject({ status: 200, text: 'ACCESS_BALANCE:5000.00' });
		expect(r.contentType).toContain('text/html');
		expect((await sms(sb, { api_key: EMPTY_KEY, action: 'getBalance' })).text).toBe(
			'ACCESS_BALANCE:0.00',
		);
	});

	it('answers BAD_KEY (HTTP 200) for unknown and missing keys, ACCOUNT_BLOCKED for the blocked key', async () => {
		expect(await sms(sb, { api_key: 'nope', action: 'getBalance' })).toMatchObject({
			status: 200,
			text: 'BAD_KEY',
		});
		expect((await sms(sb, { action: 'getBalance' })).text).toBe('BAD_KEY');
		expect(
			(
				await sms(sb, {
					api_key: BLOCKED_KEY,
					action: 'getNumber',
					service: 101,
					country: 61,
					type: 1,
				})
			).text,
		).toBe('ACCOUNT_BLOCKED');
	});

	it('answers BAD_ACTION for an unknown or missing action', async () => {
		expect((await sms(sb, { ...K, action: 'xyz' })).text).toBe('BAD_ACTION');
		expect((await sms(sb, K)).text).toBe('BAD_ACTION');
	});
});

describe('getCountries / getServices', () => {
	it('lists the docs countries for type 1, keyed by type', async () => {
		const r = await sms(sb, { ...K, action: 'getCountries', type: 1 });
		const body = r.json<Record<string, Array<{ id: string; name: string }>>>();
		expect(Object.keys(body)).toEqual(['1']);
		expect(body['1']).toEqual([
			{ id: '33', name: 'Canada' },
			{ id: '15', name: 'England' },
			{ id: '21', name: 'India' },
			{ id: '6', name: 'Indonesia' },
			{ id: '61', name: 'Pakistan' },
			{ id: '5', name: 'Philippines' },
			{ id: '12', name: 'USA' },
			{ id: '10', name: 'Vietnam' },
		]);
	});

	it('lists all five types without type, BAD_TYPE for a bad one', async () => {
		const all = (await sms(sb, { ...K, action: 'getCountries' })).json();
		expect(Object.keys(all)).toEqual(['1', '2', '3', '4', '5']);
		expect((await sms(sb, { ...K, action: 'getCountries', type: 6 })).text).toBe('BAD_TYPE');
		expect((await sms(sb, { ...K, action: 'getCountries', type: 'x' })).text).toBe('BAD_TYPE');
	});

	it('prices services like the docs sample, plus 5 PKR per type above 1', async () => {
		const r = (await sms(sb, { ...K, action: 'getServices', country: 61, type: 1 })).json<
			Record<string, string>
		>();
		expect(r).toMatchObject({
			'101': 'Telegram - 45 PKR',
			'102': 'WhatsApp - 60 PKR',
			'103': 'Instagram - 55 PKR',
		});
		expect(r['198']).toBe('Sandbox No-SMS - 10 PKR');
		const t2 = (await sms(sb, { ...K, action: 'getServices', country: 61, type: 2 })).json<
			Record<string, string>
		>();
		expect(t2['101']).toBe('Telegram - 50 PKR');
	});

	it('checks the type first, then the country', async () => {
		expect((await sms(sb, { ...K, action: 'getServices', country: 61 })).text).toBe('BAD_TYPE');
		expect((await sms(sb, { ...K, action: 'getServices', country: 999, type: 1 })).text).toBe(
			'BAD_COUNTRY',
		);
		// Canada (33) is not served by provider type 2.
		expect((await sms(sb, { ...K, action: 'getServices', country: 33, type: 2 })).text).toBe(
			'BAD_COUNTRY',
		);
		expect((await sms(sb, { ...K, action: 'getServices', type: 1 })).text).toBe('BAD_COUNTRY');
	});
});

describe('getNumber', () => {
	it('deducts the price, answers ACCESS_NUMBER:id:phone and books the ledger', async () => {
		const { id, phone } = await buy();
		expect(phone).toMatch(/^923\d{9}$/);
		expect(sb.state.balance(TEST_KEY)).toBe(4955);
		expect((await sms(sb, { ...K, action: 'getBalance' })).text).toBe('ACCESS_BALANCE:4955.00');
		expect(sb.state.ledger(TEST_KEY)).toEqual([
			expect.objectContaining({
				kind: 'purchase',
				api: 'sms',
				amount: -45,
				orderId: id,
				balanceAfter: 4955,
			}),
		]);
		expect(sb.state.getActivation(id)).toMatchObject({
			status: 'waiting',
			price: 45,
			service: '101',
			country: '61',
			type: '1',
		});
	});

	it('answers BAD_SERVICE, NO_NUMBERS (service 199), BAD_COUNTRY, BAD_TYPE and NO_BALANCE without charging', async () => {
		const base = { ...K, action: 'getNumber', service: 101, country: 61, type: 1 };
		expect((await sms(sb, { ...base, service: 500 })).text).toBe('BAD_SERVICE');
		expect((await sms(sb, { ...base, service: 199 })).text).toBe('NO_NUMBERS');
		expect((await sms(sb, { ...base, country: 999 })).text).toBe('BAD_COUNTRY');
		expect((await sms(sb, { ...base, type: 9 })).text).toBe('BAD_TYPE');
		expect((await sms(sb, { ...base, api_key: EMPTY_KEY })).text).toBe('NO_BALANCE');
		expect(sb.state.ledger()).toEqual([]);
		expect(sb.state.balance(TEST_KEY)).toBe(5000);
	});

	it('gives the same ids, phones and codes for the same seed', async () => {
		const a = await buy();
		const other = await startSandbox();
		try {
			const r = await sms(other, { ...K, action: 'getNumber', service: 101, country: 61, type: 1 });
			expect(r.text).toBe(`ACCESS_NUMBER:${a.id}:${a.phone}`);
			expect(other.state.getActivation(a.id)?.code).toBe(sb.state.getActivation(a.id)?.code);
		} finally {
			await other.close();
		}
	});
});

describe('getStatus', () => {
	it('waits until otpDelayMs on the clock, then answers STATUS_OK:code', async () => {
		const { id } = await buy();
		expect((await sms(sb, { ...K, action: 'getStatus', id })).text).toBe('STATUS_WAIT_CODE');
		sb.clock.advance(14_000);
		expect((await sms(sb, { ...K, action: 'getStatus', id })).text).toBe('STATUS_WAIT_CODE');
		sb.clock.advance(1_000);
		const code = sb.state.getActivation(id)?.code;
		expect(code).toMatch(/^\d{6}$/);
		expect((await sms(sb, { ...K, action: 'getStatus', id })).text).toBe(`STATUS_OK:${code}`);
	});

	it('delivers on demand, keeping leading zeros', async () => {
		const { id } = await buy();
		sb.state.deliverSms(id, '012345');
		expect((await sms(sb, { ...K, action: 'getStatus', id })).text).toBe('STATUS_OK:012345');
	});

	it('answers BAD_ID without id and NO_ACTIVATION for unknown or foreign ids', async () => {
		const { id } = await buy();
		expect((await sms(sb, { ...K, action: 'getStatus' })).text).toBe('BAD_ID');
		expect((await sms(sb, { ...K, action: 'getStatus', id: 'zzz' })).text).toBe('NO_ACTIVATION');
		expect((await sms(sb, { api_key: OTHER_KEY, action: 'getStatus', id })).text).toBe(
			'NO_ACTIVATION',
		);
	});
});

describe('setStatus', () => {
	it('completes only after the code: NO_SMS_RECEIVED, ACCESS_FINISH, then STATUS_ALREADY_CHANGED', async () => {
		const { id } = await buy();
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 3 })).text).toBe(
			'NO_SMS_RECEIVED',
		);
		sb.state.deliverSms(id);
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 6 })).text).toBe(
			'ACCESS_FINISH',
		);
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 3 })).text).toBe(
			'STATUS_ALREADY_CHANGED',
		);
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 8 })).text).toBe(
			'STATUS_ALREADY_CHANGED',
		);
		expect(sb.state.getActivation(id)?.status).toBe('finished');
		expect(sb.state.balance(TEST_KEY)).toBe(4955);
	});

	it('answers BAD_ID, BAD_STATUS, NO_ACTIVATION', async () => {
		const { id } = await buy();
		expect((await sms(sb, { ...K, action: 'setStatus', status: 8 })).text).toBe('BAD_ID');
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 5 })).text).toBe('BAD_STATUS');
		expect((await sms(sb, { ...K, action: 'setStatus', id })).text).toBe('BAD_STATUS');
		expect((await sms(sb, { api_key: OTHER_KEY, action: 'setStatus', id, status: 8 })).text).toBe(
			'NO_ACTIVATION',
		);
	});

	it('refuses cancel inside the early-cancel window, then refunds exactly once', async () => {
		const { id } = await buy('198'); // never receives an SMS
		expect(sb.state.balance(TEST_KEY)).toBe(4990);
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 8 })).text).toBe(
			'EARLY_CANCEL_DENIED',
		);
		sb.clock.advance(119_000);
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 8 })).text).toBe(
			'EARLY_CANCEL_DENIED',
		);
		sb.clock.advance(1_000);
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 8 })).text).toBe('ACCESS_READY');
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 8 })).text).toBe(
			'STATUS_ALREADY_CHANGED',
		);
		expect((await sms(sb, { ...K, action: 'getStatus', id })).text).toBe('STATUS_CANCEL');
		expect(sb.state.balance(TEST_KEY)).toBe(5000);
		expect(sb.state.ledger(TEST_KEY).map((e) => [e.kind, e.amount, e.balanceAfter])).toEqual([
			['purchase', -10, 4990],
			['refund', 10, 5000],
		]);
		expect(() => sb.state.deliverSms(id)).toThrow(/cancelled/);
	});

	it('refuses cancel after the code arrived (BAD_STATUS, no refund) and still allows completion', async () => {
		const { id } = await buy();
		sb.clock.advance(120_000);
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 8 })).text).toBe('BAD_STATUS');
		expect(sb.state.balance(TEST_KEY)).toBe(4955);
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 3 })).text).toBe(
			'ACCESS_FINISH',
		);
	});

	it('answers ACCESS_CANCEL when configured so', async () => {
		sb.options.cancelAnswer = 'ACCESS_CANCEL';
		const { id } = await buy('198');
		sb.clock.advance(120_000);
		expect((await sms(sb, { ...K, action: 'setStatus', id, status: 8 })).text).toBe(
			'ACCESS_CANCEL',
		);
	});
});

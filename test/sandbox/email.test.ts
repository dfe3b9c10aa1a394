import { BLOCKED_KEY, TEST_KEY, startSandbox, type Sandbox } from '../../sandbox/server';
import { email } from './helpers';

let sb: Sandbox;
const K = { api_key: TEST_KEY };

beforeAll(async () => {
	sb = await startSandbox({ freezeClock: true, startTime: Date.parse('2026-03-09T14:22:00Z') });
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.state.reset();
	sb.options.emailHttpStatus = false;
});

interface Bought {
	status: string;
	email_id: string;
	email: string;
}

async function buy(service_id = 'ig', domain?: string): Promise<Bought> {
	return (
		await email(sb, { ...K, action: 'buyEmail', service_id, ...(domain ? { domain } : {}) })
	).json<Bought>();
}

describe('email_handler.php services and purchase', () => {
	it('lists gmail.com services by default, prices written with two decimals', async () => {
		const r = await email(sb, { ...K, action: 'getEmailServices' });
		expect(r.text).toContain(
			'{"service_code":"ig","service_name":"Instagram","price":120.00,"count":48}',
		);
		expect(r.text).toContain('"price":87.50');
		const body = r.json<{
			status: string;
			count: number;
			services: Array<{ service_code: string; count: number }>;
		}>();
		expect(body.status).toBe('200');
		expect(body.count).toBe(body.services.length);
		expect(body.services.find((s) => s.service_code === 'tw')?.count).toBe(0);
		const nest = (
			await email(sb, { ...K, action: 'getEmailServices', domain: 'mailnestpro.com' })
		).json<{ count: number }>();
		expect(nest.count).toBe(5);
		expect(
			(await email(sb, { ...K, action: 'getEmailServices', domain: 'example.org' })).json(),
		).toEqual({ status: '200', count: 0, services: [] });
	});

	it('sells an address like the docs sample and deducts the price', async () => {
		const r = await email(sb, { ...K, action: 'buyEmail', service_id: 'ig', domain: 'gmail.com' });
		expect(r.text).toMatch(/"price":120\.00,"balance":4880\.00}$/);
		expect(r.json()).toEqual({
			status: '200',
			message: 'Email activated successfully',
			email_id: '7291834',
			email: expect.stringMatching(/^temp\.[a-z0-9]{6}@gmail\.com$/),
			service: 'Instagram',
			domain: 'gmail.com',
			price: 120,
			balance: 4880,
		});
		const other = await buy('tg', 'flytempbox.com');
		expect(other.email).toMatch(/@flytempbox\.com$/);
		expect(sb.state.balance(TEST_KEY)).toBe(4855);
	});

	it('answers the documented purchase errors', async () => {
		expect((await email(sb, { ...K, action: 'buyEmail' })).json()).toEqual({
			status: '400',
			message: 'service_id is required',
		});
		expect(
			(
				await email(sb, { ...K, action: 'buyEmail', service_id: 'ig', domain: 'flytempbox.com' })
			).json(),
		).toEqual({
			status: '404',
			message: 'Service not available for this domain',
		});
		expect((await email(sb, { ...K, action: 'buyEmail', service_id: 'tw' })).json()).toEqual({
			status: '404',
			message: 'No stock available for this service',
		});
		sb.state.setBalance(TEST_KEY, 80.5);
		expect((await email(sb, { ...K, action: 'buyEmail', service_id: 'ig' })).text).toBe(
			'{"status":"402","message":"Insufficient balance. Need: 120.00 \u2014 Have: 80.50"}',
		);
		expect(sb.state.ledger()).toEqual([]);
	});

	it('answers BAD_KEY, ACCOUNT_BLOCKED, BAD_ACTION; HTTP status mirrored only on request', async () => {
		expect((await email(sb, { api_key: 'x', action: 'getEmailServices' })).text).toBe(
			'{"status":"401","message":"BAD_KEY"}',
		);
		expect((await email(sb, { action: 'getEmailServices' })).json()).toEqual({
			status: '401',
			message: 'BAD_KEY',
		});
		expect(
			(await email(sb, { api_key: BLOCKED_KEY, action: 'buyEmail', service_id: 'ig' })).json(),
		).toEqual({ status: '403', message: 'ACCOUNT_BLOCKED' });
		expect((await email(sb, { ...K, action: 'nope' })).json()).toEqual({
			status: '400',
			message: 'BAD_ACTION',
		});
		expect((await email(sb, { api_key: 'x', action: 'nope' })).status).toBe(200);
		sb.options.emailHttpStatus = true;
		expect((await email(sb, { api_key: 'x', action: 'nope' })).status).toBe(401);
	});

	it('answers getBalance as JSON', async () => {
		expect((await email(sb, { ...K, action: 'getBalance' })).json()).toEqual({
			status: '200',
			balance: '5000.00',
		});
	});
});

describe('getEmailCode / cancelEmail', () => {
	it('answers 202 until the code arrives, then 200 with the message', async () => {
		const b = await buy();
		const q = { ...K, action: 'getEmailCode', email_id: b.email_id };
		expect((await email(sb, q)).text).toBe('{"status":"202","message":"Waiting for code..."}');
		sb.clock.advance(15_000);
		const code = sb.state.getEmail(b.email_id)?.code ?? '';
		expect((await email(sb, q)).json()).toEqual({
			status: '200',
			email_id: b.email_id,
			messages: [
				{
					email: b.email,
					subject: 'Verification Code',
					body: `Your verification code is ${code}`,
					code,
				},
			],
		});
		expect((await email(sb, { ...K, action: 'getEmailCode' })).json()).toEqual({
			status: '400',
			message: 'email_id is required',
		});
		expect((await email(sb, { ...K, action: 'getEmailCode', email_id: '1' })).json()).toEqual({
			status: '404',
			message: 'Email activation not found',
		});
	});

	it('cancels a waiting address with one refund; repeating is safe', async () => {
		const b = await buy();
		const q = { ...K, action: 'cancelEmail', email_id: b.email_id };
		expect((await email(sb, q)).text).toBe(
			'{"status":"200","message":"Cancelled and refunded","refunded":120.00,"balance":5000.00}',
		);
		expect((await email(sb, q)).json()).toEqual({ status: '200', message: 'Already cancelled' });
		expect(
			(await email(sb, { ...K, action: 'getEmailCode', email_id: b.email_id })).json(),
		).toEqual({ status: '300', message: 'Cancelled' });
		expect(sb.state.ledger(TEST_KEY).map((e) => [e.kind, e.amount])).toEqual([
			['purchase', -120],
			['refund', 120],
		]);
		sb.clock.advance(60_000);
		expect(
			(await email(sb, { ...K, action: 'getEmailCode', email_id: b.email_id })).json(),
		).toEqual({ status: '300', message: 'Cancelled' });
	});

	it('completes instead of refunding once the code is in', async () => {
		const b = await buy();
		const code = sb.state.deliverEmail(b.email_id, '847293');
		const q = { ...K, action: 'cancelEmail', email_id: b.email_id };
		const expected = {
			status: '200',
			message: 'Order completed - OTP was already received',
			code,
			email: b.email,
		};
		expect((await email(sb, q)).json()).toEqual(expected);
		expect((await email(sb, q)).json()).toEqual(expected);
		expect(sb.state.balance(TEST_KEY)).toBe(4880);
		expect(
			(await email(sb, { ...K, action: 'getEmailCode', email_id: b.email_id })).json(),
		).toMatchObject({ status: '200' });
	});
});

describe('getEmailHistory', () => {
	it('pages 20 per page, newest first, with statuses', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 25; i++) {
			ids.push((await buy('tg', 'mailnestpro.com')).email_id);
			sb.clock.advance(1_000);
		}
		await email(sb, { ...K, action: 'cancelEmail', email_id: ids[24] });
		sb.state.deliverEmail(ids[23], '111111');
		type Page = {
			status: string;
			total: number;
			page: number;
			history: Array<Record<string, unknown>>;
		};
		const p1 = (await email(sb, { ...K, action: 'getEmailHistory', page: 1 })).json<Page>();
		expect(p1).toMatchObject({ status: '200', total: 25, page: 1 });
		expect(p1.history).toHaveLength(20);
		expect(p1.history[0]).toMatchObject({ email_id: ids[24], status: 'cancelled', code: '' });
		expect(p1.history[1]).toMatchObject({ email_id: ids[23], status: 'received', code: '111111' });
		expect(p1.history[19]).toEqual({
			email_id: ids[5],
			email_address: expect.stringMatching(/@mailnestpro\.com$/),
			service_id: 'tg',
			service_name: 'Telegram',
			domain: 'mailnestpro.com',
			status: 'received', // bought 20 s before now: its code (15 s) is in
			code: expect.stringMatching(/^\d{6}$/),
			price: 35,
			created_at: '2026-03-09 14:22:05',
		});
		const p2 = (await email(sb, { ...K, action: 'getEmailHistory', page: 2 })).json<Page>();
		expect(p2.history.map((h) => h.email_id)).toEqual(ids.slice(0, 5).reverse());
		expect(p2.history[4]).toMatchObject({ created_at: '2026-03-09 14:22:00' });
		expect((await email(sb, { ...K, action: 'getEmailHistory' })).json<Page>().page).toBe(1);
		expect(
			(await email(sb, { ...K, action: 'getEmailHistory', page: 3 })).json<Page>().history,
		).toEqual([]);
	});
});

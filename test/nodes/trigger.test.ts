import type { IDataObject } from 'n8n-workflow';

import { MAX_KEYS, type SmsMemory } from '../../nodes/OtpGetTrigger/memory';
import { OtpGetTrigger } from '../../nodes/OtpGetTrigger/OtpGetTrigger.node';
import { startSandbox, TEST_KEY, type Sandbox } from '../../sandbox/server';
import { createContext } from '../helpers/context';

const START = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const trigger = new OtpGetTrigger();
let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ freezeClock: true, startTime: START, otpDelayMs: -1 });
});
afterAll(async () => await sb.close());
beforeEach(() => {
	sb.state.reset();
	// The trigger's "now" is the sandbox clock, so moving the clock moves both sides' expiry maths.
	jest.spyOn(Date, 'now').mockImplementation(() => sb.clock.now());
});
afterEach(() => jest.restoreAllMocks());

/** One poll as n8n runs it: live ('trigger') or a test fetch ('manual'), with the workflow's static data. */
async function poll(params: IDataObject, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') {
	const { poll: ctx } = createContext({ params, staticData, mode, credentials: { apiKey: TEST_KEY, baseUrl: sb.url } });
	const out = await trigger.poll.call(ctx);
	return out === null ? null : out[0].map((item) => item.json);
}

/** n8n stores static data as JSON: a restart gets a parsed copy. */
const restart = (staticData: IDataObject) => JSON.parse(JSON.stringify(staticData)) as IDataObject;

async function rent(provider = '2', countryCode = 'ca', hours = '720'): Promise<{ smsOrderId: string; rentalId: string }> {
	const url = new URL(`${sb.url}/rental-handler.php`);
	const q = { api_key: TEST_KEY, action: 'rentNumber', country_code: countryCode, provider, duration_hours: hours };
	for (const [k, v] of Object.entries(q)) url.searchParams.set(k, v);
	const answer = (await (await fetch(url)).json()) as IDataObject;
	const smsOrderId = String(answer.order_id);
	return { smsOrderId, rentalId: String(sb.state.getRental(smsOrderId)?.id) };
}

async function renew(rentalId: string, hours: string): Promise<void> {
	const url = new URL(`${sb.url}/rental-handler.php`);
	for (const [k, v] of Object.entries({ api_key: TEST_KEY, action: 'renewRental', rental_id: rentalId, duration_hours: hours })) {
		url.searchParams.set(k, v);
	}
	await fetch(url);
}

function sms(smsOrderId: string, text: string) {
	sb.clock.advance(1000);
	sb.state.addRentalSms(smsOrderId, text);
}

describe('OTPGet Trigger › New Rental SMS', () => {
	const params = { event: 'newRentalSms', rentals: 'all' };

	it('emits each new message once, across polls and restarts', async () => {
		const a = await rent();
		sms(a.smsOrderId, 'Old message 1111');
		const data: IDataObject = {};
		expect(await poll(params, data)).toBeNull();

		sms(a.smsOrderId, '<#> Your WhatsApp Business code 740-279');
		const items = await poll(params, data);
		expect(items).toEqual([
			{
				smsOrderId: a.smsOrderId,
				rentalId: a.rentalId,
				phone: expect.any(String),
				countryCode: 'ca',
				countryName: 'Canada',
				server: 'Server 2',
				from: 'Server 2',
				text: '<#> Your WhatsApp Business code 740-279',
				code: '740279',
				receivedAt: new Date(sb.clock.now()).toISOString(),
				timestamp: new Date(sb.clock.now()).toISOString().replace('.000Z', 'Z'),
			},
		]);
		expect(await poll(params, data)).toBeNull();

		const after = restart(data);
		expect(await poll(params, after)).toBeNull();
		sms(a.smsOrderId, 'Your code is 5531');
		sms(a.smsOrderId, 'Your code is 5531');
		expect((await poll(params, after))?.map((i) => i.code)).toEqual(['5531', '5531']);
		expect(await poll(params, restart(after))).toBeNull();
	});

	it('watches every active rental, including ones rented later, oldest message first', async () => {
		const a = await rent();
		const data: IDataObject = {};
		expect(await poll(params, data)).toBeNull();
		const b = await rent('1', 'us', '12');
		sms(b.smsOrderId, 'code 2222');
		sms(a.smsOrderId, 'code 1111');
		const items = await poll(params, data);
		expect(items?.map((i) => [i.smsOrderId, i.code])).toEqual([
			[b.smsOrderId, '2222'],
			[a.smsOrderId, '1111'],
		]);
	});

	it('watches one rental when asked, with its own memory', async () => {
		const a = await rent();
		const b = await rent();
		const one = { event: 'newRentalSms', rentals: 'one', smsOrderId: b.smsOrderId, options: { codePattern: 'code (\\w+)' } };
		const data: IDataObject = {};
		expect(await poll(one, data)).toBeNull();
		sms(a.smsOrderId, 'code AAA');
		sms(b.smsOrderId, 'code BBB');
		expect((await poll(one, data))?.map((i) => i.code)).toEqual(['BBB']);
		expect(sb.requests.filter((r) => r.action === 'getRentalSMS').every((r) => r.query.order_id === b.smsOrderId)).toBe(true);
	});

	it('keeps its memory bounded and still never repeats a message', async () => {
		const a = await rent();
		const data: IDataObject = {};
		await poll(params, data);
		for (let i = 0; i < MAX_KEYS + 50; i++) sms(a.smsOrderId, `message ${i}`);
		expect(await poll(params, data)).toHaveLength(MAX_KEYS + 50);
		const memory = data[`newRentalSms:all`] as unknown as SmsMemory;
		expect(memory.rentals[a.smsOrderId].keys).toHaveLength(MAX_KEYS);
		expect(await poll(params, restart(data))).toBeNull();
		sms(a.smsOrderId, 'the newest 9090');
		expect((await poll(params, data))?.map((i) => i.text)).toEqual(['the newest 9090']);
	});

	it('does not replay the history of a rental that expired and was renewed', async () => {
		const a = await rent('1', 'us', '12');
		sms(a.smsOrderId, 'code 1111');
		const data: IDataObject = {};
		await poll(params, data);
		sms(a.smsOrderId, 'code 2222');
		expect((await poll(params, data))?.map((i) => i.code)).toEqual(['2222']);
		sb.clock.advance(13 * HOUR);
		expect(await poll(params, data)).toBeNull();
		expect((data['newRentalSms:all'] as unknown as SmsMemory).rentals[a.smsOrderId].keys).toEqual([]);
		await renew(a.rentalId, '24');
		expect(await poll(params, restart(data))).toBeNull();
		sms(a.smsOrderId, 'code 3333');
		expect((await poll(params, data))?.map((i) => i.code)).toEqual(['3333']);
	});

	it('a test fetch shows the latest message even if already seen, and changes nothing', async () => {
		const a = await rent();
		sms(a.smsOrderId, 'first 1111');
		sms(a.smsOrderId, 'latest 2222');
		const data: IDataObject = {};
		await poll(params, data);
		const before = JSON.stringify(data);
		expect(await poll(params, data, 'manual')).toEqual([expect.objectContaining({ text: 'latest 2222', code: '2222' })]);
		expect(JSON.stringify(data)).toBe(before);
	});

	it('a test fetch with no message at all says what to do', async () => {
		await rent();
		await expect(poll(params, {}, 'manual')).rejects.toThrow('No SMS on your rented numbers yet');
	});
});

describe('OTPGet Trigger › Rental Expiring Soon', () => {
	const params = { event: 'rentalExpiring', rentals: 'all', thresholdHours: 24 };

	it('fires once per rental and expiry; after a renewal, again only when the new expiry comes close', async () => {
		const a = await rent('1', 'us', '12');
		await rent('2', 'ca', '720');
		const data: IDataObject = {};
		const items = await poll(params, data);
		expect(items).toEqual([
			expect.objectContaining({
				rentalId: a.rentalId,
				smsOrderId: a.smsOrderId,
				expiresAt: new Date(START + 12 * HOUR).toISOString(),
				hoursLeft: 12,
				thresholdHours: 24,
				durationHours: 12,
			}),
		]);
		expect(await poll(params, data)).toBeNull();
		expect(await poll(params, restart(data))).toBeNull();

		await renew(a.rentalId, '24');
		// 36 h left now: beyond the threshold.
		expect(await poll(params, data)).toBeNull();
		sb.clock.advance(13 * HOUR);
		expect(await poll(params, data)).toEqual([
			expect.objectContaining({ rentalId: a.rentalId, expiresAt: new Date(START + 36 * HOUR).toISOString(), hoursLeft: 23 }),
		]);
		expect(await poll(params, data)).toBeNull();
		// Expired rentals never fire.
		sb.clock.advance(30 * HOUR);
		expect(await poll(params, data)).toBeNull();
	});

	it('a test fetch shows the rentals within the threshold, or else the next one to expire', async () => {
		const a = await rent('1', 'us', '12');
		const data: IDataObject = {};
		await poll(params, data);
		expect(await poll(params, data, 'manual')).toEqual([expect.objectContaining({ rentalId: a.rentalId })]);
		expect(await poll({ ...params, thresholdHours: 1 }, {}, 'manual')).toEqual([expect.objectContaining({ rentalId: a.rentalId, hoursLeft: 12 })]);
	});
});

describe('OTPGet Trigger › Balance Below', () => {
	const params = { event: 'balanceBelow', balanceThreshold: 1000 };

	it('fires once per crossing and re-arms when the balance is back above', async () => {
		const data: IDataObject = {};
		expect(await poll(params, data)).toBeNull();
		sb.state.setBalance(TEST_KEY, 999.5);
		expect(await poll(params, data)).toEqual([{ balance: 999.5, threshold: 1000, currency: 'PKR', below: true }]);
		expect(await poll(params, restart(data))).toBeNull();
		sb.state.setBalance(TEST_KEY, 500);
		expect(await poll(params, data)).toBeNull();
		sb.state.setBalance(TEST_KEY, 1000);
		expect(await poll(params, data)).toBeNull();
		sb.state.setBalance(TEST_KEY, 10);
		expect(await poll(params, data)).toEqual([expect.objectContaining({ balance: 10 })]);
	});

	it('a test fetch always shows the balance', async () => {
		expect(await poll(params, {}, 'manual')).toEqual([{ balance: 5000, threshold: 1000, currency: 'PKR', below: false }]);
	});
});

describe('OTPGet Trigger › description', () => {
	it('is a polling trigger with no inputs, not a tool', () => {
		expect(trigger.description).toMatchObject({ name: 'otpGetTrigger', polling: true, inputs: [], group: ['trigger'] });
		expect(trigger.description.usableAsTool).toBeUndefined();
		expect(trigger.description.credentials).toEqual([{ name: 'otpGetApi', required: true, testedBy: 'otpGetApiTest' }]);
	});
});

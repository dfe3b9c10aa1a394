import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { extractCode } from '../../protocol/code';

import { MAX_KEYS, type SmsMemory } from '../../nodes/OtpGetTrigger/memory';
import { OtpGetTrigger } from '../../nodes/OtpGetTrigger/OtpGetTrigger.node';
import { startSandbox, TEST_KEY, type Sandbox } from '../../sandbox/server';
import { createContext } from '../helpers/context';

// Retry back-offs sleep on the sandbox clock (which Date.now follows here), so a retried failure costs no real time.
let mockSandbox: Sandbox | undefined;
jest.mock('n8n-workflow', () => ({
	...jest.requireActual<object>('n8n-workflow'),
	sleep: async (ms: number) => {
		mockSandbox?.clock.advance(ms);
	},
}));

const START = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const trigger = new OtpGetTrigger();
let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ freezeClock: true, startTime: START, otpDelayMs: -1 });
	mockSandbox = sb;
});
afterAll(async () => await sb.close());
beforeEach(() => {
	sb.state.reset();
	// The trigger's "now" is the sandbox clock, so moving the clock moves both sides' expiry maths.
	jest.spyOn(Date, 'now').mockImplementation(() => sb.clock.now());
});
afterEach(() => jest.restoreAllMocks());

let polls = 0;

/** How one request fails: its answer is lost after the server handled it, a 5xx, an unreadable answer, or "not found". */
type Fault = 'drop' | 'http500' | 'garbage' | 'notFound';
const FAULTS: Fault[] = ['drop', 'http500', 'garbage', 'notFound'];
/** Which requests fail (every attempt of them), by action and order_id. */
type FaultPlan = (action: string, orderId: string | undefined) => Fault | undefined;

const FAULT_ANSWERS: Record<Exclude<Fault, 'drop'>, { status?: number; body: string }> = {
	http500: { status: 500, body: 'Internal Server Error' },
	garbage: { body: '<html><body>502 Bad Gateway</body></html>' },
	notFound: { body: '{"status":"404","message":"Order not found or access denied."}' },
};

/** One poll as n8n runs it: live ('trigger') or a test fetch ('manual'), with the workflow's static data. */
async function poll(
	params: IDataObject,
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
	faults?: FaultPlan,
) {
	const { poll: ctx } = createContext({
		params,
		staticData,
		mode,
		credentials: { apiKey: TEST_KEY, baseUrl: sb.url },
	});
	// The per-credential rate gate reads Date.now, which these tests freeze: with one shared gate, the 11th
	// request of the file would wait forever. Each poll gets a credential (and so a gate) of its own.
	const node = ctx.getNode();
	const credentials = { otpGetApi: { id: `poll-${++polls}`, name: 'OTPGet' } };
	ctx.getNode = () => ({ ...node, credentials });
	if (faults) {
		// Faults are real answers of the sandbox (scripted just before the request goes out), or an answer lost on the way back.
		const send = ctx.helpers.httpRequestWithAuthentication;
		ctx.helpers.httpRequestWithAuthentication = async function (
			this: unknown,
			type: string,
			options: IHttpRequestOptions,
		) {
			const qs = (options.qs ?? {}) as Record<string, string>;
			const fault = faults(qs.action, qs.order_id);
			const api = options.url.includes('rental-handler') ? 'rental' : 'sms';
			if (fault && fault !== 'drop') sb.state.failNext(api, qs.action, FAULT_ANSWERS[fault]);
			const answer: unknown = await send.call(ctx, type, options);
			if (fault === 'drop')
				throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
			return answer;
		};
	}
	const out = await trigger.poll.call(ctx);
	return out === null ? null : out[0].map((item) => item.json);
}

/** A poll that may fail: its items, or [] when it threw. */
async function pollThrough(
	params: IDataObject,
	staticData: IDataObject,
	faults?: FaultPlan,
): Promise<IDataObject[]> {
	try {
		return (await poll(params, staticData, 'trigger', faults)) ?? [];
	} catch {
		return [];
	}
}

/** n8n stores static data as JSON: a restart gets a parsed copy. */
const restart = (staticData: IDataObject) => JSON.parse(JSON.stringify(staticData)) as IDataObject;

async function rent(
	provider = '2',
	countryCode = 'ca',
	hours = '720',
): Promise<{ smsOrderId: string; rentalId: string }> {
	const url = new URL(`${sb.url}/rental-handler.php`);
	const q = {
		api_key: TEST_KEY,
		action: 'rentNumber',
		country_code: countryCode,
		provider,
		duration_hours: hours,
	};
	for (const [k, v] of Object.entries(q)) url.searchParams.set(k, v);
	const answer = (await (await fetch(url)).json()) as IDataObject;
	const smsOrderId = String(answer.order_id);
	return { smsOrderId, rentalId: String(sb.state.getRental(smsOrderId)?.id) };
}

async function renew(rentalId: string, hours: string): Promise<void> {
	const url = new URL(`${sb.url}/rental-handler.php`);
	for (const [k, v] of Object.entries({
		api_key: TEST_KEY,
		action: 'renewRental',
		rental_id: rentalId,
		duration_hours: hours,
	})) {
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
		const one = {
			event: 'newRentalSms',
			rentals: 'one',
			smsOrderId: b.smsOrderId,
			options: { codePattern: 'code (\\w+)' },
		};
		const data: IDataObject = {};
		expect(await poll(one, data)).toBeNull();
		sms(a.smsOrderId, 'code AAA');
		sms(b.smsOrderId, 'code BBB');
		expect((await poll(one, data))?.map((i) => i.code)).toEqual(['BBB']);
		expect(
			sb.requests
				.filter((r) => r.action === 'getRentalSMS')
				.every((r) => r.query.order_id === b.smsOrderId),
		).toBe(true);
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
		expect((data['newRentalSms:all'] as unknown as SmsMemory).rentals[a.smsOrderId].keys).toEqual(
			[],
		);
		await renew(a.rentalId, '24');
		expect(await poll(params, restart(data))).toBeNull();
		sms(a.smsOrderId, 'code 3333');
		expect((await poll(params, data))?.map((i) => i.code)).toEqual(['3333']);
	});

	it('does not replay a history after an empty or short answer', async () => {
		const a = await rent();
		const b = await rent();
		sms(a.smsOrderId, 'code 1111');
		sms(a.smsOrderId, 'code 2222');
		sms(b.smsOrderId, 'code 3333');
		const data: IDataObject = {};
		expect(await poll(params, data)).toBeNull();
		// One inbox comes back empty, then the rental list does: nothing new, and nothing afterwards either.
		sb.state.failNext('rental', 'getRentalSMS', { body: '{"status":"200","total":0}' });
		expect(await poll(params, data)).toBeNull();
		expect(await poll(params, restart(data))).toBeNull();
		sb.state.failNext('rental', 'getMyRentals', { body: '{"status":"200","total":0}' });
		expect(await poll(params, data)).toBeNull();
		expect(await poll(params, data)).toBeNull();
		sms(b.smsOrderId, 'code 4444');
		expect((await poll(params, data))?.map((i) => i.code)).toEqual(['4444']);
	});

	it('forgets a rental only after several days missing from the rental list', async () => {
		const a = await rent();
		const data: IDataObject = {};
		await poll(params, data);
		const key = 'newRentalSms:all';
		for (let i = 0; i < 3; i++) {
			sb.state.failNext('rental', 'getMyRentals', { body: '{"status":"200","total":0}' });
			await poll(params, data);
		}
		expect((data[key] as unknown as SmsMemory).rentals[a.smsOrderId]).toBeDefined();
		sb.clock.advance(8 * 24 * HOUR);
		sb.state.failNext('rental', 'getMyRentals', { body: '{"status":"200","total":0}' });
		await poll(params, data);
		expect((data[key] as unknown as SmsMemory).rentals[a.smsOrderId]).toBeUndefined();
	});

	it('reads a rental once more after it expires, so an SMS from just before the expiry is not lost', async () => {
		const a = await rent('1', 'us', '12');
		const data: IDataObject = {};
		expect(await poll(params, data)).toBeNull();
		sb.clock.advance(12 * HOUR - 60_000);
		sms(a.smsOrderId, 'last minute 6060');
		sb.clock.advance(2 * 60_000);
		// The final read fails first: kept for the next poll, which delivers it.
		sb.state.failNext('rental', 'getRentalSMS', { body: '<html>oops</html>' });
		expect(await poll(params, data)).toBeNull();
		expect((await poll(params, data))?.map((i) => i.code)).toEqual(['6060']);
		const before = sb.requests.length;
		expect(await poll(params, data)).toBeNull();
		expect(sb.requests.slice(before).map((r) => r.action)).toEqual(['getMyRentals']);
		await renew(a.rentalId, '24');
		expect(await poll(params, restart(data))).toBeNull();
	});

	it('gives up the final read of an expired rental the provider never answers for, after a day', async () => {
		const a = await rent('1', 'us', '12');
		const data: IDataObject = {};
		await poll(params, data);
		sb.clock.advance(13 * HOUR);
		const refuse = (action: string) => (action === 'getRentalSMS' ? 'notFound' : undefined);
		expect(await poll(params, data, 'trigger', refuse)).toBeNull();
		sb.clock.advance(25 * HOUR);
		expect(await poll(params, data, 'trigger', refuse)).toBeNull();
		const before = sb.requests.length;
		expect(await poll(params, data)).toBeNull();
		expect(sb.requests.slice(before).map((r) => r.action)).toEqual(['getMyRentals']);
		expect((data['newRentalSms:all'] as unknown as SmsMemory).rentals[a.smsOrderId].closed).toBe(
			true,
		);
	});

	it('tells a new message from the seen ones stamped in the same second as the floor', async () => {
		const a = await rent();
		const data: IDataObject = {};
		await poll(params, data);
		sb.clock.advance(1000);
		for (let i = 0; i < MAX_KEYS + 10; i++) sb.state.addRentalSms(a.smsOrderId, `burst ${i}`);
		expect(await poll(params, data)).toHaveLength(MAX_KEYS + 10);
		expect(await poll(params, restart(data))).toBeNull();
		sb.state.addRentalSms(a.smsOrderId, 'same second 5151');
		expect((await poll(params, data))?.map((i) => i.text)).toEqual(['same second 5151']);
		expect(await poll(params, data)).toBeNull();
	});

	it('does not replay the history of a rental already expired when the trigger started, once renewed', async () => {
		const a = await rent('1', 'us', '12');
		sms(a.smsOrderId, 'code 1111');
		sms(a.smsOrderId, 'code 2222');
		sb.clock.advance(13 * HOUR);
		const data: IDataObject = {};
		expect(await poll(params, data)).toBeNull();
		await renew(a.rentalId, '24');
		expect(await poll(params, restart(data))).toBeNull();
		sms(a.smsOrderId, 'code 3333');
		expect((await poll(params, data))?.map((i) => i.code)).toEqual(['3333']);
	});

	it('does not repeat messages with unreadable timestamps in a long inbox', async () => {
		const a = await rent();
		const messages = Array.from({ length: MAX_KEYS + 20 }, (_, i) => ({
			from: 'Server 2',
			text: `message ${i}`,
			code: '',
			timestamp: new Date(START + i * 1000).toISOString().replace('.000Z', 'Z'),
		}));
		messages.push({
			from: 'Server 2',
			text: 'odd clock 7777',
			code: '',
			timestamp: 'yesterday-ish',
		});
		const body = JSON.stringify({
			status: '200',
			order_id: a.smsOrderId,
			total: messages.length,
			messages,
		});
		const data: IDataObject = {};
		sb.state.failNext('rental', 'getRentalSMS', { body });
		expect(await poll(params, data)).toBeNull();
		sb.state.failNext('rental', 'getRentalSMS', { body });
		expect(await poll(params, data)).toBeNull();
		expect(
			(data['newRentalSms:all'] as unknown as SmsMemory).rentals[a.smsOrderId].keys.length,
		).toBeLessThanOrEqual(MAX_KEYS);
	});

	it('reads memory kept by the previous version (floor inclusive) without replaying', async () => {
		const a = await rent();
		sms(a.smsOrderId, 'code 1111');
		const data: IDataObject = {
			'newRentalSms:all': { rentals: { [a.smsOrderId]: { keys: [], floorMs: sb.clock.now() } } },
		};
		expect(await poll(params, data)).toBeNull();
		sms(a.smsOrderId, 'code 2222');
		expect((await poll(params, data))?.map((i) => i.code)).toEqual(['2222']);
	});

	it('a test fetch shows the latest message even if already seen, and changes nothing', async () => {
		const a = await rent();
		sms(a.smsOrderId, 'first 1111');
		sms(a.smsOrderId, 'latest 2222');
		const data: IDataObject = {};
		await poll(params, data);
		const before = JSON.stringify(data);
		expect(await poll(params, data, 'manual')).toEqual([
			expect.objectContaining({ text: 'latest 2222', code: '2222' }),
		]);
		expect(JSON.stringify(data)).toBe(before);
	});

	it('a test fetch with no message at all says what to do', async () => {
		await rent();
		await expect(poll(params, {}, 'manual')).rejects.toThrow('No SMS on your rented numbers yet');
	});
});

describe('OTPGet Trigger › New Rental SMS when a read fails', () => {
	const params = { event: 'newRentalSms', rentals: 'all' };
	const inboxOf =
		(id: string): FaultPlan =>
		(action, orderId) =>
			action === 'getRentalSMS' && orderId === id ? fault : undefined;
	let fault: Fault;

	it.each(FAULTS)(
		'one unreadable rental (%s) does not hold back the others, and its SMS come once it reads again',
		async (kind) => {
			fault = kind;
			const a = await rent();
			const b = await rent();
			const data: IDataObject = {};
			expect(await poll(params, data)).toBeNull();
			sms(a.smsOrderId, 'code 1111');
			sms(b.smsOrderId, 'code 2222');
			// What A has seen (its keys and floor) stays put; only "still listed" is refreshed.
			const seenBy = (id: string) => {
				const { keys, floorMs } = (data['newRentalSms:all'] as unknown as SmsMemory).rentals[id];
				return { keys, floorMs };
			};
			const memoryOfA = seenBy(a.smsOrderId);

			const items = await poll(params, data, 'trigger', inboxOf(a.smsOrderId));
			expect(items?.map((i) => [i.smsOrderId, i.code])).toEqual([[b.smsOrderId, '2222']]);
			// Surfaced on the items the workflow gets, naming the rental and the provider's answer, not blaming the user.
			expect(items?.[0].warning).toEqual(expect.stringContaining(a.smsOrderId));
			expect(items?.[0].warning).not.toMatch(/use the smsOrderId|not the rentalId/i);
			expect(seenBy(a.smsOrderId)).toEqual(memoryOfA);

			// Still unreadable on the next poll, with nothing new elsewhere: nothing to emit, nothing lost.
			expect(await poll(params, data, 'trigger', inboxOf(a.smsOrderId))).toBeNull();
			expect(seenBy(a.smsOrderId)).toEqual(memoryOfA);
			const later = await poll(params, data);
			expect(later?.map((i) => [i.smsOrderId, i.code])).toEqual([[a.smsOrderId, '1111']]);
			expect(later?.[0].warning).toBeUndefined();
			expect(await poll(params, data)).toBeNull();
		},
	);

	it('fails only when no rental can be read, quoting the provider and saying the SMS will come later', async () => {
		const a = await rent();
		const b = await rent();
		const data: IDataObject = {};
		await poll(params, data);
		sms(a.smsOrderId, 'code 1111');
		sms(b.smsOrderId, 'code 2222');
		fault = 'notFound';
		const every: FaultPlan = (action) => (action === 'getRentalSMS' ? fault : undefined);
		const failure = poll(params, data, 'trigger', every);
		await expect(failure).rejects.toThrow(
			/Could not read the SMS of any of your 2 rentals: Rental order not found/,
		);
		await expect(poll(params, data, 'trigger', every)).rejects.not.toThrow(
			/use the smsOrderId|not the rentalId/i,
		);
		fault = 'http500';
		await expect(poll(params, data, 'trigger', every)).rejects.toThrow(/HTTP 500.*next poll/);
		expect((await poll(params, data))?.map((i) => i.code)).toEqual(['1111', '2222']);
		expect(await poll(params, data)).toBeNull();
	});

	it('a test fetch names the rental it could not read instead of "no SMS yet"', async () => {
		const a = await rent();
		await rent();
		fault = 'http500';
		await expect(poll(params, {}, 'manual', inboxOf(a.smsOrderId))).rejects.toThrow(
			new RegExp(`could not be read.*${a.smsOrderId}`),
		);
	});

	it("a watched single rental that cannot be read fails the poll with the provider's advice about the ID", async () => {
		const a = await rent();
		fault = 'notFound';
		const one = { event: 'newRentalSms', rentals: 'one', smsOrderId: a.smsOrderId };
		await expect(poll(one, {}, 'trigger', inboxOf(a.smsOrderId))).rejects.toThrow(
			/Rental order not found — use the smsOrderId/,
		);
	});

	it('emits every SMS exactly once whichever request of a poll fails, and how', async () => {
		const a = await rent();
		const b = await rent();
		const c = await rent();
		const data: IDataObject = {};
		await poll(params, data);
		const sent: string[] = [];
		const emitted: string[] = [];
		const steps: Array<(action: string, orderId?: string) => boolean> = [
			(action) => action === 'getMyRentals',
			...[a, b, c].map(
				(r) => (action: string, orderId?: string) =>
					action === 'getRentalSMS' && orderId === r.smsOrderId,
			),
		];
		let n = 0;
		for (const step of steps) {
			for (const kind of FAULTS) {
				for (const r of [a, b, c]) {
					const text = `message ${++n}`;
					sent.push(text);
					sms(r.smsOrderId, text);
				}
				const failing = await pollThrough(params, data, (action, orderId) =>
					step(action, orderId) ? kind : undefined,
				);
				// A failed read holds back that rental only: the others' SMS are out in the same poll.
				if (!step('getMyRentals')) expect(failing).toHaveLength(2);
				emitted.push(...failing.map((i) => String(i.text)));
				emitted.push(...(await pollThrough(params, data)).map((i) => String(i.text)));
			}
		}
		emitted.push(...(await pollThrough(params, data)).map((i) => String(i.text)));
		expect([...emitted].sort()).toEqual([...sent].sort());
	});
});

describe('OTPGet Trigger › Code Pattern', () => {
	const withPattern = (codePattern: string) => ({
		event: 'newRentalSms',
		rentals: 'all',
		options: { codePattern },
	});

	it('refuses a pattern that is not a regular expression before any request, and loses no SMS', async () => {
		const a = await rent();
		const data: IDataObject = {};
		await poll(withPattern('(\\d{6})'), data);
		sms(a.smsOrderId, 'Your code is 123456');
		const before = JSON.stringify(data);
		const sentBefore = sb.requests.length;
		const failure = poll(withPattern('(\\d{6}'), data);
		await expect(failure).rejects.toThrow(NodeOperationError);
		await expect(poll(withPattern('(\\d{6}'), data)).rejects.toThrow(
			/"Code Pattern" is not a valid regular expression/,
		);
		await expect(poll(withPattern('(\\d{6}'), data, 'manual')).rejects.toThrow(/"Code Pattern"/);
		expect(sb.requests.length).toBe(sentBefore);
		expect(JSON.stringify(data)).toBe(before);
		expect((await poll(withPattern('(\\d{6})'), data))?.map((i) => i.code)).toEqual(['123456']);
	});

	it('never gives an empty code when the pattern can match nothing', async () => {
		const a = await rent();
		const data: IDataObject = {};
		await poll(withPattern('\\d*'), data);
		sms(a.smsOrderId, 'Your code is 4321');
		expect((await poll(withPattern('\\d*'), data))?.map((i) => i.code)).toEqual(['4321']);
		sms(a.smsOrderId, 'Your code is 8765');
		expect((await poll(withPattern('code (x*)'), data))?.map((i) => i.code)).toEqual(['8765']);
		sms(a.smsOrderId, 'Hello there');
		expect((await poll(withPattern('(\\d*)'), data))?.map((i) => i.code)).toEqual([null]);
	});

	it('reads the same code as Wait for OTP from the same SMS: the match is trimmed (one extractor)', async () => {
		const a = await rent();
		const data: IDataObject = {};
		const pattern = 'code:(\\s*\\d{4}\\s*)';
		await poll(withPattern(pattern), data);
		sms(a.smsOrderId, 'Your code: 4321 ');
		expect((await poll(withPattern(pattern), data))?.map((i) => i.code)).toEqual([
			extractCode('Your code: 4321 ', pattern),
		]);
		expect(extractCode('Your code: 4321 ', pattern)).toBe('4321');
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
			expect.objectContaining({
				rentalId: a.rentalId,
				expiresAt: new Date(START + 36 * HOUR).toISOString(),
				hoursLeft: 23,
			}),
		]);
		expect(await poll(params, data)).toBeNull();
		// Expired rentals never fire.
		sb.clock.advance(30 * HOUR);
		expect(await poll(params, data)).toBeNull();
	});

	it('does not fire again for the same expiry after an empty or short rental list', async () => {
		const a = await rent('1', 'us', '12');
		const data: IDataObject = {};
		expect(await poll(params, data)).toEqual([expect.objectContaining({ rentalId: a.rentalId })]);
		sb.state.failNext('rental', 'getMyRentals', { body: '{"status":"200","total":0}' });
		expect(await poll(params, data)).toBeNull();
		expect(await poll(params, data)).toBeNull();
		expect(await poll(params, restart(data))).toBeNull();
		// The announcement is forgotten once its expiry is well past: memory stays bounded.
		sb.clock.advance(48 * HOUR);
		await poll(params, data);
		expect((data.rentalExpiring as IDataObject).fired).toEqual({});
	});

	it.each(FAULTS)(
		'fires exactly once for an expiry whatever fails (%s) before or after it fires',
		async (kind) => {
			const a = await rent('1', 'us', '12');
			const failList: FaultPlan = (action) => (action === 'getMyRentals' ? kind : undefined);
			const data: IDataObject = {};
			const fired: IDataObject[] = [];
			fired.push(...(await pollThrough(params, data, failList)));
			expect(fired).toEqual([]);
			fired.push(...(await pollThrough(params, data)));
			fired.push(...(await pollThrough(params, data, failList)));
			fired.push(...(await pollThrough(params, restart(data), failList)));
			fired.push(...(await pollThrough(params, data)));
			expect(fired).toEqual([expect.objectContaining({ rentalId: a.rentalId })]);
			// The renewal it started moves the expiry: the new one fires once too, failures or not.
			await renew(a.rentalId, '12');
			sb.clock.advance(2 * HOUR);
			fired.push(...(await pollThrough(params, data, failList)));
			fired.push(...(await pollThrough(params, data)));
			fired.push(...(await pollThrough(params, data)));
			expect(fired.map((i) => i.expiresAt)).toEqual([
				new Date(START + 12 * HOUR).toISOString(),
				new Date(START + 24 * HOUR).toISOString(),
			]);
		},
	);

	it('refuses a missing SMS Order ID before any request', async () => {
		await rent('1', 'us', '12');
		const sentBefore = sb.requests.length;
		await expect(poll({ ...params, rentals: 'one', smsOrderId: ' ' }, {})).rejects.toThrow(
			'"SMS Order ID" is required',
		);
		expect(sb.requests.length).toBe(sentBefore);
	});

	it('a test fetch shows the rentals within the threshold, or else the next one to expire', async () => {
		const a = await rent('1', 'us', '12');
		const data: IDataObject = {};
		await poll(params, data);
		expect(await poll(params, data, 'manual')).toEqual([
			expect.objectContaining({ rentalId: a.rentalId }),
		]);
		expect(await poll({ ...params, thresholdHours: 1 }, {}, 'manual')).toEqual([
			expect.objectContaining({ rentalId: a.rentalId, hoursLeft: 12 }),
		]);
	});
});

describe('OTPGet Trigger › Balance Below', () => {
	const params = { event: 'balanceBelow', balanceThreshold: 1000 };

	it('fires once per crossing and re-arms when the balance is back above', async () => {
		const data: IDataObject = {};
		expect(await poll(params, data)).toBeNull();
		sb.state.setBalance(TEST_KEY, 999.5);
		expect(await poll(params, data)).toEqual([
			{ balance: 999.5, threshold: 1000, currency: 'PKR', below: true, provider: 'otpget' },
		]);
		expect(await poll(params, restart(data))).toBeNull();
		sb.state.setBalance(TEST_KEY, 500);
		expect(await poll(params, data)).toBeNull();
		sb.state.setBalance(TEST_KEY, 1000);
		expect(await poll(params, data)).toBeNull();
		sb.state.setBalance(TEST_KEY, 10);
		expect(await poll(params, data)).toEqual([expect.objectContaining({ balance: 10 })]);
	});

	it.each(FAULTS.filter((f) => f !== 'notFound'))(
		'fires exactly once per dip whatever fails (%s) around it',
		async (kind) => {
			const failBalance: FaultPlan = (action) => (action === 'getBalance' ? kind : undefined);
			const data: IDataObject = {};
			const fired: IDataObject[] = [];
			await poll(params, data);
			sb.state.setBalance(TEST_KEY, 900);
			fired.push(...(await pollThrough(params, data, failBalance)));
			expect(fired).toEqual([]);
			fired.push(...(await pollThrough(params, data)));
			fired.push(...(await pollThrough(params, data, failBalance)));
			fired.push(...(await pollThrough(params, restart(data), failBalance)));
			fired.push(...(await pollThrough(params, data)));
			expect(fired).toEqual([expect.objectContaining({ balance: 900 })]);
			sb.state.setBalance(TEST_KEY, 2000);
			await pollThrough(params, data, failBalance);
			sb.state.setBalance(TEST_KEY, 800);
			fired.push(...(await pollThrough(params, data, failBalance)));
			fired.push(...(await pollThrough(params, data)));
			fired.push(...(await pollThrough(params, data)));
			// The rise above was never read (its poll failed), so this is still the first dip: no second event.
			expect(fired).toEqual([expect.objectContaining({ balance: 900 })]);
			sb.state.setBalance(TEST_KEY, 2000);
			await pollThrough(params, data);
			sb.state.setBalance(TEST_KEY, 700);
			fired.push(...(await pollThrough(params, data, failBalance)));
			fired.push(...(await pollThrough(params, data)));
			expect(fired).toEqual([
				expect.objectContaining({ balance: 900 }),
				expect.objectContaining({ balance: 700 }),
			]);
		},
	);

	it('a test fetch always shows the balance', async () => {
		expect(await poll(params, {}, 'manual')).toEqual([
			{ balance: 5000, threshold: 1000, currency: 'PKR', below: false, provider: 'otpget' },
		]);
	});
});

describe('OTPGet Trigger › description', () => {
	it('is a polling trigger with no inputs, not a tool', () => {
		expect(trigger.description).toMatchObject({
			name: 'otpGetTrigger',
			polling: true,
			inputs: [],
			group: ['trigger'],
		});
		expect(trigger.description.usableAsTool).toBeUndefined();
		expect(trigger.description.credentials).toEqual([
			{ name: 'otpGetApi', required: true, displayOptions: { show: { apiProvider: ['otpget'] } } },
			{ name: 'otpxApi', required: true, displayOptions: { show: { apiProvider: ['otpx'] } } },
			{
				name: 'instaOtpApi',
				required: true,
				displayOptions: { show: { apiProvider: ['instaotp'] } },
			},
			{
				name: 'sastaOtpApi',
				required: true,
				displayOptions: { show: { apiProvider: ['sastaotp'] } },
			},
		]);
	});
});

import { optionsFromCli } from '../../sandbox/cli';
import { TEST_KEY, startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { call, control, sms } from './helpers';

const K = { api_key: TEST_KEY };

interface Code {
	code: string;
	requestedAt: number;
	scheduledAt: number | null;
	availableAt: number | null;
	firstSeenAt: number | null;
}
interface Entry {
	api: string;
	dialect: string;
	id: string;
	status: string;
	createdAt: number;
	delayMs: number | null;
	scheduledAt: number | null;
	availableAt: number | null;
	firstSeenAt: number | null;
	codes: Code[];
}

async function withSandbox<T>(opts: SandboxOptions, fn: (sb: Sandbox) => Promise<T>): Promise<T> {
	const sb = await startSandbox({ freezeClock: true, startTime: 1_773_057_600_000, ...opts });
	try {
		return await fn(sb);
	} finally {
		await sb.close();
	}
}

async function buyMany(sb: Sandbox, n: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < n; i++)
		ids.push(
			(await sms(sb, { ...K, action: 'getNumber', service: 101, country: 61, type: 1 })).text.split(
				':',
			)[1],
		);
	return ids;
}

describe('scheduled codes', () => {
	it('draws each order delay from the seeded range, the same for the same seed, without changing ids or codes', async () => {
		const scheduleOf = (opts: SandboxOptions) =>
			withSandbox(opts, async (sb) => {
				await buyMany(sb, 20);
				return (await control<{ orders: Entry[] }>(sb, 'schedule')).orders;
			});
		const a = await scheduleOf({ otpDelayMsRange: [10_000, 60_000], seed: 7 });
		const delays = a.map((o) => (o.scheduledAt ?? 0) - o.createdAt);
		expect(delays.every((d) => d >= 10_000 && d <= 60_000)).toBe(true);
		expect(new Set(delays).size).toBeGreaterThan(15);
		const b = await scheduleOf({ otpDelayMsRange: [10_000, 60_000], seed: 7 });
		expect(b).toEqual(a);
		const other = await scheduleOf({ otpDelayMsRange: [10_000, 60_000], seed: 8 });
		expect(other.map((o) => (o.scheduledAt ?? 0) - o.createdAt)).not.toEqual(delays);
		const fixed = await scheduleOf({ seed: 7 });
		expect(fixed.map((o) => [o.id, o.codes[0].code])).toEqual(
			a.map((o) => [o.id, o.codes[0].code]),
		);
		expect(fixed.every((o) => (o.scheduledAt ?? 0) - o.createdAt === 15_000)).toBe(true);
	});

	it('answers STATUS_OK exactly from each order own time, and reports availability and first sight', async () => {
		await withSandbox({ otpDelayMsRange: [10_000, 60_000], seed: 7 }, async (sb) => {
			const ids = await buyMany(sb, 5);
			const planned = (await control<{ orders: Entry[] }>(sb, 'schedule')).orders;
			expect(
				planned.every(
					(o) => o.availableAt === null && o.delayMs === null && o.firstSeenAt === null,
				),
			).toBe(true);
			const first = planned.reduce((m, o) =>
				(o.scheduledAt ?? Infinity) < (m.scheduledAt ?? Infinity) ? o : m,
			);
			sb.clock.set((first.scheduledAt ?? 0) - 1);
			expect((await sms(sb, { ...K, action: 'getStatus', id: first.id })).text).toBe(
				'STATUS_WAIT_CODE',
			);
			sb.clock.advance(1);
			expect((await sms(sb, { ...K, action: 'getStatus', id: first.id })).text).toBe(
				`STATUS_OK:${first.codes[0].code}`,
			);
			sb.clock.advance(5_000);
			await sms(sb, { ...K, action: 'getStatus', id: first.id });
			const after = (await control<{ orders: Entry[] }>(sb, 'schedule')).orders.find(
				(o) => o.id === first.id,
			);
			expect(after).toMatchObject({
				availableAt: first.scheduledAt,
				delayMs: (first.scheduledAt ?? 0) - first.createdAt,
				firstSeenAt: first.scheduledAt,
				status: 'received',
			});
			expect(ids).toContain(first.id);
		});
	});

	it('can be set at run time and lists the "another SMS" codes of a dialect order', async () => {
		await withSandbox({ provider: 'otpx' }, async (sb) => {
			expect(await control(sb, 'config?otp_delay_ms_range=1000-2000')).toMatchObject({
				otpDelayMsRange: [1000, 2000],
			});
			const id = (
				await call(sb, 'handler_api.php', { ...K, action: 'getNumber', service: 'tg', country: 22 })
			).text.split(':')[1];
			sb.clock.advance(2_000);
			await call(sb, 'handler_api.php', { ...K, action: 'getStatus', id });
			await call(sb, 'handler_api.php', { ...K, action: 'setStatus', id, status: 3 });
			sb.clock.advance(2_000);
			await call(sb, 'handler_api.php', { ...K, action: 'getStatus', id });
			const [o] = (await control<{ orders: Entry[] }>(sb, 'schedule')).orders;
			expect(o).toMatchObject({ api: 'sms', dialect: 'otpx', id });
			expect(o.codes).toHaveLength(2);
			expect(o.codes[1].requestedAt).toBe(o.createdAt + 2_000);
			expect(o.codes[1].availableAt).not.toBeNull();
			expect(o.codes[1].firstSeenAt).toBe(o.createdAt + 4_000);
			expect(await control(sb, 'config?otp_delay_ms_range=9-1')).toMatchObject({
				error: expect.stringContaining('range'),
			});
		});
	});
});

describe('request log', () => {
	it('counts requests by action and the peak per window, with dialect and no parameters', async () => {
		await withSandbox({ provider: 'sastaotp' }, async (sb) => {
			await Promise.all(
				Array.from({ length: 6 }, () =>
					call(sb, 'handler_api.php', { ...K, action: 'getBalance' }),
				),
			);
			await call(sb, 'handler_api.php', { action: 'getServicesList' }, { 'X-API-Key': TEST_KEY });
			await control(sb, 'state');
			const log = await control<{
				count: number;
				peak: number;
				byAction: Record<string, number>;
				byApiAction: Record<string, number>;
				requests: Array<Record<string, unknown>>;
			}>(sb, 'request-log?window_ms=1000');
			expect(log.count).toBe(7);
			expect(log.byAction).toEqual({ getBalance: 6, getServicesList: 1 });
			expect(log.byApiAction).toEqual({ 'sms:getBalance': 6, 'sms:getServicesList': 1 });
			expect(log.peak).toBeGreaterThanOrEqual(6);
			expect(Object.keys(log.requests[0]).sort()).toEqual([
				'action',
				'api',
				'at',
				'dialect',
				'method',
				'realAt',
				'seq',
			]);
			expect(log.requests.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
			expect(log.requests[6]).toMatchObject({ dialect: 'sastaotp', action: 'getServicesList' });
			expect(JSON.stringify(log)).not.toContain(TEST_KEY);
		});
	});
});

describe('CLI options', () => {
	it('parses the dialect, fault and schedule flags', () => {
		const o = optionsFromCli([
			'--provider',
			'sastaotp',
			'--faults',
			'0.2',
			'--fault-seed',
			'7',
			'--fault-kinds',
			'http502,reset-after',
			'--fault-action-rates',
			'getNumber:0.5,sms:getStatus:1',
			'--hang-ms=70000',
			'--otp-delay-ms-range',
			'10000-60000',
			'--seed',
			'7',
		]);
		expect(o).toMatchObject({
			provider: 'sastaotp',
			seed: 7,
			otpDelayMsRange: [10_000, 60_000],
			faults: {
				rate: 0.2,
				seed: 7,
				kinds: ['http502', 'reset-after'],
				actionRates: { getNumber: 0.5, 'sms:getStatus': 1 },
				hangMs: 70_000,
			},
		});
		expect(optionsFromCli([])).not.toHaveProperty('faults');
		expect(() => optionsFromCli(['--provider', 'smsactivate'])).toThrow(
			/--provider must be one of/,
		);
		expect(() => optionsFromCli(['--faults', '5'])).toThrow(/between 0 and 1/);
		expect(() => optionsFromCli(['--fault-kinds', 'meteor'])).toThrow(/unknown fault kind/);
		expect(() => optionsFromCli(['--otp-delay-ms-range', '60-10'])).toThrow(/range/);
	});
});

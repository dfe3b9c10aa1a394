import {
	FAULT_KINDS,
	PHP_WARNING,
	TEST_KEY,
	startSandbox,
	type FaultKind,
	type Sandbox,
} from '../../sandbox/server';
import { control } from './helpers';

let sb: Sandbox;
const BUY = `action=getNumber&service=101&country=61&type=1&api_key=${TEST_KEY}`;
const BALANCE = `action=getBalance&api_key=${TEST_KEY}`;

beforeAll(async () => {
	sb = await startSandbox({ freezeClock: true });
});
afterAll(() => sb.close());
beforeEach(async () => {
	sb.state.reset();
	await control(sb, 'faults?clear=1');
	Object.assign(sb.options.faults, {
		kinds: [...FAULT_KINDS],
		hangMs: 65_000,
		slowMs: 2_000,
		retryAfterS: 2,
	});
});

type Got = { status: number; text: string; retryAfter: string | null } | { error: string };

/** One GET that reports a network failure instead of throwing (fetch's "fetch failed" hides the cause). */
async function get(query: string, timeoutMs = 5_000, target: Sandbox = sb): Promise<Got> {
	try {
		const res = await fetch(`${target.url}/handler_api.php?${query}`, {
			signal: AbortSignal.timeout(timeoutMs),
		});
		return {
			status: res.status,
			text: await res.text(),
			retryAfter: res.headers.get('retry-after'),
		};
	} catch (e) {
		const err = e as Error & { cause?: { code?: string } };
		return { error: err.name === 'TimeoutError' ? 'timeout' : (err.cause?.code ?? err.message) };
	}
}

async function faultNext(kind: FaultKind, action = 'getNumber'): Promise<void> {
	await control(sb, `fault-next?api=sms&action=${action}&kind=${kind}`);
}

describe('fault kinds (scripted with fault-next)', () => {
	it('5xx without and with an HTML body, not processed', async () => {
		await faultNext('http502');
		expect(await get(BUY)).toEqual({ status: 502, text: '', retryAfter: null });
		await faultNext('http503-html');
		const html = await get(BUY);
		expect(html).toMatchObject({ status: 503 });
		expect('text' in html && html.text).toContain('<title>503 Service Unavailable</title>');
		await faultNext('http500');
		expect(await get(BUY)).toMatchObject({ status: 500, text: '' });
		expect(sb.state.ledger()).toEqual([]);
	});

	it('429 with Retry-After, not processed', async () => {
		sb.options.faults.retryAfterS = 7;
		await faultNext('http429');
		expect(await get(BUY)).toEqual({ status: 429, text: 'Too Many Requests', retryAfter: '7' });
		expect(sb.state.ledger()).toEqual([]);
	});

	it('reset before processing: connection reset, nothing bought', async () => {
		await faultNext('reset-before');
		expect(await get(BUY)).toEqual({ error: 'ECONNRESET' });
		expect(sb.state.ledger()).toEqual([]);
		expect((await get(BUY)) as { text: string }).toMatchObject({
			text: expect.stringMatching(/^ACCESS_NUMBER:/),
		});
	});

	it('reset after processing: connection reset, but the purchase was made and the ledger shows the charge', async () => {
		await faultNext('reset-after');
		expect(await get(BUY)).toEqual({ error: 'ECONNRESET' });
		expect(sb.state.ledger(TEST_KEY)).toEqual([
			expect.objectContaining({ kind: 'purchase', amount: -45 }),
		]);
		expect(sb.state.orders(TEST_KEY).activations).toHaveLength(1);
	});

	it('hang: the answer is held past the client timeout while the purchase is made', async () => {
		sb.options.faults.hangMs = 1_500;
		await faultNext('hang');
		expect(await get(BUY, 200)).toEqual({ error: 'timeout' });
		expect(sb.state.ledger(TEST_KEY)).toHaveLength(1);
	});

	it('slow: the real answer, late', async () => {
		sb.options.faults.slowMs = 300;
		await faultNext('slow', 'getBalance');
		const t0 = Date.now();
		expect(await get(BALANCE)).toMatchObject({ status: 200, text: 'ACCESS_BALANCE:5000.00' });
		expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
	});

	it('empty, truncated and PHP-warning bodies after processing', async () => {
		await faultNext('empty');
		expect(await get(BUY)).toMatchObject({ status: 200, text: '' });
		await faultNext('truncated');
		const cut = (await get(BUY)) as { text: string };
		expect(cut.text).toMatch(/^ACCESS_NUMB/);
		expect(cut.text).not.toMatch(/^ACCESS_NUMBER:[a-z0-9]+:\d+$/);
		await faultNext('php-warning');
		const warned = (await get(BUY)) as { text: string };
		expect(warned.text.startsWith(PHP_WARNING)).toBe(true);
		expect(warned.text.slice(PHP_WARNING.length)).toMatch(/^ACCESS_NUMBER:[a-z0-9]+:\d+$/);
		// All three purchases happened.
		expect(sb.state.ledger(TEST_KEY)).toHaveLength(3);
	});

	it('rejects an unknown kind', async () => {
		expect(await control(sb, 'fault-next?api=sms&action=getNumber&kind=meteor')).toMatchObject({
			error: expect.stringContaining('kind must be one of'),
		});
	});
});

describe('random faults', () => {
	const QUICK = 'http500,http502-html,http429,reset-before,empty,truncated,php-warning';

	async function run(target: Sandbox, n: number): Promise<Array<string | undefined>> {
		for (let i = 0; i < n; i++) await get(BALANCE, 5_000, target);
		return target.requests.map((r) => r.fault);
	}

	it('are off by default', async () => {
		await run(sb, 30);
		expect(sb.requests.every((r) => r.fault === undefined)).toBe(true);
		expect((await control<{ total: number }>(sb, 'faults')).total).toBe(0);
	});

	it('hit about rate of the requests, deterministically for a seed, and are counted per kind', async () => {
		const r = await control<{ config: { rate: number; seed: number } }>(
			sb,
			`faults?rate=0.3&seed=7&kinds=${QUICK}`,
		);
		expect(r.config).toMatchObject({ rate: 0.3, seed: 7 });
		const first = await run(sb, 60);
		const hits = first.filter((f) => f !== undefined).length;
		expect(hits).toBeGreaterThan(6);
		expect(hits).toBeLessThan(36);

		const report = await control<{
			counts: Record<string, number>;
			total: number;
			injected: Array<{ seq: number; kind: string }>;
		}>(sb, 'faults');
		expect(report.total).toBe(hits);
		expect(Object.values(report.counts).reduce((a, b) => a + b, 0)).toBe(hits);
		expect(report.injected.map((i) => i.kind)).toEqual(first.filter((f) => f !== undefined));
		expect(
			new Set(Object.keys(report.counts).filter((k) => report.counts[k] > 0)).size,
		).toBeGreaterThan(2);

		// Same seed, same requests: same faults, in a second sandbox started from the CLI-style options.
		const twin = await startSandbox({
			freezeClock: true,
			faults: { rate: 0.3, seed: 7, kinds: QUICK.split(',') as FaultKind[] },
		});
		try {
			expect(await run(twin, 60)).toEqual(first);
		} finally {
			await twin.close();
		}
		// Reset restarts the dice.
		sb.state.reset();
		expect(await run(sb, 60)).toEqual(first);
		// Another seed, other faults.
		sb.state.reset();
		await control(sb, 'faults?seed=8');
		expect(await run(sb, 60)).not.toEqual(first);
	});

	it('per-action rates replace the global rate for those actions; clear turns them off', async () => {
		await control(sb, 'faults?rate=0&action_rates=getNumber:1&kinds=http503');
		for (let i = 0; i < 3; i++) {
			expect(await get(BALANCE)).toMatchObject({ status: 200 });
			expect(await get(BUY)).toMatchObject({ status: 503 });
		}
		const counts = (await control<{ counts: Record<string, number> }>(sb, 'faults')).counts;
		expect(counts.http503).toBe(3);
		await control(sb, 'faults?clear=1');
		expect((await get(BUY)) as { text: string }).toMatchObject({
			status: 200,
			text: expect.stringMatching(/^ACCESS_NUMBER:/),
		});
		expect(await control(sb, 'faults?rate=2')).toMatchObject({
			error: 'rate must be between 0 and 1',
		});
	});
});

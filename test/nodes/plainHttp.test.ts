/**
 * A plain http:// base URL to another host still works (the sandbox and local proxies use http), but the
 * credential says the key then travels unencrypted, and so does the error of a request that fails that way.
 * Real HTTP to the sandbox on this machine's network address (not loopback), through the transport.
 */
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';

import { NodeHelpers, type INodeProperties } from 'n8n-workflow';

import { InstaOtpApi } from '../../credentials/InstaOtpApi.credentials';
import { OtpGetApi } from '../../credentials/OtpGetApi.credentials';
import { OtpxApi } from '../../credentials/OtpxApi.credentials';
import { SastaOtpApi } from '../../credentials/SastaOtpApi.credentials';
import { OtpGet } from '../../nodes/OtpGet/OtpGet.node';
import { plainHttpHint } from '../../nodes/shared/transport';
import { startSandbox, TEST_KEY, type Sandbox } from '../../sandbox/server';
import { jsonOf, runNode } from '../helpers/context';

/** This machine's first non-loopback IPv4 address: a host the transport must not take for a local one. */
const lan = Object.values(networkInterfaces())
	.flat()
	.find((i) => i?.family === 'IPv4' && !i.internal)?.address;

const itLan = lan ? it : it.skip;
const node = new OtpGet();

async function balance(baseUrl: string): Promise<{ ok?: unknown; error?: string }> {
	try {
		const { output } = await runNode(node, {
			params: { resource: 'account', operation: 'getBalance' },
			credentials: { apiKey: TEST_KEY, baseUrl },
		});
		return { ok: jsonOf(output)[0] };
	} catch (error) {
		const e = error as { message?: string; description?: string };
		return { error: `${e.message} ${e.description ?? ''}` };
	}
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('plain http:// to another host', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ host: '0.0.0.0' });
	});
	afterAll(async () => await sb.close());
	beforeEach(() => sb.state.reset());

	it('names only plain http:// to a host that is not this machine', () => {
		expect(plainHttpHint('http://api.example.com/stubs/handler_api.php')).toMatch(
			/plain http:\/\/ to api\.example\.com.*unencrypted/,
		);
		for (const local of [
			'https://api.example.com/x',
			'http://127.0.0.1:8765/handler_api.php',
			'http://localhost/x',
			'http://[::1]:80/x',
			'http://sandbox.localhost/x',
		])
			expect(plainHttpHint(local)).toBe('');
	});

	itLan('keeps working, and says nothing while it works', async () => {
		const got = await balance(`http://${lan}:${sb.options.port}`);
		expect(got.error).toBeUndefined();
		expect(got.ok).toMatchObject({ balance: expect.any(Number) });
	});

	itLan('a provider error over it carries the warning', async () => {
		sb.state.failNext('sms', 'getBalance', { body: 'BAD_KEY' });
		const got = await balance(`http://${lan}:${sb.options.port}`);
		expect(got.error).toMatch(/plain http:\/\/ to [\d.]+, so the API key travels unencrypted/);
	});

	itLan('a connection failure over it carries the warning', async () => {
		const got = await balance(`http://${lan}:${await closedPort()}`);
		expect(got.error).toMatch(/Could not reach the provider.*plain http:\/\//);
	});

	it('the sandbox on 127.0.0.1 fails without the warning', async () => {
		sb.state.failNext('sms', 'getBalance', { body: 'BAD_KEY' });
		const got = await balance(`http://127.0.0.1:${sb.options.port}`);
		expect(got.error).toMatch(/API key/);
		expect(got.error).not.toMatch(/plain http/);
	});
});

describe('the credentials', () => {
	const shown = (properties: INodeProperties[], name: string, values: Record<string, unknown>) => {
		const visible = properties.filter(
			(p) =>
				p.name.startsWith(name) &&
				NodeHelpers.displayParameter({ ...values } as never, p, null, null, { ...values } as never),
		);
		return visible.length;
	};

	it.each([new OtpGetApi(), new OtpxApi(), new InstaOtpApi(), new SastaOtpApi()])(
		'$name: a notice for plain http:// to another host, none for https:// or this machine',
		(credential) => {
			const notice = (baseUrl: string) =>
				shown(credential.properties, 'plainHttpNotice', { baseUrl });
			expect(notice('http://api.example.com/stubs')).toBe(1);
			expect(notice(' HTTP://10.0.0.5:8080')).toBe(1);
			expect(notice('https://api.example.com/stubs')).toBe(0);
			expect(notice('http://127.0.0.1:8765')).toBe(0);
			expect(notice('http://localhost:8765/stubs')).toBe(0);
			expect(notice('')).toBe(0);
		},
	);

	it.each([new OtpGetApi(), new SastaOtpApi()])(
		'$name: a notice when the processes outnumber the cap (per-process rate below 1/s)',
		(credential) => {
			const notice = (maxRequestsPerSecond: number, processes: number) =>
				shown(credential.properties, 'lowRateNotice', { maxRequestsPerSecond, processes });
			expect(notice(2, 5)).toBe(1);
			expect(notice(0.5, 2)).toBe(1);
			expect(notice(4, 40)).toBe(1);
			expect(notice(10, 1)).toBe(0);
			expect(notice(10, 5)).toBe(0);
			expect(notice(5, 5)).toBe(0);
		},
	);
});

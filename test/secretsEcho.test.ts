/**
 * A PHP server quotes the key it received back in a JSON answer, as json_encode writes it: `/` as `\/`, `"` and
 * `\` escaped, every non-ASCII UTF-16 unit as `\uxxxx`. JSON.parse undoes those escapes, so the message the
 * node builds from the `message` field must still not hold the key. OTPGet (key in the query) and SastaOTP (key
 * in the X-API-Key header), answers under 200, 403 and 500, over real HTTP through the transport.
 */
import { inspect } from 'node:util';

import type { ProviderId } from '../protocol/providers';
import { OtpGet } from '../nodes/OtpGet/OtpGet.node';
import { CREDENTIAL_TYPES } from '../nodes/shared/provider';
import { phpJsonString, startSandbox, type Sandbox } from '../sandbox/server';
import { jsonOf, runNode } from './helpers/context';

/**
 * base64-style (the issue's own), and one with a quote, a backslash, Latin-1, BMP and astral characters. A header
 * carries bytes, not text: a non-ASCII key cannot reach SastaOTP intact, so its header key keeps to ASCII.
 */
const KEYS: Record<ProviderId, string[]> = {
	otpget: ['Zk9/aQ2+bX7/pL4w==', 'q"u\\o/t+e=é€😀-k'],
	sastaotp: ['Zk9/aQ2+bX7/pL4w==', 'q"u\\o/t+e=-k'],
	otpx: [],
	instaotp: [],
};

/** Every form of the key worked out here: plain, JSON-escaped both ways, URL-encoded, base64. */
function forms(key: string): string[] {
	const php = phpJsonString(key).slice(1, -1);
	return [
		key,
		JSON.stringify(key).slice(1, -1),
		php,
		php.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`),
		encodeURIComponent(key),
		Buffer.from(key).toString('base64'),
	];
}

function serialise(value: unknown): string {
	const e = value as { message?: unknown; description?: unknown };
	return [
		JSON.stringify(value),
		inspect(value, { depth: Infinity, showHidden: true, getters: true }),
		String(e?.message ?? ''),
		String(e?.description ?? ''),
	].join('\n');
}

const node = new OtpGet();

describe.each<ProviderId>(['otpget', 'sastaotp'])('%s', (provider) => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ provider });
	});
	afterAll(async () => await sb.close());
	beforeEach(() => sb.state.reset());

	async function balance(key: string, continueOnFail = false): Promise<string> {
		try {
			const { output } = await runNode(node, {
				params: { apiProvider: provider, resource: 'account', operation: 'getBalance' },
				credentials: { apiKey: key, baseUrl: sb.url },
				credentialType: CREDENTIAL_TYPES[provider],
				continueOnFail,
			});
			return serialise(jsonOf(output));
		} catch (error) {
			return serialise(error);
		}
	}

	it.each(KEYS[provider])('the sandbox takes the key %j as sent (query or header)', async (key) => {
		sb.state.addKey(key, 100);
		expect(await balance(key)).toContain('100');
		expect(sb.requests.at(-1)?.query.api_key).toBe(provider === 'otpget' ? key : undefined);
	});

	describe.each(KEYS[provider])('key %j', (key) => {
		it.each([200, 403, 500])('echoed JSON-escaped under %i: no form of the key', async (status) => {
			sb.state.addKey(key, 100);
			const body = `{"status":"error","message":"Account blocked or inactive: API key ${phpJsonString(key).slice(1, -1)} is blocked"}`;
			// A read is tried 3 times on a 5xx: every attempt gets the echo.
			for (let i = 0; i < 3; i++) sb.state.failNext('sms', 'getBalance', { status, body });
			const text = await balance(key);
			expect(text).toContain('blocked');
			expect(forms(key).filter((form) => text.includes(form))).toEqual([]);
		});

		it('a server echoing what it received (sandbox fault echo-key-json, every status)', async () => {
			sb.state.addKey(key, 100);
			sb.state.faults.configure({ rate: 1, kinds: ['echo-key-json'] });
			try {
				const texts = [];
				for (let i = 0; i < 3; i++) texts.push(await balance(key, i === 0));
				expect(new Set(sb.requests.map((r) => r.fault))).toEqual(new Set(['echo-key-json']));
				const text = texts.join('\n');
				expect(text).toContain('blocked');
				expect(forms(key).filter((form) => text.includes(form))).toEqual([]);
			} finally {
				sb.state.faults.clear();
			}
		});
	});
});

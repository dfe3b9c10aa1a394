/**
 * No paid order is ever invisible: when a later item of a batch purchase fails, the node's output is lost
 * (n8n drops it when the node throws), so the error itself names every order already bought, and its advice
 * never leads to buying them again. Over real HTTP, through n8n-core's request helper and n8n's error classes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeApiError } from 'n8n-workflow';

import { OtpGet } from '../../nodes/OtpGet/OtpGet.node';
import { startSandbox, TEST_KEY, type Sandbox } from '../../sandbox/server';
import { jsonOf, runNode } from '../helpers/context';

const node = new OtpGet();
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ otpDelayMs: 60_000 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.state.reset());

const getNumber = {
	resource: 'smsActivation',
	operation: 'getNumber',
	providerType: '1',
	country: '61',
	service: '101',
};
const credentials = () => ({ apiKey: TEST_KEY, baseUrl: sandbox.url });

async function failure(run: Promise<unknown>): Promise<NodeApiError> {
	try {
		await run;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected a failure');
}

const purchasesIn = () => sandbox.state.ledger(TEST_KEY).filter((e) => e.amount < 0);

describe('a batch purchase that fails part-way', () => {
	it('42 Get Number items with balance for 41: the error names all 41 paid orders and does not say "run again"', async () => {
		const price = 45;
		sandbox.state.setBalance(TEST_KEY, price * 41 + 10);
		const items = Array.from({ length: 42 }, (_, i) => ({ json: { n: i } }));
		const error = await failure(
			runNode(node, { params: getNumber, items, credentials: credentials() }),
		);
		const bought = purchasesIn();
		expect(bought).toHaveLength(41);
		const text = `${error.message} ${error.description}`;
		for (const entry of bought) expect(error.description).toContain(`orderId ${entry.orderId}`);
		expect(error.message).toMatch(
			/^Item 42 failed: Insufficient balance — 41 order\(s\) bought by earlier items are paid and open/,
		);
		expect(error.message).toMatch(
			/do not run this node again on all items, that would buy them again/,
		);
		expect(text).not.toMatch(/then run again|Retrying later may succeed/);
		expect(error.description).toMatch(/buy again only for the item that failed/);
	});

	it("a bad service on item 2 still reports item 1's order, and the items not run", async () => {
		const error = await failure(
			runNode(node, {
				params: [getNumber, { ...getNumber, service: '999999' }, getNumber],
				items: [{ json: {} }, { json: {} }, { json: {} }],
				credentials: credentials(),
			}),
		);
		const [first] = purchasesIn();
		expect(purchasesIn()).toHaveLength(1);
		expect(error.message).toContain(first.orderId);
		expect(error.message).toMatch(/^Item 2 failed: Service not found/);
		expect(error.description).toMatch(/Items 3–3 were not run/);
		expect(error.description).toMatch(/phone \d+/);
	});

	it('Buy Email out of stock on item 2: item 1\'s address is in the error, no "retrying later" invitation', async () => {
		const buyEmail = {
			resource: 'email',
			operation: 'buyEmail',
			domain: 'gmail.com',
			serviceId: 'ig',
		};
		sandbox.state.failNext('email', 'buyEmail', {
			body: '{"status":"200","email_id":"1","email":"x@gmail.com"}',
		});
		// The scripted answer above serves item 1; item 2 meets an empty stock.
		sandbox.state.failNext('email', 'buyEmail', {
			body: '{"status":"503","message":"No stock available for this service"}',
		});
		const error = await failure(
			runNode(node, {
				params: buyEmail,
				items: [{ json: {} }, { json: {} }],
				credentials: credentials(),
			}),
		);
		expect(error.message).toMatch(
			/^Item 2 failed: No email addresses left for this service — 1 order\(s\) bought by earlier items are paid and open \(1\)/,
		);
		expect(error.description).toContain('email x@gmail.com');
		expect(error.description).not.toMatch(/Retrying later may succeed/);
	});

	it('under Continue On Fail the paid orders are output items and the failing item an error item', async () => {
		sandbox.state.setBalance(TEST_KEY, 100);
		const items = [{ json: {} }, { json: {} }, { json: {} }];
		const { output } = await runNode(node, {
			params: getNumber,
			items,
			credentials: credentials(),
			continueOnFail: true,
		});
		const json = jsonOf(output);
		expect(json.filter((j) => j.orderId)).toHaveLength(2);
		expect(json[2]).toMatchObject({ code: 'NO_BALANCE' });
	});

	it('under "Continue (using error output)" the failed item holds only `error` (what n8n routes by), with the code inside', async () => {
		sandbox.state.setBalance(TEST_KEY, 50);
		const { output } = await runNode(node, {
			params: getNumber,
			items: [{ json: {} }, { json: {} }],
			credentials: credentials(),
			onError: 'continueErrorOutput',
		});
		const json = jsonOf(output);
		expect(json[0]).toMatchObject({ orderId: expect.any(String) });
		expect(Object.keys(json[1])).toEqual(['error']);
		expect(json[1].error).toMatchObject({
			message: expect.stringMatching(/^Insufficient balance/),
			code: 'NO_BALANCE',
		});
	});
});

describe("n8n's Retry On Fail on a purchase", () => {
	it('is refused before any request: a retried batch would buy every item again', async () => {
		const run = runNode(node, {
			params: getNumber,
			items: [{ json: {} }, { json: {} }],
			credentials: credentials(),
			retryOnFail: true,
		});
		await expect(run).rejects.toThrow(/Turn off "Retry On Fail"/);
		expect(sandbox.state.requests).toHaveLength(0);
		expect(purchasesIn()).toHaveLength(0);
	});
});

describe('messages that survive n8n', () => {
	it('a purchase answer mentioning ETIMEDOUT keeps the money warning (NodeApiError would rewrite it)', async () => {
		sandbox.state.failNext('sms', 'getNumber', {
			status: 504,
			body: 'upstream ETIMEDOUT after 30000ms',
		});
		const error = await failure(runNode(node, { params: getNumber, credentials: credentials() }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(
			/the purchase may or may not have gone through; check your orders and balance/,
		);
		expect(error.message).not.toMatch(/Retry on Fail/);
	});

	it.each(['ECONNRESET', 'getaddrinfo', 'ECONNREFUSED'])(
		'an answer with %s keeps our text',
		async (word) => {
			sandbox.state.failNext('sms', 'getNumber', { status: 502, body: `proxy: ${word} upstream` });
			const error = await failure(runNode(node, { params: getNumber, credentials: credentials() }));
			expect(error.message).toMatch(/may or may not have gone through/);
		},
	);
});

describe('cancel and status answers', () => {
	it('BAD_STATUS to a cancel says the code already arrived', async () => {
		sandbox.state.failNext('sms', 'setStatus', { body: 'BAD_STATUS' });
		const error = await failure(
			runNode(node, {
				params: {
					resource: 'smsActivation',
					operation: 'setStatus',
					orderId: '1',
					status: 'cancel',
				},
				credentials: credentials(),
			}),
		);
		expect(error.message).toMatch(/^Cannot cancel: the code already arrived/);
		expect(error.message).toMatch(/Set Status → Complete/);
	});

	it('a second Email cancel reports refunded 0 even if the answer repeats the amount', async () => {
		sandbox.state.failNext('email', 'cancelEmail', {
			body: '{"status":"200","message":"Already cancelled","refunded":120.00,"balance":5120.00}',
		});
		const { output } = await runNode(node, {
			params: { resource: 'email', operation: 'cancel', emailId: '7' },
			credentials: credentials(),
		});
		expect(jsonOf(output)[0]).toMatchObject({
			outcome: 'cancelled',
			refunded: 0,
			alreadyCancelled: true,
		});
	});
});

describe('bad input is refused before any request', () => {
	it.each([
		['an object', { id: 1 }, /must be a single value, not an object/],
		['a list', ['1', '2'], /must be a single value, not a list/],
	])('an order id that is %s', async (_label, orderId, message) => {
		const run = runNode(node, {
			params: { resource: 'smsActivation', operation: 'getStatus', orderId },
			credentials: credentials(),
		});
		await expect(run).rejects.toThrow(message);
		expect(sandbox.state.requests ?? []).toHaveLength(0);
	});
});

describe('the Base URL as typed', () => {
	it('with a query string: the endpoint goes before it and its parameters are kept', async () => {
		const { http, output } = await runNode(node, {
			params: { resource: 'account', operation: 'getBalance' },
			credentials: { apiKey: TEST_KEY, baseUrl: `${sandbox.url}/?lang=en` },
		});
		expect(http[0].url).toBe(`${sandbox.url}/handler_api.php`);
		expect(http[0].qs).toMatchObject({ lang: 'en', action: 'getBalance' });
		expect(jsonOf(output)[0].balance).toBe(5000);
	});

	it('only spaces: the provider default, not "Invalid URL"', async () => {
		const error = await failure(
			runNode(node, {
				params: { resource: 'account', operation: 'getBalance' },
				credentials: { apiKey: TEST_KEY, baseUrl: '   ' },
			}).then((r) => {
				throw Object.assign(new Error('reached'), { http: r.http });
			}),
		);
		expect(error.message).not.toMatch(/Invalid URL/);
	});
});

describe("the key never comes back, in n8n's own query encoding", () => {
	let server: Server;
	let url: string;
	beforeAll(async () => {
		// Echoes the raw request line, as a misconfigured proxy or a debug page would.
		server = createServer((req, res) => res.end(`Unknown request: ${req.url}`));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));

	it('in RFC 3986, lower-case hex and base64 forms a server may echo', async () => {
		const key = "it's-a*key(1)!";
		const forms = [
			'it%27s-a%2Akey%281%29%21',
			'it%27s-a%2akey%281%29%21',
			Buffer.from(key).toString('base64'),
		];
		for (let i = 0; i < 3; i++)
			sandbox.state.failNext('sms', 'getBalance', { body: `echo ${forms.join(' ')}` });
		const error = await failure(
			runNode(node, {
				params: { resource: 'account', operation: 'getBalance' },
				credentials: { apiKey: key, baseUrl: sandbox.url },
			}),
		);
		const shown = JSON.stringify([error.message, error.description, error.context]);
		for (const form of forms) expect(shown).not.toContain(form);
		expect(shown).toContain('***');
	});

	it.each(["it's-a*key(1)!", 'key with spaces+plus', 'ключ-unicode'])('%s', async (key) => {
		const error = await failure(
			runNode(node, {
				params: { resource: 'account', operation: 'getBalance' },
				credentials: { apiKey: key, baseUrl: url },
			}),
		);
		const shown = JSON.stringify([
			error.message,
			error.description,
			error.context,
			(error as { errorResponse?: unknown }).errorResponse,
			error.cause,
		]);
		expect(shown).toContain('***');
		for (const form of [
			key,
			encodeURIComponent(key),
			encodeURIComponent(key).replace(
				/[!'()*]/g,
				(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
			),
		]) {
			expect(shown).not.toContain(form);
		}
	});
});

/**
 * The spend guard: a purchase above Max Price or beyond the execution's budget is refused before any request
 * that spends money (the sandbox ledger shows nothing bought), and what was bought is still reported.
 */
import type { NodeOperationError } from 'n8n-workflow';

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

const purchases = () => sandbox.state.ledger(TEST_KEY).filter((e) => e.kind === 'purchase');
const spendingRequests = () =>
	sandbox.requests.filter((r) =>
		['buyEmail', 'getNumber', 'buyNumber', 'rentNumber', 'renewRental'].includes(r.action),
	);
const credentials = (extra: Record<string, unknown> = {}) => ({
	apiKey: TEST_KEY,
	baseUrl: sandbox.url,
	...extra,
});
const items = (n: number) => Array.from({ length: n }, () => ({ json: {} }));

async function failure(run: Promise<unknown>): Promise<NodeOperationError> {
	try {
		await run;
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('expected a failure');
}

const buyEmail = (spendLimits: Record<string, unknown> = {}) => ({
	resource: 'email',
	operation: 'buyEmail',
	domain: 'gmail.com',
	serviceId: 'ig',
	spendLimits,
});

describe('Buy Email under spend limits', () => {
	it('above Max Price: refused before buying, naming the price and the cap', async () => {
		const error = await failure(
			runNode(node, { params: buyEmail({ maxPrice: 100 }), credentials: credentials() }),
		);
		expect(error.message).toBe(
			'Price 120 PKR is above the Max Price of 100 PKR — nothing was bought',
		);
		expect(spendingRequests()).toHaveLength(0);
		expect(purchases()).toHaveLength(0);
	});

	it('reads the listed price once per execution for a batch', async () => {
		const { output } = await runNode(node, {
			params: buyEmail({ maxPrice: 200 }),
			items: items(3),
			credentials: credentials(),
		});
		expect(jsonOf(output).map((j) => [j.price, j.currency])).toEqual([
			[120, 'PKR'],
			[120, 'PKR'],
			[120, 'PKR'],
		]);
		expect(sandbox.requests.filter((r) => r.action === 'getEmailServices')).toHaveLength(1);
	});

	it('Max Purchases per Execution: the items beyond fail alone, before buying; the bought ones are reported', async () => {
		const error = await failure(
			runNode(node, {
				params: buyEmail({ maxPurchases: 2 }),
				items: items(4),
				credentials: credentials(),
			}),
		);
		expect(purchases()).toHaveLength(2);
		expect(spendingRequests()).toHaveLength(2);
		expect(error.message).toMatch(
			/^Item 3 failed: Budget reached: this execution may make at most 2 purchase\(s\), and 2 were made — nothing was bought for this item/,
		);
		for (const p of purchases()) expect(error.description).toContain(`emailId ${p.orderId}`);
	});

	it('Max Spend per Execution from the credential (an admin default) applies to every node using it', async () => {
		const { output } = await runNode(node, {
			params: buyEmail(),
			items: items(3),
			credentials: credentials({ maxSpendPerExecution: 250 }),
			continueOnFail: true,
		});
		const json = jsonOf(output);
		expect(json.filter((j) => j.emailId)).toHaveLength(2);
		expect(json[2].error).toMatch(
			/^Budget reached: 240 PKR spent in this execution, and 120 PKR more would pass the limit of 250 PKR/,
		);
		expect(purchases()).toHaveLength(2);
	});

	it('the stricter of the node and the credential limit applies', async () => {
		await failure(
			runNode(node, {
				params: buyEmail({ maxPurchases: 5 }),
				items: items(3),
				credentials: credentials({ maxPurchasesPerExecution: 1 }),
			}),
		);
		expect(purchases()).toHaveLength(1);
	});

	it('the budget holds across calls of the same execution (an AI Agent calls a tool once per purchase)', async () => {
		const run = async () =>
			await runNode(node, {
				params: buyEmail({ maxPurchases: 2 }),
				credentials: credentials(),
				executionId: 'agent-run-1',
			});
		await run();
		await run();
		const error = await failure(run());
		expect(error.message).toMatch(/^Budget reached/);
		expect(purchases()).toHaveLength(2);
	});

	it('a negative limit is refused naming the field, before any request', async () => {
		const error = await failure(
			runNode(node, { params: buyEmail({ maxPrice: -1 }), credentials: credentials() }),
		);
		expect(error.message).toBe('"Max Price" must be a number of at least 0 (got "-1")');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Rent Number and Renew under spend limits', () => {
	const rent = (spendLimits: Record<string, unknown> = {}) => ({
		resource: 'rental',
		operation: 'rentNumber',
		provider: '2',
		countryCode: 'ca',
		durationHours: '720',
		spendLimits,
	});

	it('Rent Number above Max Price: refused before renting (listed 840 PKR for 1 month)', async () => {
		const error = await failure(
			runNode(node, { params: rent({ maxPrice: 500 }), credentials: credentials() }),
		);
		expect(error.message).toBe(
			'Price 840 PKR is above the Max Price of 500 PKR — nothing was bought',
		);
		expect(spendingRequests()).toHaveLength(0);
	});

	it("Renew reads the rental's price (Get My Rentals, Get Pricing) and refuses above Max Price", async () => {
		const { output } = await runNode(node, { params: rent(), credentials: credentials() });
		const { smsOrderId } = jsonOf(output)[0];
		const mine = await runNode(node, {
			params: { resource: 'rental', operation: 'getMyRentals' },
			credentials: credentials(),
		});
		const rentalId = jsonOf(mine.output).find((r) => r.smsOrderId === smsOrderId)?.rentalId;
		const before = sandbox.requests.filter((r) => r.action === 'renewRental').length;
		const error = await failure(
			runNode(node, {
				params: {
					resource: 'rental',
					operation: 'renew',
					rentalId,
					durationHours: '720',
					spendLimits: { maxPrice: 100 },
				},
				credentials: credentials(),
			}),
		);
		expect(error.message).toBe(
			'Price 840 PKR is above the Max Price of 100 PKR — nothing was bought',
		);
		expect(sandbox.requests.filter((r) => r.action === 'renewRental').length).toBe(before);
		const ok = await runNode(node, {
			params: {
				resource: 'rental',
				operation: 'renew',
				rentalId,
				durationHours: '720',
				spendLimits: { maxPrice: 900 },
			},
			credentials: credentials(),
		});
		expect(jsonOf(ok.output)[0]).toMatchObject({ price: 840, currency: 'PKR' });
	});
});

describe('Cheap Number under spend limits (no price before buying)', () => {
	const buy = (spendLimits: Record<string, unknown> = {}) => ({
		resource: 'cheapNumber',
		operation: 'buyNumber',
		serverType: '1',
		server: '1',
		spendLimits,
	});

	it('offers no Max Price, and Max Purchases still applies', async () => {
		const { output } = await runNode(node, {
			params: buy({ maxPurchases: 1 }),
			items: items(2),
			credentials: credentials(),
			continueOnFail: true,
		});
		const json = jsonOf(output);
		expect(json[0]).toMatchObject({ price: null, currency: 'PKR' });
		expect(json[1].error).toMatch(/^Budget reached: this execution may make at most 1 purchase/);
		expect(spendingRequests()).toHaveLength(1);
		const field = new OtpGet().nodeVersions[1].description.properties.find(
			(p) => p.name === 'spendLimits' && p.displayOptions?.show?.resource?.includes('cheapNumber'),
		);
		expect((field?.options ?? []).map((o) => o.name)).toEqual(['maxPurchases', 'maxSpend']);
	});
});

describe('SMS Get Number under spend limits', () => {
	const getNumber = (spendLimits: Record<string, unknown> = {}) => ({
		resource: 'smsActivation',
		operation: 'getNumber',
		providerType: '1',
		country: '61',
		service: '101',
		spendLimits,
	});

	it('carries its cost: the listed price, read once for a batch of the same service', async () => {
		const { output } = await runNode(node, {
			params: getNumber(),
			items: items(3),
			credentials: credentials(),
		});
		expect(jsonOf(output).map((j) => [j.price, j.currency])).toEqual([
			[45, 'PKR'],
			[45, 'PKR'],
			[45, 'PKR'],
		]);
		expect(sandbox.requests.filter((r) => r.action === 'getServices')).toHaveLength(1);
		expect(purchases().map((p) => -p.amount)).toEqual([45, 45, 45]);
	});

	it('above Max Price: refused before buying', async () => {
		const error = await failure(
			runNode(node, { params: getNumber({ maxPrice: 40 }), credentials: credentials() }),
		);
		expect(error.message).toBe(
			'Price 45 PKR is above the Max Price of 40 PKR — nothing was bought',
		);
		expect(spendingRequests()).toHaveLength(0);
	});

	it('Max Spend per Execution counts the listed prices: 2 × 45 fit in 100, the third does not', async () => {
		const { output } = await runNode(node, {
			params: getNumber({ maxSpend: 100 }),
			items: items(3),
			credentials: credentials(),
			continueOnFail: true,
		});
		const json = jsonOf(output);
		expect(json.filter((j) => j.orderId)).toHaveLength(2);
		expect(json[2].error).toMatch(
			/^Budget reached: 90 PKR spent in this execution, and 45 PKR more would pass the limit of 100 PKR/,
		);
		expect(spendingRequests()).toHaveLength(2);
	});
});

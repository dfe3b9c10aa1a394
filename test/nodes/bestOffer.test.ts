import type { IDataObject } from 'n8n-workflow';

import { EMPTY_KEY } from '../../sandbox/server';
import { bestOffer, sandboxes } from './bestOffer.harness';

const h = sandboxes();

async function failure(params: IDataObject): Promise<Error & IDataObject> {
	try {
		await h.run(params);
	} catch (error) {
		return error as Error & IDataObject;
	}
	throw new Error('expected the node to fail');
}

describe('Best Offer: ranking', () => {
	it('buys the cheapest provider type first (OTPGet types 1–3 in Pakistan: 45, 50, 55 PKR)', async () => {
		const [json] = await h.run(bestOffer(['otpget'], { otpgetServers: ['3', '2', '1'] }));
		expect(json).toMatchObject({
			provider: 'otpget',
			currency: 'PKR',
			providerType: '1',
			price: 45,
		});
		expect(json.tried).toEqual([
			{ provider: 'otpget', country: '61', providerType: '1', price: 45, reason: 'bought' },
		]);
		// Each price list is read once: one per (country, type).
		expect(h.boxes.otpget.requests.filter((r) => r.action === 'getServices')).toHaveLength(3);
	});

	it('compares PKR and INR with the given rate, else the first provider decides the currency', async () => {
		// SastaOTP tg India 18.5 INR; at 3 PKR per INR that is 55.5 PKR, dearer than OTPGet's 45 PKR.
		const rated = await h.run(bestOffer(['sastaotp', 'otpget'], { options: { pkrPerInr: 3 } }));
		expect(rated[0]).toMatchObject({ provider: 'otpget', price: 45 });
		const unrated = await h.run(bestOffer(['sastaotp', 'otpget']));
		expect(unrated[0]).toMatchObject({ provider: 'sastaotp', currency: 'INR' });
	});

	it('buys in the providers order under "Providers in Order"', async () => {
		const [json] = await h.run(bestOffer(['instaotp', 'sastaotp'], { ranking: 'order' }));
		expect(json.provider).toBe('instaotp');
		expect(h.purchases('sastaotp')).toHaveLength(0);
	});
});

describe('Best Offer: every skip reason moves to the next offer', () => {
	it('skips an offer the list shows out of stock without trying it', async () => {
		const [json] = await h.run(bestOffer(['sastaotp', 'instaotp'], { sastaotpService: 'soldout' }));
		expect(json.provider).toBe('instaotp');
		expect(json.skipped).toEqual([
			expect.objectContaining({ provider: 'sastaotp', reason: 'out of stock (the list shows 0)' }),
		]);
		expect(h.purchases('sastaotp')).toHaveLength(0);
	});

	it.each([
		['otpget', 'NO_NUMBERS'],
		['otpget', 'ERROR_PRICE_CHANGE'],
		['otpget', 'NO_BALANCE_FOR_NEW_PRICE:55.00'],
		['sastaotp', 'MAX_PRICE_EXCEEDED'],
		['sastaotp', 'SERVICE_UNAVAILABLE'],
		['sastaotp', 'NO_NUMBERS'],
	] as const)('%s answering %s', async (provider, body) => {
		h.boxes[provider].state.failNext('sms', 'getNumber', { body });
		const other = provider === 'otpget' ? 'sastaotp' : 'otpget';
		const [json] = await h.run(bestOffer([provider, other], { ranking: 'order' }));
		expect(json.provider).toBe(other);
		expect((json.tried as IDataObject[])[0]).toMatchObject({ provider, code: body.split(':')[0] });
	});

	it('NO_BALANCE (an empty wallet)', async () => {
		h.keys.otpget = EMPTY_KEY;
		const [json] = await h.run(bestOffer(['otpget', 'sastaotp'], { ranking: 'order' }));
		expect(json.provider).toBe('sastaotp');
		expect((json.tried as IDataObject[])[0]).toMatchObject({
			provider: 'otpget',
			code: 'NO_BALANCE',
		});
	});

	it("the node's own PRICE_ABOVE_MAX and PRICE_UNKNOWN (OTPX lists no price) under Max Price", async () => {
		const [json] = await h.run(
			bestOffer(['otpx', 'otpget', 'sastaotp'], {
				ranking: 'order',
				spendLimits: { maxPricePKR: 40, maxPriceINR: 30 },
			}),
		);
		expect(json.provider).toBe('sastaotp');
		expect((json.tried as IDataObject[]).map((t) => t.code)).toEqual([
			'PRICE_UNKNOWN',
			'PRICE_ABOVE_MAX',
			undefined,
		]);
		expect(h.purchases('otpx')).toHaveLength(0);
		expect(h.purchases('otpget')).toHaveLength(0);
	});

	it('fails with NO_OFFER and every reason when nothing could be bought', async () => {
		const error = await failure(
			bestOffer(['otpget', 'sastaotp'], { otpgetService: '199', sastaotpService: 'soldout' }),
		);
		expect(error.errorCode).toBe('NO_OFFER');
		expect(String(error.description)).toMatch(/NO_NUMBERS.*out of stock/);
	});
});

describe('Best Offer: safety', () => {
	it('stops at an unknown outcome (a lost answer) and never tries the next offer', async () => {
		h.boxes.sastaotp.state.faultNext('sms', 'getNumber', 'reset-after');
		const error = await failure(bestOffer(['sastaotp', 'instaotp'], { ranking: 'order' }));
		expect(error.moneyAtRisk).toBe(true);
		expect(String(error.description)).toMatch(/Best Offer stopped at SastaOTP/);
		expect(h.purchases('sastaotp')).toHaveLength(1);
		expect(h.purchases('instaotp')).toHaveLength(0);
	});

	it('holds Max Purchases across attempts: a budget refusal stops the search', async () => {
		const item = bestOffer(['sastaotp'], { spendLimits: { maxPurchases: 1 } });
		const json = await h.run([item, item], { continueOnFail: true });
		expect(json[0].provider).toBe('sastaotp');
		expect(json[1].code).toBe('BUDGET_PURCHASES');
		expect(h.purchases('sastaotp')).toHaveLength(1);
	});

	it("holds the node's Max Purchases across providers, not per provider credential", async () => {
		const limits = { spendLimits: { maxPurchases: 1 } };
		const json = await h.run([bestOffer(['sastaotp'], limits), bestOffer(['instaotp'], limits)], {
			continueOnFail: true,
		});
		expect(json[0].provider).toBe('sastaotp');
		expect(json[1].code).toBe('BUDGET_PURCHASES');
		expect(h.purchases('instaotp')).toHaveLength(0);
	});

	it('holds Max Spend across attempts, refused offers included', async () => {
		// NO_NUMBERS gives its reservation back: the next offer (20.5 INR) fits 30 INR, a second item does not.
		h.boxes.sastaotp.state.failNext('sms', 'getNumber', { body: 'NO_NUMBERS' });
		const item = bestOffer(['sastaotp'], {
			sastaotpCountries: [],
			spendLimits: { maxSpendINR: 30 },
		});
		const json = await h.run([item, item], { continueOnFail: true });
		expect(json[0]).toMatchObject({ provider: 'sastaotp' });
		expect((json[0].tried as IDataObject[])[0]).toMatchObject({ code: 'NO_NUMBERS' });
		expect(json[1].code).toBe('BUDGET_SPEND');
		expect(h.purchases('sastaotp')).toHaveLength(2);
	});

	it("applies each provider's own credential limits (the pipeline runs under the attempt's provider)", async () => {
		// The node's Provider is "several": the SastaOTP credential's Max Purchases must still be the one read.
		h.extra.sastaotp = { maxPurchasesPerExecution: 1 };
		const item = bestOffer(['sastaotp', 'instaotp'], { ranking: 'order' });
		const json = await h.run([item, item], { continueOnFail: true });
		expect(json[0].provider).toBe('sastaotp');
		expect(json[1].code).toBe('BUDGET_PURCHASES');
		expect(h.purchases('sastaotp')).toHaveLength(1);
		expect(h.purchases('instaotp')).toHaveLength(0);
	});

	it('reads each price list once per execution, across items', async () => {
		const item = bestOffer(['sastaotp', 'otpget'], { otpgetServers: ['1', '2'] });
		await h.run([item, item, item]);
		const reads = (p: 'sastaotp' | 'otpget') =>
			h.boxes[p].requests.filter((r) => /^getServices/.test(r.action)).length;
		expect(reads('sastaotp')).toBe(1);
		expect(reads('otpget')).toBe(2);
	});
});

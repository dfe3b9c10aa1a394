import type { IDataObject } from 'n8n-workflow';

import { bestOffer, sandboxes } from './bestOffer.harness';

const h = sandboxes();
const FAST = { pollInterval: 0.02, maxRequestsPerSecond: 1000, timeout: 0.05 };

describe("Wait for OTP: each item's provider", () => {
	it('completes a mixed batch (Best Offer items from two providers) in one node', async () => {
		const bought = await h.run([
			bestOffer(['sastaotp'], { ranking: 'order' }),
			bestOffer(['instaotp'], { ranking: 'order' }),
		]);
		expect(bought.map((b) => b.provider)).toEqual(['sastaotp', 'instaotp']);
		h.boxes.sastaotp.state.deliverSms(String(bought[0].orderId), '111111');
		h.boxes.instaotp.state.deliverSms(String(bought[1].orderId), '222222');

		const [received, other] = await h.wait(bought, {
			apiProvider: 'several',
			providers: ['sastaotp', 'instaotp'],
			source: 'sms',
			orderId: '={{ $json.orderId }}',
			options: FAST,
		});
		expect(other).toEqual([]);
		expect(received.map((r) => [r.orderId, r.code, r.completed])).toEqual([
			[bought[0].orderId, '111111', true],
			[bought[1].orderId, '222222', true],
		]);
		// Each order was checked at its own provider only.
		const checks = (p: 'sastaotp' | 'instaotp') =>
			h.boxes[p].requests.filter((r) => /^getStatus/.test(r.action)).map((r) => r.query.id);
		expect(new Set(checks('sastaotp'))).toEqual(new Set([String(bought[0].orderId)]));
		expect(new Set(checks('instaotp'))).toEqual(new Set([String(bought[1].orderId)]));
	});

	it('fails an item whose provider is not listed, and still waits for the others', async () => {
		const bought = await h.run([bestOffer(['sastaotp']), bestOffer(['instaotp'])]);
		h.boxes.sastaotp.state.deliverSms(String(bought[0].orderId), '111111');
		const run = h.wait(bought, {
			apiProvider: 'several',
			providers: ['sastaotp'],
			source: 'sms',
			orderId: '={{ $json.orderId }}',
			options: FAST,
		});
		await expect(run).rejects.toThrow(/InstaOTP order, and InstaOTP is not under Providers/);
		// The order it did not check is named: the user knows which one is still open.
		await expect(run).rejects.toThrow(`order ${String(bought[1].orderId)}, not checked`);
		expect(h.boxes.sastaotp.requests.some((r) => r.action === 'setStatus')).toBe(true);
	});

	it("refuses to poll another provider's order with the node's Provider", async () => {
		const [order] = await h.run(bestOffer(['sastaotp']));
		const run = h.wait([order as IDataObject], {
			apiProvider: 'instaotp',
			source: 'sms',
			orderId: '={{ $json.orderId }}',
			options: FAST,
		});
		await expect(run).rejects.toThrow(/SastaOTP order, but Provider is InstaOTP/);
		expect(h.boxes.instaotp.requests.filter((r) => /^getStatus/.test(r.action))).toHaveLength(0);
	});
});

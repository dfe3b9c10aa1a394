import type { IDataObject } from 'n8n-workflow';

import { sandboxes } from './bestOffer.harness';

const h = sandboxes();

const cancelAll = (apiProvider: string, dryRun: boolean) => ({
	apiProvider,
	resource: 'account',
	operation: 'cancelOpenOrders',
	dryRun,
});
const sms = (apiProvider: string, service: string, country: string) => ({
	apiProvider,
	resource: 'smsActivation',
	operation: 'getNumber',
	service,
	country,
});

describe('Account → Cancel Open Orders', () => {
	it('SastaOTP: Dry Run lists the pending orders, then every one is cancelled and refunded', async () => {
		const bought = await h.run([sms('sastaotp', 'tg', '91'), sms('sastaotp', 'nosms', '91')]);
		const done = await h.run(sms('sastaotp', 'tg', '91'));
		h.boxes.sastaotp.state.deliverSms(String(done[0].orderId), '123456');
		await h.run({
			...sms('sastaotp', 'tg', '91'),
			operation: 'setStatus',
			orderId: done[0].orderId,
			status: 'complete',
		});

		const [dry] = await h.run(cancelAll('sastaotp', true));
		expect(dry).toMatchObject({ dryRun: true, found: 2, cancelled: 0, provider: 'sastaotp' });
		expect((dry.orders as IDataObject[]).map((o) => [o.orderId, o.outcome]).sort()).toEqual(
			bought.map((b) => [b.orderId, 'wouldCancel']).sort(),
		);
		expect(h.boxes.sastaotp.requests.filter((r) => r.action === 'setStatus')).toHaveLength(1);

		const [real] = await h.run(cancelAll('sastaotp', false));
		expect(real).toMatchObject({ dryRun: false, found: 2, cancelled: 2, failed: 0 });
		const [again] = await h.run(cancelAll('sastaotp', true));
		expect(again.found).toBe(0);
	});

	it('OTPGet: cancels the email addresses still waiting; says SMS orders cannot be listed', async () => {
		const email = {
			apiProvider: 'otpget',
			resource: 'email',
			operation: 'buyEmail',
			domain: 'gmail.com',
		};
		const [waiting] = await h.run({ ...email, serviceId: 'ig' });
		const [received] = await h.run({ ...email, serviceId: 'tg' });
		h.boxes.otpget.state.deliverEmail(String(received.emailId), '654321');
		await h.run({
			apiProvider: 'otpget',
			resource: 'email',
			operation: 'getCode',
			emailId: received.emailId,
		});

		const [real] = await h.run(cancelAll('otpget', false));
		expect(real).toMatchObject({ found: 1, cancelled: 1 });
		expect((real.orders as IDataObject[])[0]).toMatchObject({
			kind: 'email',
			orderId: waiting.emailId,
			outcome: 'cancelled',
		});
		expect(String(real.cannotList)).toMatch(/OTPGet has no order list for SMS Activation/);
	});

	it('OTPX lists no orders: nothing found, and the output says what to do instead', async () => {
		const [json] = await h.run(cancelAll('otpx', false));
		expect(json).toMatchObject({ found: 0, orders: [] });
		expect(String(json.cannotList)).toMatch(/Set Status → Cancel & Refund/);
	});
});

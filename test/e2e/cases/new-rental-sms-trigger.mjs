// examples/new-rental-sms-trigger.json: OTPGet Trigger (New Rental SMS, every minute) → Set "Code to Use".
//
// A polling trigger cannot be started by `n8n execute`, so this goes through n8n's REST API, as the editor's
// Activate switch does:
//   1. the example is imported as it is, with the trigger and the credential "OTPGet sandbox";
//   2. a number is rented straight from the sandbox and its first SMS arrives (it is old news from now on);
//   3. a copy of the example whose Poll Times fire at one fixed second, ~15 s ahead (n8n refuses anything
//      more often than once a minute), is created and activated. Activation polls once (n8n's check that
//      the trigger works): the trigger records the SMS already there and fires nothing;
//   4. a new SMS "<#> Your WhatsApp Business code 740-279" arrives; the next scheduled poll starts exactly
//      one execution, with code 740279 and nothing of the old SMS; then the copy is deactivated.
import { Run, n8nExecution, n8nGet, n8nRequest } from '../lib/harness.mjs';

const TRIGGER = 'n8n-nodes-otpget.otpGetTrigger';

export default async function newRentalSmsTrigger({ workflow, sandbox, assert, cents }) {
	// 1. Imported as it is.
	const { data: imported } = await n8nGet(`/rest/workflows/${workflow.id}`);
	const trigger = imported.nodes.find((n) => n.type === TRIGGER);
	assert.ok(
		trigger,
		`the imported workflow has the OTPGet Trigger (${imported.nodes.map((n) => n.type).join(', ')})`,
	);
	assert.equal(trigger.parameters.event, 'newRentalSms');
	assert.deepEqual(trigger.credentials?.otpGetApi, {
		id: 'otpgetSandbox001',
		name: 'OTPGet sandbox',
	});
	assert.equal(imported.active, false, 'the example is imported inactive');

	// 2. A rented number with an SMS that is already there.
	const rented = await sandbox.api('rental-handler.php', {
		action: 'rentNumber',
		country_code: 'us',
		provider: '1',
		duration_hours: '168',
	});
	assert.equal(rented.status, '200', `the sandbox rented a number: ${JSON.stringify(rented)}`);
	const orderId = rented.order_id;
	const first = await sandbox.waitFor(
		(s) =>
			s.orders.rentals.find((r) => r.orderId === orderId && r.messages.length === 1)?.messages[0],
		{
			timeoutMs: 30_000,
		},
	);

	// 3. The copy, polling at one fixed second ~15 s from now.
	const copy = structuredClone(workflow);
	delete copy.id;
	copy.name = `${workflow.name} (e2e)`;
	const second = new Date(Date.now() + 15_000).getSeconds();
	copy.nodes.find((n) => n.type === TRIGGER).parameters.pollTimes = {
		item: [{ mode: 'custom', cronExpression: `${second} * * * * *` }],
	};
	const { data: created } = await n8nRequest('POST', '/rest/workflows', copy);
	const before = await sandbox.state();
	const seen = (await sandbox.requests()).length;
	try {
		const { data: active } = await n8nRequest('POST', `/rest/workflows/${created.id}/activate`, {
			versionId: created.versionId,
		});
		assert.equal(active.active, true, 'n8n activated the workflow');
		// Activation ran the trigger's poll once, against the sandbox.
		const polled = await waitUntil(
			async () => {
				const actions = (await sandbox.requests()).slice(seen).map((r) => `${r.api}:${r.action}`);
				return (
					actions.includes('rental:getMyRentals') &&
					actions.includes('rental:getRentalSMS') &&
					actions
				);
			},
			20_000,
			'the trigger to poll the sandbox on activation',
		);
		assert.ok(
			polled.every((a) => a.startsWith('rental:')),
			`only rental requests: ${polled.join(', ')}`,
		);
		assert.deepEqual(
			await executionsOf(created.id),
			[],
			'the SMS that was already there started nothing',
		);

		// 4. A new SMS, and the scheduled poll.
		const text = '<#> Your WhatsApp Business code 740-279';
		await sandbox.rentalSms(orderId, text);
		const [execution] = await waitUntil(
			async () => {
				const list = await executionsOf(created.id);
				return list.length > 0 && list.every((e) => e.finished || e.status !== 'running') && list;
			},
			90_000,
			'the scheduled poll to start an execution',
		);
		assert.equal(
			execution.status,
			'success',
			`the execution succeeded: ${JSON.stringify(execution)}`,
		);
		assert.equal(execution.mode, 'trigger');
		const run = new Run(
			{ stdout: '', stderr: '', log: `execution ${execution.id}` },
			await n8nExecution(execution.id),
		);
		const sms = run.item('On New Rental SMS');
		assert.equal(sms.smsOrderId, orderId);
		assert.equal(sms.phone, rented.phone);
		assert.equal(sms.text, text);
		assert.equal(sms.code, '740279', 'the code is read from the text');
		const out = run.item('Code to Use');
		assert.deepEqual(
			{ phone: out.phone, code: out.code, text: out.text, smsOrderId: out.smsOrderId },
			{ phone: rented.phone, code: '740279', text, smsOrderId: orderId },
		);
		assert.notEqual(first.text, text);

		// Nothing more: one execution for one new SMS; the trigger bought nothing.
		await new Promise((r) => setTimeout(r, 1000));
		assert.equal((await executionsOf(created.id)).length, 1, 'exactly one execution');
		const after = await sandbox.state();
		assert.equal(cents(after.balance), cents(before.balance), 'the trigger spends nothing');
	} finally {
		await n8nRequest('POST', `/rest/workflows/${created.id}/deactivate`, {}).catch(() => {});
	}
}

async function executionsOf(workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	return (await n8nGet(`/rest/executions?filter=${filter}`)).data.results;
}

async function waitUntil(fn, timeoutMs, what) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const found = await fn();
		if (found) return found;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

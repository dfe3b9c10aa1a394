// examples/refund.json: Get Number (service 198, which never gets an SMS) → Wait 130 s → Set Status cancel.
// OTPGet refuses a cancel in the first 2 minutes. Instead of waiting 130 s, this runs a copy whose Wait node
// waits 5 s and moves the sandbox clock 130 s forward while n8n waits.
export default async function refund({
	workflow,
	execute,
	importWorkflow,
	sandbox,
	assert,
	cents,
}) {
	const copy = structuredClone(workflow);
	copy.id = `${workflow.id}E2e`;
	copy.name = `${workflow.name} (e2e: 5 s wait)`;
	const wait = copy.nodes.find((n) => n.type === 'n8n-nodes-base.wait');
	assert.ok(wait, 'the example has a Wait node');
	assert.ok(
		wait.parameters.amount * (wait.parameters.unit === 'minutes' ? 60 : 1) >= 120,
		'the example waits out the 2-minute window',
	);
	wait.parameters = { ...wait.parameters, amount: 5, unit: 'seconds' };
	await importWorkflow(copy);

	const before = await sandbox.state();
	const known = new Set(before.orders.activations.map((a) => String(a.id)));
	const running = execute(copy.id);
	// Once n8n bought the number (it is in its Wait node now), jump past the early-cancel window.
	const order = await sandbox.waitFor(
		(s) => s.orders.activations.find((a) => !known.has(String(a.id))),
		{ timeoutMs: 90_000 },
	);
	await sandbox.advance(130_000);
	const run = (await running).expectOk();

	const number = run.item('Get Number');
	assert.equal(String(number.orderId), String(order.id));
	const cancel = run.item('Cancel and Refund');
	assert.equal(cancel.status, 'cancelled');
	assert.equal(cancel.refunded, true);

	const after = await sandbox.state();
	const entries = after.ledger.filter((e) => String(e.orderId) === String(order.id));
	assert.deepEqual(
		entries.map((e) => e.kind),
		['purchase', 'refund'],
		'a purchase and its refund',
	);
	assert.equal(
		cents(entries[0].amount) + cents(entries[1].amount),
		0,
		'the refund pays the price back',
	);
	assert.equal(after.balance, before.balance, 'the balance is restored');
	assert.equal(
		after.orders.activations.find((a) => String(a.id) === String(order.id)).status,
		'cancelled',
	);
}

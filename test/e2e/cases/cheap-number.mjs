// examples/cheap-number.json: Cheap Number › Buy Number (Server 1) → Wait for OTP (source Cheap Number,
// On Success: Complete).
export default async function cheapNumber({ workflow, execute, sandbox, assert, cents }) {
	const before = await sandbox.state();
	const run = (await execute(workflow.id)).expectOk();

	const number = run.item('Buy Cheap Number');
	assert.match(
		String(number.orderId),
		/^ORDER_ID_\d+$/,
		`Buy Number returns an orderId, got ${JSON.stringify(number.orderId)}`,
	);
	assert.match(
		String(number.phone),
		/^\+?\d{8,15}$/,
		`Buy Number returns a phone number, got ${number.phone}`,
	);
	assert.equal(String(number.server), '1');
	assert.equal(number.source, 'cheapNumber');

	const got = run.item('Wait for OTP', 0);
	assert.deepEqual(run.items('Wait for OTP', 1), [], 'nothing on Timed Out / Cancelled');
	assert.equal(String(got.orderId), String(number.orderId));
	assert.equal(got.source, 'cheap');
	assert.match(
		String(got.code),
		/^\d{4,8}$/,
		`a code was received, got ${JSON.stringify(got.code)}`,
	);
	assert.equal(got.completed, true, 'On Success "Complete" completed the order');
	assert.equal(got.refunded, false);
	assert.equal(run.item('Use the Code').code, got.code);
	assert.deepEqual(run.nodeRuns('No Code (Refunded)'), [], 'the timeout branch did not run');

	const after = await sandbox.state();
	const order = after.orders.activations.find((a) => String(a.id) === String(number.orderId));
	assert.ok(order, `the sandbox knows order ${number.orderId}`);
	assert.equal(order.api, 'cheap');
	assert.equal(order.status, 'finished', 'the sandbox order is finished');
	assert.equal(order.code, got.code, 'the code n8n got is the code the sandbox sent');
	const entries = after.ledger.slice(before.ledger.length);
	assert.deepEqual(
		entries.map((e) => `${e.kind} ${e.orderId}`),
		[`purchase ${number.orderId}`],
		'one purchase, nothing else',
	);
	assert.equal(
		cents(entries[0].amount),
		-cents(order.price),
		'the purchase costs the server price',
	);
	assert.equal(cents(order.price), cents(20), 'Pakistan Server 1 costs 20 PKR');
	assert.equal(
		cents(before.balance) - cents(after.balance),
		cents(order.price),
		'balance before - after = price',
	);
}

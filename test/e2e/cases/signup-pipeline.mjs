// examples/signup-pipeline.json: Get Number → Wait for OTP (On Success: Leave Open) → Set Status complete.
// The sandbox runs with --otp-delay-ms 2000; Wait for OTP checks every second.
export default async function signupPipeline({ workflow, execute, sandbox, assert, cents }) {
	const before = await sandbox.state();
	const run = (await execute(workflow.id)).expectOk();

	const number = run.item('Get Number');
	assert.match(
		String(number.orderId ?? ''),
		/^[\w-]+$/,
		`Get Number returns an orderId, got ${JSON.stringify(number.orderId)}`,
	);
	assert.match(
		String(number.phone),
		/^\+?\d{8,15}$/,
		`Get Number returns a phone number, got ${number.phone}`,
	);
	assert.equal(String(number.country), '61');
	assert.equal(String(number.service), '101');

	const got = run.item('Wait for OTP', 0); // Received
	assert.deepEqual(run.items('Wait for OTP', 1), [], 'nothing on Timed Out / Cancelled');
	assert.equal(
		String(got.orderId),
		String(number.orderId),
		'Wait for OTP waits for the order of Get Number',
	);
	assert.equal(got.source, 'sms');
	assert.match(
		String(got.code),
		/^\d{4,8}$/,
		`a code was received, got ${JSON.stringify(got.code)}`,
	);
	assert.equal(
		got.completed,
		false,
		'On Success "Leave Open" leaves the completion to the next node',
	);
	assert.equal(got.refunded, false);
	assert.ok(got.waitedSeconds < 30, `the code came within seconds (waited ${got.waitedSeconds} s)`);
	assert.deepEqual(run.nodeRuns('No Code (Refunded)'), [], 'the timeout branch did not run');

	const done = run.item('Complete Order');
	assert.equal(String(done.orderId), String(number.orderId));
	assert.equal(done.status, 'completed');
	assert.equal(done.refunded, false);

	const after = await sandbox.state();
	const order = after.orders.activations.find((a) => String(a.id) === String(number.orderId));
	assert.ok(order, `the sandbox knows order ${number.orderId}`);
	assert.equal(order.status, 'finished', 'the sandbox order is finished');
	assert.equal(order.code, got.code, 'the code n8n got is the code the sandbox sent');
	const entries = after.ledger.filter((e) => String(e.orderId) === String(number.orderId));
	assert.deepEqual(
		entries.map((e) => e.kind),
		['purchase'],
		'one purchase, no refund',
	);
	assert.equal(after.ledger.length - before.ledger.length, 1, 'nothing else was booked');
	assert.equal(
		cents(entries[0].amount),
		-cents(order.price),
		'the purchase costs the service price',
	);
	assert.equal(
		cents(before.balance) - cents(after.balance),
		cents(order.price),
		'balance before - after = service price',
	);
}

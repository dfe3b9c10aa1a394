// examples/email-otp.json: Email › Buy Email (gmail.com, Instagram) → Wait for OTP (source Email).
export default async function emailOtp({ workflow, execute, sandbox, assert, cents }) {
	const before = await sandbox.state();
	const run = (await execute(workflow.id)).expectOk();

	const bought = run.item('Buy Email');
	assert.match(
		String(bought.emailId),
		/^\d+$/,
		`Buy Email returns an emailId, got ${JSON.stringify(bought.emailId)}`,
	);
	assert.match(
		String(bought.email),
		/^[^@\s]+@gmail\.com$/,
		`a gmail.com address, got ${bought.email}`,
	);
	assert.equal(bought.serviceId, 'ig');
	assert.equal(bought.price, 120);

	const got = run.item('Wait for OTP', 0);
	assert.deepEqual(run.items('Wait for OTP', 1), [], 'nothing on Timed Out / Cancelled');
	assert.equal(String(got.orderId), String(bought.emailId));
	assert.equal(got.source, 'email');
	assert.match(
		String(got.code),
		/^\d{4,8}$/,
		`a code was received, got ${JSON.stringify(got.code)}`,
	);
	assert.equal(got.refunded, false);
	assert.equal(run.item('Use the Code').code, got.code);

	const after = await sandbox.state();
	const order = after.orders.emails.find((e) => String(e.id) === String(bought.emailId));
	assert.ok(order, `the sandbox knows email order ${bought.emailId}`);
	assert.equal(order.email, bought.email);
	assert.equal(order.status, 'received');
	assert.equal(order.code, got.code, 'the code n8n got is the code the sandbox sent');
	const entries = after.ledger.slice(before.ledger.length);
	assert.deepEqual(
		entries.map((e) => `${e.kind} ${e.orderId}`),
		[`purchase ${bought.emailId}`],
		'one purchase, nothing else',
	);
	assert.equal(cents(entries[0].amount), -cents(120));
	assert.equal(
		cents(before.balance) - cents(after.balance),
		cents(120),
		'balance before - after = 120 PKR',
	);
	assert.equal(
		cents(bought.balance),
		cents(after.balance),
		'Buy Email reports the balance after the purchase',
	);
}

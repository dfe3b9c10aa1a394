// examples/signup-spend-cap.json: three sign-ups → Get Number with Spend Limits (Max Price 60 PKR, Max Purchases
// per Execution 2; On Error: error output) → Wait for OTP. Two numbers are bought and get their codes; the third
// item is refused before any request that spends money and leaves through the error output.
export default async function signupSpendCap({ workflow, execute, sandbox, assert, cents }) {
	const before = await sandbox.state();
	const seen = (await sandbox.requests()).length;
	const run = (await execute(workflow.id)).expectOk();

	const bought = run.items('Get Number', 0);
	assert.equal(bought.length, 2, `two numbers bought, got ${JSON.stringify(bought)}`);
	for (const n of bought) {
		assert.equal(n.price, 45, `the output carries the listed price, got ${JSON.stringify(n)}`);
		assert.equal(n.currency, 'PKR');
	}
	const refused = run.items('Get Number', 1);
	assert.equal(
		refused.length,
		1,
		`one item refused on the error output, got ${JSON.stringify(refused)}`,
	);
	// On the error output the item holds only `error` (what n8n routes by): message, description and code inside.
	assert.match(
		String(refused[0].error?.message),
		/Budget reached: this execution may make at most 2 purchase/,
	);
	assert.equal(run.items('Over Budget').length, 1);

	const received = run.items('Wait for OTP', 0);
	assert.equal(
		received.length,
		2,
		`both bought numbers got a code, got ${JSON.stringify(received)}`,
	);
	for (const r of received) {
		assert.match(String(r.code), /^\d{4,8}$/);
		assert.equal(r.completed, true);
	}

	const after = await sandbox.state();
	const entries = after.ledger.slice(before.ledger.length);
	const purchases = entries.filter((e) => e.kind === 'purchase');
	assert.equal(
		purchases.length,
		2,
		'exactly two purchases: nothing was bought for the refused item',
	);
	assert.deepEqual(
		purchases.map((e) => String(e.orderId)).sort(),
		bought.map((b) => String(b.orderId)).sort(),
	);
	assert.equal(
		cents(before.balance) - cents(after.balance),
		2 * cents(45),
		'balance before - after = two listed prices',
	);
	const sent = (await sandbox.requests()).slice(seen);
	assert.equal(
		sent.filter((r) => r.action === 'getNumber').length,
		2,
		'two purchase requests, none for the refused item',
	);
	assert.equal(
		sent.filter((r) => r.action === 'getServices').length,
		1,
		'the listed price was read once for the batch',
	);
}

// examples/signup-batch.json: 3 items (services 101, 102 and 198, which never gets an SMS) → Get Number →
// Wait for OTP (On Success: Complete, On Timeout: Cancel & Refund, 6 s timeout, 1 s checks).
// OTPGet refuses a cancel in the first 2 minutes: once the node has timed out on 198 and had its cancel
// refused (EARLY_CANCEL_DENIED), the runner moves the sandbox clock 130 s forward; the node keeps checking
// and its next cancel goes through.
export default async function signupBatch({ workflow, execute, sandbox, assert, cents }) {
	const before = await sandbox.state();
	const known = new Set(before.orders.activations.map((a) => String(a.id)));
	const seenRequests = (await sandbox.requests()).length;
	const cancelsOf = (requests, id) =>
		requests.filter(
			(r) =>
				r.api === 'sms' && r.action === 'setStatus' && r.query.status === '8' && r.query.id === id,
		);

	const running = execute(workflow.id);
	const noSms = await sandbox.waitFor(
		(s) =>
			s.orders.activations.find((a) => !known.has(String(a.id)) && String(a.service) === '198'),
		{ timeoutMs: 90_000 },
	);
	// The node's 6 s timeout has passed and its first cancel was refused: now let the 2 minutes pass.
	const end = Date.now() + 60_000;
	for (;;) {
		if (cancelsOf((await sandbox.requests()).slice(seenRequests), String(noSms.id)).length > 0)
			break;
		if (Date.now() > end) throw new Error(`Wait for OTP never tried to cancel order ${noSms.id}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	await sandbox.advance(130_000);
	const run = (await running).expectOk();

	const numbers = run.items('Get Number');
	assert.equal(numbers.length, 3, 'three numbers bought');
	assert.deepEqual(
		numbers.map((n) => String(n.service)),
		['101', '102', '198'],
	);
	const byService = Object.fromEntries(numbers.map((n) => [String(n.service), n]));

	const received = run.items('Wait for OTP', 0);
	const timedOut = run.items('Wait for OTP', 1);
	assert.equal(received.length, 2, `2 items on Received, got ${JSON.stringify(received)}`);
	assert.equal(
		timedOut.length,
		1,
		`1 item on Timed Out / Cancelled, got ${JSON.stringify(timedOut)}`,
	);
	assert.deepEqual(
		received.map((r) => String(r.orderId)).sort(),
		[byService['101'].orderId, byService['102'].orderId].map(String).sort(),
	);
	for (const r of received) {
		assert.match(
			String(r.code),
			/^\d{4,8}$/,
			`a code for ${r.orderId}, got ${JSON.stringify(r.code)}`,
		);
		assert.equal(r.completed, true, 'On Success "Complete" completed the order');
		assert.equal(r.refunded, false);
	}
	const [refund] = timedOut;
	assert.equal(String(refund.orderId), String(byService['198'].orderId));
	assert.equal(refund.status, 'timedOut');
	assert.equal(refund.refunded, true, `the order without SMS was refunded: ${refund.reason}`);
	assert.equal(refund.code, null);

	// Received items are paired with their input items: the Set node reads the phone of the same order.
	const signUps = run.items('Sign Up With Code');
	assert.equal(signUps.length, 2);
	for (const s of signUps) {
		const number = numbers.find((n) => String(n.orderId) === String(s.orderId));
		assert.ok(number, `Sign Up With Code has order ${s.orderId}`);
		assert.equal(s.phone, number.phone, "$('Get Number').item is the number of the same order");
		assert.equal(s.account, { 101: 'telegram-1', 102: 'whatsapp-1' }[String(number.service)]);
	}
	assert.equal(run.items('Refunded (No Code)').length, 1);

	const after = await sandbox.state();
	const ids = numbers.map((n) => String(n.orderId));
	for (const r of received) {
		const order = after.orders.activations.find((a) => String(a.id) === String(r.orderId));
		assert.equal(order.status, 'finished', `sandbox order ${r.orderId} is finished`);
		assert.equal(order.code, r.code, 'the code n8n got is the code the sandbox sent');
	}
	assert.equal(
		after.orders.activations.find((a) => String(a.id) === String(refund.orderId)).status,
		'cancelled',
	);
	const entries = after.ledger.slice(before.ledger.length);
	assert.ok(
		entries.every((e) => ids.includes(String(e.orderId))),
		'nothing else was booked',
	);
	assert.deepEqual(
		entries
			.filter((e) => e.kind === 'purchase')
			.map((e) => String(e.orderId))
			.sort(),
		[...ids].sort(),
		'3 purchases',
	);
	const refunds = entries.filter((e) => e.kind === 'refund');
	assert.deepEqual(
		refunds.map((e) => String(e.orderId)),
		[String(refund.orderId)],
		'1 refund, for the order without SMS',
	);
	const price = (id) => after.orders.activations.find((a) => String(a.id) === id).price;
	assert.equal(
		cents(refunds[0].amount),
		cents(price(String(refund.orderId))),
		'the refund pays the price back',
	);
	const spent =
		cents(price(String(byService['101'].orderId))) + cents(price(String(byService['102'].orderId)));
	assert.equal(
		cents(before.balance) - cents(after.balance),
		spent,
		'balance before - after = the two completed orders',
	);
	// The 2-minute rule was really exercised: one refused cancel, then the one that went through.
	const cancels = cancelsOf((await sandbox.requests()).slice(seenRequests), String(refund.orderId));
	assert.ok(
		cancels.length >= 2,
		`the cancel was refused and retried (${cancels.length} cancel requests)`,
	);
}

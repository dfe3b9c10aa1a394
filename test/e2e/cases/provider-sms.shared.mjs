// Shared checks for examples/{otpx,instaotp,sastaotp}-sms.json: Get Balance → Get Number (tg, India) → Wait for
// OTP, all at one SMS-Activate dialect's sandbox (scripts/e2e.sh starts one per provider, --otp-delay-ms 2000).
// Not an example case itself (no examples/provider-sms.shared.json): the three cases call it.

/** Requests a sandbox received after `seq` (the highest seq seen before the run). */
export async function requestsSince(sb, seq) {
	return (await sb.requests()).filter((r) => r.seq > seq);
}

export const lastSeq = async (sb) => Math.max(0, ...(await sb.requests()).map((r) => r.seq));

/** What every other sandbox looked like before a run, to show after it that nothing reached them. */
export async function snapshotOthers(sandboxes, except) {
	const out = {};
	for (const [name, sb] of Object.entries(sandboxes)) {
		if (except.includes(name)) continue;
		out[name] = { seq: await lastSeq(sb), ledger: (await sb.state()).ledger.length };
	}
	return out;
}

export async function assertOthersUntouched(assert, sandboxes, before) {
	for (const [name, was] of Object.entries(before)) {
		const sb = sandboxes[name];
		assert.deepEqual(
			await requestsSince(sb, was.seq),
			[],
			`the ${name} sandbox received no request`,
		);
		assert.equal(
			(await sb.state()).ledger.length,
			was.ledger,
			`the ${name} sandbox booked nothing`,
		);
	}
}

/**
 * provider: 'otpx' | 'instaotp' | 'sastaotp'; price: the sandbox's tg price in India (INR);
 * completes: whether Wait for OTP completes the order after the code (OTPX has no Complete);
 * listsPrice: whether Get Number can report the price (OTPX answers ACCESS_NUMBER without one and documents no
 * price list, so its price is null); maxPrice: the Max Price the purchase request must carry (the dialect's own
 * maxPrice parameter), when the example sets one.
 */
export async function providerSmsCase(
	{ workflow, execute, sandboxes, assert, cents },
	{ provider, price, completes, listsPrice, maxPrice },
) {
	const sb = sandboxes[provider];
	const others = await snapshotOthers(sandboxes, [provider]);
	const seq = await lastSeq(sb);
	const before = await sb.state();
	const run = (await execute(workflow.id)).expectOk();

	const balance = run.item('Get Balance');
	assert.equal(balance.provider, provider);
	assert.equal(balance.currency, 'INR');
	assert.equal(
		cents(balance.balance),
		cents(before.balance),
		'Get Balance reads the sandbox wallet',
	);

	const number = run.item('Get Number');
	assert.equal(number.provider, provider);
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
	assert.equal(number.service, 'tg');
	if (listsPrice)
		assert.equal(
			cents(number.price),
			cents(price),
			`Get Number reports the price (${number.price})`,
		);
	else assert.equal(number.price, null, `${provider} tells no price`);

	const got = run.item('Wait for OTP', 0); // Received
	assert.deepEqual(run.items('Wait for OTP', 1), [], 'nothing on Timed Out / Cancelled');
	assert.equal(
		String(got.orderId),
		String(number.orderId),
		'Wait for OTP waits for the order of Get Number',
	);
	assert.match(
		String(got.code),
		/^\d{4,8}$/,
		`a code was received, got ${JSON.stringify(got.code)}`,
	);
	assert.equal(
		got.completed,
		completes,
		completes ? 'the order was completed' : `${provider} has no Complete: the order stays open`,
	);
	assert.equal(got.refunded, false);
	assert.ok(got.waitedSeconds < 30, `the code came within seconds (waited ${got.waitedSeconds} s)`);

	const after = await sb.state();
	const order = after.orders.activations.find((a) => String(a.id) === String(number.orderId));
	assert.ok(order, `the ${provider} sandbox knows order ${number.orderId}`);
	assert.equal(order.type, provider, `the order was bought in the ${provider} dialect`);
	assert.equal(order.status, completes ? 'finished' : 'received');
	assert.equal(order.code, got.code, 'the code n8n got is the code the sandbox sent');
	const entries = after.ledger.slice(before.ledger.length);
	assert.deepEqual(
		entries.map((e) => `${e.kind} ${e.orderId}`),
		[`purchase ${number.orderId}`],
		'one purchase, no refund, nothing else',
	);
	assert.equal(cents(entries[0].amount), -cents(price));
	assert.equal(
		cents(before.balance) - cents(after.balance),
		cents(price),
		'balance before - after = the tg price',
	);

	const requests = await requestsSince(sb, seq);
	const actions = requests.map((r) => r.action);
	assert.equal(
		actions.filter((a) => a === 'getNumber').length,
		1,
		`exactly one purchase request (${actions.join(', ')})`,
	);
	assert.equal(
		requests.find((r) => r.action === 'getNumber').query.maxPrice,
		maxPrice,
		maxPrice ? `the purchase was capped at ${maxPrice}` : 'no price cap was sent',
	);
	assert.equal(
		actions.filter((a) => a === 'setStatus').length,
		completes ? 1 : 0,
		`setStatus only to complete (${actions.join(', ')})`,
	);
	assert.ok(actions.includes('getStatus'), 'Wait for OTP polled getStatus');
	for (const r of requests) assert.equal(r.dialect, provider);
	await assertOthersUntouched(assert, sandboxes, others);
}

// examples/rental-sms.json: Rental › Rent Number (Server 1, us, 12 h) → Wait for OTP (source Rental SMS).
// The sandbox sends a rented number its first SMS 2 s after renting, in the provider's style
// "<#> Your WhatsApp Business code 740-279" with an empty code field: the node reads 740279 from the text.
export default async function rentalSms({ workflow, execute, sandbox, assert, cents }) {
	const before = await sandbox.state();
	const run = (await execute(workflow.id)).expectOk();

	const rented = run.item('Rent Number');
	assert.match(
		String(rented.smsOrderId),
		/^\d+$/,
		`Rent Number returns an smsOrderId, got ${JSON.stringify(rented.smsOrderId)}`,
	);
	assert.equal(rented.durationHours, 12);
	assert.equal(rented.countryCode, 'us');

	const got = run.item('Wait for OTP', 0);
	assert.deepEqual(run.items('Wait for OTP', 1), [], 'nothing on Timed Out');
	assert.equal(String(got.orderId), String(rented.smsOrderId));
	assert.equal(got.source, 'rental');
	const m = /^<#> Your WhatsApp Business code (\d{3})-(\d{3})$/.exec(String(got.text));
	assert.ok(m, `the SMS text is passed on as it came, got ${JSON.stringify(got.text)}`);
	assert.equal(
		got.code,
		`${m[1]}${m[2]}`,
		`the code is read from the text ("${got.text}" → ${got.code})`,
	);
	assert.equal(got.refunded, false);
	assert.equal(run.item('Use the Code').code, got.code);

	const after = await sandbox.state();
	const rental = after.orders.rentals.find((r) => String(r.orderId) === String(rented.smsOrderId));
	assert.ok(rental, `the sandbox knows rental ${rented.smsOrderId}`);
	assert.equal(rental.messages.length, 1);
	assert.equal(rental.messages[0].text, got.text, 'the text is the SMS the sandbox sent');
	assert.equal(rental.messages[0].code, '', 'the provider left its code field empty');
	assert.equal(
		new Date(rental.messages[0].at).toISOString().slice(0, 19),
		String(got.receivedAt).slice(0, 19),
		"receivedAt is the provider's timestamp",
	);
	const entries = after.ledger.slice(before.ledger.length);
	assert.deepEqual(
		entries.map((e) => `${e.kind} ${e.orderId}`),
		[`purchase ${rented.smsOrderId}`],
		'one purchase, nothing else',
	);
	assert.equal(cents(entries[0].amount), -cents(60), '12 h on Server 1 (us) cost 60 PKR');
	assert.equal(cents(before.balance) - cents(after.balance), cents(60));
}

// examples/provider-failover.json: Buy at SastaOTP (On Error: error output) → Wait at SastaOTP; its error output →
// "Nothing bought?" (IF on $json.code) → Buy at OTPX → Wait at OTPX.
//
// Three runs: SastaOTP's wallet empty (a real NO_BALANCE), SastaOTP sold out (fail-next NO_NUMBERS), and SastaOTP
// selling (no failover). Each time exactly one number is bought, at the provider that sold it, and its code is
// waited for there; the refusing provider books nothing. Buy at SastaOTP caps the price at 25 INR (Spend Limits →
// Max Price, also sent as SastaOTP's own maxPrice): 18.50 is under it, so SastaOTP still sells when it can.
import {
	assertOthersUntouched,
	lastSeq,
	requestsSince,
	snapshotOthers,
} from './provider-sms.shared.mjs';

const PRICE = 18.5; // tg in India at both sandboxes
const MAX_PRICE = '25'; // Buy at SastaOTP's Spend Limits → Max Price, as SastaOTP receives it

export default async function providerFailover(ctx) {
	const { sandboxes } = ctx;
	const sasta = sandboxes.sastaotp;
	const wallet = (await sasta.state()).balance;
	try {
		await sasta.setBalance(0);
		await failover(ctx, 'NO_BALANCE');
	} finally {
		await sasta.setBalance(wallet);
	}
	await sasta.failNext('getNumber', 'NO_NUMBERS');
	await failover(ctx, 'NO_NUMBERS');
	await noFailover(ctx);
}

/** SastaOTP refuses with `refusal`: OTPX sells the number and gives the code; SastaOTP charged nothing. */
async function failover({ workflow, execute, sandboxes, assert, cents }, refusal) {
	const { sastaotp: sasta, otpx } = sandboxes;
	const others = await snapshotOthers(sandboxes, ['sastaotp', 'otpx']);
	const sastaSeq = await lastSeq(sasta);
	const otpxSeq = await lastSeq(otpx);
	const sastaBefore = await sasta.state();
	const otpxBefore = await otpx.state();
	const run = (await execute(workflow.id)).expectOk();

	assert.deepEqual(run.items('Buy at SastaOTP', 0), [], `${refusal}: SastaOTP sold nothing`);
	const refused = run.item('Buy at SastaOTP', 1); // n8n's error output
	assert.equal(
		refused.error?.code,
		refusal,
		`the error output carries SastaOTP's refusal (${JSON.stringify(refused)})`,
	);
	assert.match(String(refused.error.message), /\S/, 'and its message');
	assert.equal(
		run.item('Nothing bought?', 0).error?.code,
		refusal,
		'the IF lets a definite refusal through',
	);
	assert.deepEqual(run.nodeRuns('Wait at SastaOTP'), [], 'nothing to wait for at SastaOTP');

	const number = run.item('Buy at OTPX');
	assert.equal(number.provider, 'otpx');
	assert.equal(number.price, null, 'OTPX tells no price'); // what it cost shows in its ledger below
	const got = run.item('Wait at OTPX', 0);
	assert.deepEqual(run.items('Wait at OTPX', 1), [], 'nothing on Timed Out / Cancelled');
	assert.equal(String(got.orderId), String(number.orderId), 'OTPX waits for the OTPX order');
	assert.match(
		String(got.code),
		/^\d{4,8}$/,
		`a code was received, got ${JSON.stringify(got.code)}`,
	);
	assert.equal(got.refunded, false);

	// SastaOTP: one refused purchase request, nothing booked.
	const sastaRequests = await requestsSince(sasta, sastaSeq);
	const sastaActions = sastaRequests.map((r) => r.action);
	// Besides the one refused purchase only price reads (the node looks the price up for the spend limits).
	assert.deepEqual(
		sastaActions.filter((a) => a !== 'getServicesList'),
		['getNumber'],
		`SastaOTP was asked once to buy (${sastaActions.join(', ')})`,
	);
	assertCapSent(assert, sastaRequests);
	const sastaAfter = await sasta.state();
	assert.equal(sastaAfter.ledger.length, sastaBefore.ledger.length, 'SastaOTP booked nothing');
	assert.equal(cents(sastaAfter.balance), cents(sastaBefore.balance), 'SastaOTP charged nothing');
	assert.equal(
		sastaAfter.orders.activations.length,
		sastaBefore.orders.activations.length,
		'no SastaOTP order exists',
	);

	// OTPX: exactly one purchase, the order n8n waited for, with the code n8n got.
	const otpxActions = (await requestsSince(otpx, otpxSeq)).map((r) => r.action);
	assert.equal(
		otpxActions.filter((a) => a === 'getNumber').length,
		1,
		`one purchase at OTPX (${otpxActions.join(', ')})`,
	);
	const otpxAfter = await otpx.state();
	const entries = otpxAfter.ledger.slice(otpxBefore.ledger.length);
	assert.deepEqual(
		entries.map((e) => `${e.kind} ${e.orderId}`),
		[`purchase ${number.orderId}`],
		'one OTPX purchase, no refund',
	);
	assert.equal(cents(otpxBefore.balance) - cents(otpxAfter.balance), cents(PRICE));
	const order = otpxAfter.orders.activations.find((a) => String(a.id) === String(number.orderId));
	assert.ok(order, `the OTPX sandbox knows order ${number.orderId}`);
	assert.equal(order.code, got.code, 'the code n8n got is the code the OTPX sandbox sent');
	await assertOthersUntouched(assert, sandboxes, others);
}

/** SastaOTP sells: its order is waited for (and completed) there, and OTPX is never asked. */
async function noFailover({ workflow, execute, sandboxes, assert, cents }) {
	const { sastaotp: sasta } = sandboxes;
	const others = await snapshotOthers(sandboxes, ['sastaotp']);
	const seq = await lastSeq(sasta);
	const before = await sasta.state();
	const run = (await execute(workflow.id)).expectOk();

	const number = run.item('Buy at SastaOTP', 0);
	assert.deepEqual(run.items('Buy at SastaOTP', 1), [], 'nothing on the error output');
	assert.equal(number.provider, 'sastaotp');
	assert.equal(cents(number.price), cents(PRICE));
	const got = run.item('Wait at SastaOTP', 0);
	assert.equal(String(got.orderId), String(number.orderId));
	assert.match(
		String(got.code),
		/^\d{4,8}$/,
		`a code was received, got ${JSON.stringify(got.code)}`,
	);
	assert.equal(got.completed, true);
	for (const node of ['Nothing bought?', 'Buy at OTPX', 'Wait at OTPX'])
		assert.deepEqual(run.nodeRuns(node), [], `${node} did not run`);

	const after = await sasta.state();
	const entries = after.ledger.slice(before.ledger.length);
	assert.deepEqual(
		entries.map((e) => `${e.kind} ${e.orderId}`),
		[`purchase ${number.orderId}`],
		'one SastaOTP purchase',
	);
	assert.equal(cents(before.balance) - cents(after.balance), cents(PRICE));
	const order = after.orders.activations.find((a) => String(a.id) === String(number.orderId));
	assert.equal(order?.status, 'finished');
	assert.equal(order.code, got.code);
	assertCapSent(assert, await requestsSince(sasta, seq));
	await assertOthersUntouched(assert, sandboxes, others); // OTPX included
}

/** The Max Price reached the node (n8n drops it outside Spend Limits): SastaOTP's purchase request carries it. */
function assertCapSent(assert, requests) {
	const buys = requests.filter((r) => r.action === 'getNumber');
	assert.deepEqual(
		buys.map((r) => r.query.maxPrice),
		[MAX_PRICE],
		'SastaOTP was asked to buy for at most 25 INR',
	);
}

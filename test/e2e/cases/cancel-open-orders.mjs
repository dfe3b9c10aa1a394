// examples/cancel-open-orders.json: Buy a Number at SastaOTP (service nosms: no SMS ever) → Cancel Open Orders
// with Dry Run (lists, cancels nothing) → Cancel Open Orders (cancels and refunds every pending order).
import { lastSeq, requestsSince } from './provider-sms.shared.mjs';

export default async function cancelOpenOrders({ workflow, execute, sandboxes, assert, cents }) {
	const sasta = sandboxes.sastaotp;
	const seq = await lastSeq(sasta);
	const before = await sasta.state();
	const run = (await execute(workflow.id)).expectOk();

	const bought = run.item('Buy a Number');
	const dry = run.item('What Would Be Cancelled');
	assert.equal(dry.dryRun, true);
	assert.ok(dry.found >= 1, `the open order is found (${JSON.stringify(dry)})`);
	const listed = dry.orders.find((o) => String(o.orderId) === String(bought.orderId));
	assert.equal(listed?.outcome, 'wouldCancel', 'Dry Run lists the order it would cancel');
	const setStatus = (await requestsSince(sasta, seq)).filter((r) => r.action === 'setStatus');
	assert.equal(setStatus.length, dry.found, 'only the real run sent cancels, one per order');

	const real = run.item('Cancel Open Orders');
	assert.equal(real.dryRun, false);
	assert.equal(real.found, dry.found);
	assert.equal(real.cancelled, real.found, `every order cancelled (${JSON.stringify(real)})`);
	const after = await sasta.state();
	const entries = after.ledger.slice(before.ledger.length);
	assert.ok(
		entries.some((e) => e.kind === 'refund' && String(e.orderId) === String(bought.orderId)),
		'the order bought here was refunded',
	);
	const mine = entries.filter((e) => String(e.orderId) === String(bought.orderId));
	assert.equal(
		mine.reduce((sum, e) => sum + cents(e.amount), 0),
		0,
		'what the order cost was given back in full',
	);
}

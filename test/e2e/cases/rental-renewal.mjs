// examples/rental-renewal.json: Schedule Trigger (daily 09:00) and Manual Trigger → Rental › Get My Rentals
// (Active, Expiring Within 48 h) → Rental › Renew (Rental ID {{ $json.rentalId }}, 1 Month).
//
// `n8n execute` starts a workflow at its Manual Trigger only (n8n's findCliWorkflowStart), which is why the
// example has both triggers. Setup, straight against the sandbox: a 1-month rental rented "29 days ago" (the
// sandbox clock is set back 29 days for the purchase and moved forward again), so it expires in about 24 h,
// and a 1-week rental rented now, which must be left alone. The run renews the first one from its current
// expiry; a second run renews nothing, because the renewed rental is no longer within 48 h. Finally the
// workflow is activated through the REST API, so n8n accepts its Schedule Trigger, and deactivated again.
import { n8nGet, n8nRequest } from '../lib/harness.mjs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export default async function rentalRenewal({ workflow, execute, sandbox, assert, cents }) {
	const rent = async (params) => {
		const answer = await sandbox.api('rental-handler.php', { action: 'rentNumber', ...params });
		assert.equal(answer.status, '200', `the sandbox rented a number: ${JSON.stringify(answer)}`);
		return answer.order_id;
	};
	const t0 = (await sandbox.state()).now;
	await sandbox.get(`/__sandbox/set-time?ms=${t0 - 29 * DAY}`);
	let oldOrderId;
	try {
		oldOrderId = await rent({ country_code: 'ca', provider: '2', duration_hours: '720' }); // 840 PKR
	} finally {
		await sandbox.advance(29 * DAY);
	}
	const newOrderId = await rent({ country_code: 'us', provider: '1', duration_hours: '168' }); // 1 week, 450 PKR

	const before = await sandbox.state();
	const rentalOf = (state, orderId) => state.orders.rentals.find((r) => r.orderId === orderId);
	const expiring = rentalOf(before, oldOrderId);
	const fresh = rentalOf(before, newOrderId);
	assert.ok(
		expiring.expiresAt - Date.now() < 48 * HOUR && expiring.status === 'active',
		'the old rental expires within 48 h',
	);
	// Get My Rentals measures "within 48 h" with n8n's clock; any other rental of the suite that qualifies is renewed too.
	const due = before.orders.rentals
		.filter((r) => r.status === 'active' && r.expiresAt - Date.now() <= 48 * HOUR)
		.map((r) => String(r.id));

	const run = (await execute(workflow.id)).expectOk();
	const listed = run.items('Get Expiring Rentals');
	assert.deepEqual(
		listed.map((r) => String(r.rentalId)).sort(),
		[...due].sort(),
		'Get My Rentals lists exactly the active rentals expiring within 48 h',
	);
	const listedOld = listed.find((r) => String(r.rentalId) === String(expiring.id));
	assert.equal(listedOld.smsOrderId, oldOrderId);
	assert.ok(
		listedOld.hoursLeft > 0 && listedOld.hoursLeft <= 48,
		`hoursLeft ${listedOld.hoursLeft}`,
	);
	assert.ok(
		!listed.some((r) => String(r.rentalId) === String(fresh.id)),
		'the rental rented now is not listed',
	);

	const renewed = run.items('Renew 1 Month');
	assert.deepEqual(
		renewed.map((r) => String(r.rentalId)).sort(),
		[...due].sort(),
		'each listed rental renewed once',
	);
	const mine = renewed.find((r) => String(r.rentalId) === String(expiring.id));
	assert.equal(mine.durationHours, 720);
	assert.equal(cents(mine.pricePaid), cents(840), '1 month on Server 2 (ca) costs 840 PKR');
	const newExpiry = expiring.expiresAt + 720 * HOUR;
	const seconds = (ms) => Math.floor(ms / 1000) * 1000; // the API's times have whole seconds
	assert.equal(
		Date.parse(mine.expiresAt),
		seconds(newExpiry),
		`new expiry = old expiry + 720 h (${new Date(expiring.expiresAt).toISOString()} → ${mine.expiresAt})`,
	);
	assert.ok(
		Math.abs(Date.parse(mine.expiresAt) - (Date.now() + 720 * HOUR)) > 12 * HOUR,
		'not now + 720 h',
	);

	const after = await sandbox.state();
	assert.equal(
		rentalOf(after, oldOrderId).expiresAt,
		newExpiry,
		'the sandbox moved the expiry by 720 h',
	);
	assert.equal(
		rentalOf(after, newOrderId).expiresAt,
		fresh.expiresAt,
		'the other rental was not touched',
	);
	const entries = after.ledger.slice(before.ledger.length);
	assert.ok(
		entries.every((e) => e.kind === 'renewal'),
		`only renewals were booked: ${JSON.stringify(entries)}`,
	);
	assert.deepEqual(
		entries.filter((e) => e.orderId === oldOrderId).map((e) => cents(e.amount)),
		[-cents(840)],
		'one renewal of 840 PKR',
	);
	assert.ok(!entries.some((e) => e.orderId === newOrderId));
	assert.equal(
		cents(before.balance) - cents(after.balance),
		-entries.reduce((sum, e) => sum + cents(e.amount), 0),
	);

	// The next day's run: the renewed rental is 744 h away now, so nothing is renewed twice.
	const again = (await execute(workflow.id)).expectOk();
	assert.ok(
		!again.items('Get Expiring Rentals').some((r) => String(r.rentalId) === String(expiring.id)),
		'the renewed rental is not listed again',
	);
	assert.ok(
		again.nodeRuns('Renew 1 Month').length === 0 ||
			!again.items('Renew 1 Month').some((r) => String(r.rentalId) === String(expiring.id)),
		'the renewed rental is not renewed again',
	);
	const last = await sandbox.state();
	assert.equal(
		last.ledger.filter((e) => e.orderId === oldOrderId && e.kind === 'renewal').length,
		1,
		'renewed exactly once',
	);
	assert.equal(rentalOf(last, oldOrderId).expiresAt, newExpiry);

	// The Schedule Trigger: n8n accepts it when the workflow is activated (it does not fire on activation).
	const schedule = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
	assert.ok(schedule, 'the example has a Schedule Trigger');
	assert.deepEqual(
		workflow.connections[schedule.name].main[0].map((c) => c.node),
		['Get Expiring Rentals'],
	);
	const { data: stored } = await n8nGet(`/rest/workflows/${workflow.id}`);
	try {
		const { data: active } = await n8nRequest('POST', `/rest/workflows/${workflow.id}/activate`, {
			versionId: stored.versionId,
		});
		assert.equal(active.active, true, 'n8n activated the workflow with its Schedule Trigger');
	} finally {
		await n8nRequest('POST', `/rest/workflows/${workflow.id}/deactivate`, {});
	}
	assert.equal(
		(await sandbox.state()).ledger.length,
		last.ledger.length,
		'activating it bought nothing',
	);
}

// examples/best-offer.json: Two Sign-ups (each with its providers, in order) → Best Offer (Several Providers) →
// Wait for OTP (Each Item's Provider), across the sandboxes of all four dialects.
//
// SastaOTP sells the service "soldout" with 0 in stock: skipped from its list, never asked to buy. OTPGet sells
// 101 in Pakistan at 45 PKR, over the 40 PKR Max Price: refused by the node (PRICE_ABOVE_MAX) before any request.
// So item a is bought at InstaOTP and item b at OTPX, and one Wait for OTP gets both codes, each at its provider.
import { lastSeq, requestsSince } from './provider-sms.shared.mjs';

const BUYS = new Set(['getNumber', 'getNumberV2']);

export default async function bestOffer({ workflow, execute, sandboxes, assert }) {
	const seq = {};
	const before = {};
	for (const [name, sb] of Object.entries(sandboxes)) {
		seq[name] = await lastSeq(sb);
		before[name] = (await sb.state()).ledger.length;
	}
	const run = (await execute(workflow.id)).expectOk();

	const [a, b] = run.items('Best Offer');
	assert.equal(a.provider, 'instaotp', `item a bought at InstaOTP (${JSON.stringify(a)})`);
	assert.equal(b.provider, 'otpx', `item b bought at OTPX (${JSON.stringify(b)})`);
	for (const item of [a, b]) {
		const skipped = item.skipped.map((s) => `${s.provider}: ${s.reason}`);
		assert.ok(
			skipped.some((s) => /^sastaotp: out of stock/.test(s)),
			`SastaOTP skipped as sold out (${skipped.join('; ')})`,
		);
		const tried = item.tried.map((t) => `${t.provider} ${t.code ?? t.reason}`);
		assert.ok(tried.includes('otpget PRICE_ABOVE_MAX'), `OTPGet refused over Max Price (${tried})`);
		assert.equal(item.tried.at(-1).reason, 'bought');
	}
	assert.equal(a.currency, 'INR');
	assert.match(String(a.price), /^\d+(\.\d+)?$/, 'InstaOTP lists the price it sold at');

	// Nothing was bought or asked to be bought where it was refused.
	for (const name of ['otpget', 'sastaotp']) {
		const buys = (await requestsSince(sandboxes[name], seq[name])).filter((r) =>
			BUYS.has(r.action),
		);
		assert.deepEqual(buys, [], `${name} was never asked to buy`);
		assert.equal(
			(await sandboxes[name].state()).ledger.length,
			before[name],
			`${name} booked nothing`,
		);
	}
	for (const [name, order] of [
		['instaotp', a],
		['otpx', b],
	]) {
		const entries = (await sandboxes[name].state()).ledger.slice(before[name]);
		assert.deepEqual(
			entries.map((e) => `${e.kind} ${e.orderId}`),
			[`purchase ${order.orderId}`],
			`one purchase at ${name}`,
		);
	}

	// One Wait for OTP, each order checked at its own provider.
	const got = run.items('Wait for OTP', 0);
	assert.deepEqual(run.items('Wait for OTP', 1), [], 'nothing on Timed Out / Cancelled');
	assert.deepEqual(
		got.map((g) => String(g.orderId)),
		[String(a.orderId), String(b.orderId)],
	);
	for (const g of got) assert.match(String(g.code), /^\d{4,8}$/, `a code (${JSON.stringify(g)})`);
	for (const [name, order] of [
		['instaotp', a],
		['otpx', b],
	]) {
		const checks = (await requestsSince(sandboxes[name], seq[name])).filter((r) =>
			/^getStatus/.test(r.action),
		);
		assert.ok(checks.length > 0, `${name} was polled`);
		assert.ok(
			checks.every((r) => String(r.query.id) === String(order.orderId)),
			`${name} was polled for its own order only`,
		);
	}
}

import { DEFAULT_EMAIL_DOMAIN, EMAIL_CATALOG, EMAILS_PER_PAGE } from '../catalog';
import { formatDateTime } from '../clock';
import { Money, formatMoney, toCents } from '../money';
import { jsonReply } from '../reply';
import type { SandboxState } from '../state';
import type { EmailOrder, Reply } from '../types';
import type { Query } from './otp';

/** email_handler.php: JSON with a string "status"; 202 = waiting, 300 = cancelled. HTTP 200 unless emailHttpStatus. */
export function handleEmail(state: SandboxState, q: Query): Reply {
	const reply = (status: string, fields: Record<string, unknown> = {}) =>
		jsonReply(state.config.emailHttpStatus, status, fields);
	const fail = (status: string, message: string) => reply(status, { message });

	const check = state.checkKey(q.api_key);
	if (check === 'blocked') return fail('403', 'ACCOUNT_BLOCKED');
	if (check !== 'ok') return fail('401', 'BAD_KEY');

	const ctx: Ctx = { state, q, reply, fail };
	switch (q.action) {
		case 'getBalance':
			// The docs say getBalance "works on both APIs" without showing the email shape; this is our best guess.
			return reply('200', { balance: formatMoney(state.balanceCents(q.api_key)) });
		case 'getEmailServices':
			return getEmailServices(ctx);
		case 'buyEmail':
			return buyEmail(ctx);
		case 'getEmailCode':
			return getEmailCode(ctx);
		case 'cancelEmail':
			return cancelEmail(ctx);
		case 'getEmailHistory':
			return getEmailHistory(ctx);
		default:
			return fail('400', 'BAD_ACTION');
	}
}

interface Ctx {
	state: SandboxState;
	q: Query;
	reply: (status: string, fields?: Record<string, unknown>) => Reply;
	fail: (status: string, message: string) => Reply;
}

function domainOf(q: Query): string {
	return q.domain ? q.domain.toLowerCase() : DEFAULT_EMAIL_DOMAIN;
}

/** Top-level count = number of services. An unknown domain is not an error here: 200 with no services. */
function getEmailServices({ state, q, reply }: Ctx): Reply {
	const domain = domainOf(q);
	const services = (EMAIL_CATALOG[domain] ?? []).map((s) => ({
		service_code: s.code,
		service_name: s.name,
		price: new Money(toCents(s.price)),
		count: state.emailStock.get(`${domain}:${s.code}`) ?? 0,
	}));
	return reply('200', { count: services.length, services });
}

function buyEmail({ state, q, reply, fail }: Ctx): Reply {
	if (!q.service_id) return fail('400', 'service_id is required');
	const domain = domainOf(q);
	const service = (EMAIL_CATALOG[domain] ?? []).find((s) => s.code === q.service_id);
	if (!service) return fail('404', 'Service not available for this domain');
	const stockKey = `${domain}:${service.code}`;
	const stock = state.emailStock.get(stockKey) ?? 0;
	if (stock <= 0) return fail('404', 'No stock available for this service');
	const priceCents = toCents(service.price);
	const have = state.balanceCents(q.api_key);
	if (have < priceCents)
		return fail(
			'402',
			`Insufficient balance. Need: ${formatMoney(priceCents)} \u2014 Have: ${formatMoney(have)}`,
		);

	const now = state.clock.now();
	const order: EmailOrder = {
		id: state.newEmailId(),
		key: q.api_key,
		serviceCode: service.code,
		serviceName: service.name,
		domain,
		email: state.emailAddress(domain),
		priceCents,
		createdAt: now,
		arrivalAt: state.arrivalFrom(now),
		code: state.code(),
		closed: null,
	};
	state.charge(q.api_key, priceCents, 'email', 'purchase', order.id, now);
	state.emailStock.set(stockKey, stock - 1);
	state.emails.set(order.id, order);
	return reply('200', {
		message: 'Email activated successfully',
		email_id: order.id,
		email: order.email,
		service: service.name,
		domain,
		price: new Money(priceCents),
		balance: new Money(state.balanceCents(q.api_key)),
	});
}

function findEmail({
	state,
	q,
	fail,
}: Ctx): { error: Reply } | { error?: undefined; order: EmailOrder } {
	if (!q.email_id) return { error: fail('400', 'email_id is required') };
	const order = state.emails.get(q.email_id);
	if (!order || order.key !== q.api_key)
		return { error: fail('404', 'Email activation not found') };
	return { order };
}

function getEmailCode(ctx: Ctx): Reply {
	const r = findEmail(ctx);
	if (r.error) return r.error;
	const o = r.order;
	if (o.closed?.state === 'cancelled') return ctx.fail('300', 'Cancelled');
	if (!ctx.state.received(o)) return ctx.fail('202', 'Waiting for code...');
	ctx.state.markEmailSeen(o);
	return ctx.reply('200', {
		email_id: o.id,
		messages: [
			{
				email: o.email,
				subject: 'Verification Code',
				body: `Your verification code is ${o.code}`,
				code: o.code,
			},
		],
	});
}

/**
 * Code received: completed, code returned, no refund. Waiting: cancelled + full refund.
 * Already cancelled: 200 "Already cancelled" (docs: "Returns success (safe to call multiple times)"),
 * never a second refund. Already completed: the completed answer again.
 */
function cancelEmail(ctx: Ctx): Reply {
	const r = findEmail(ctx);
	if (r.error) return r.error;
	const { state, reply } = ctx;
	const o = r.order;
	if (o.closed?.state === 'cancelled') return reply('200', { message: 'Already cancelled' });
	const now = state.clock.now();
	if (state.received(o, now)) {
		if (!o.closed) o.closed = { state: 'completed', at: now, reason: 'user' };
		return reply('200', {
			message: 'Order completed - OTP was already received',
			code: o.code,
			email: o.email,
		});
	}
	o.closed = { state: 'cancelled', at: now, reason: 'user' };
	state.refund(o.key, o.priceCents, 'email', o.id, now);
	return reply('200', {
		message: 'Cancelled and refunded',
		refunded: new Money(o.priceCents),
		balance: new Money(state.balanceCents(o.key)),
	});
}

/** 20 per page, newest first; a missing/invalid page is page 1. */
function getEmailHistory({ state, q, reply }: Ctx): Reply {
	const pageNum = Number(q.page);
	const page = Number.isInteger(pageNum) && pageNum >= 1 ? pageNum : 1;
	const mine = [...state.emails.values()].filter((o) => o.key === q.api_key).reverse();
	const history = mine.slice((page - 1) * EMAILS_PER_PAGE, page * EMAILS_PER_PAGE).map((o) => {
		const v = state.emailView(o);
		return {
			email_id: o.id,
			email_address: o.email,
			service_id: o.serviceCode,
			service_name: o.serviceName,
			domain: o.domain,
			status: v.status,
			code: v.status === 'received' ? o.code : '',
			price: new Money(o.priceCents),
			created_at: formatDateTime(o.createdAt),
		};
	});
	return reply('200', { total: mine.length, page, history });
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Dialect } from '../../../../../protocol/providers';
import {
	EMAIL_HISTORY_PAGE_SIZE,
	emailRequests,
	parseCancelEmail,
	parseEmailHistory,
} from '../../../../../protocol/email';
import { parseOrders, parseSetStatus, smsRequestsFor } from '../../../../../protocol/sms';
import { errorCodeOf, toNodeError } from '../../../../shared/errors';
import { apiRequest } from '../../../../shared/transport';

/** An order the provider lists as still open: an SMS activation, or an email address still waiting. */
export interface OpenOrder {
	kind: 'sms' | 'email';
	orderId: string;
	/** The phone or the address. */
	target: string | null;
	service: string | null;
	price: number | null;
	createdAt: string | null;
}

/** A provider that ignored `page` would send page 1 forever; never walk further than this. */
const MAX_PAGES = 50;

/** What each provider cannot list, and what to do instead (also in the README). */
export function unlisted(d: Dialect): string[] {
	const notes: string[] = [];
	if (!d.features.getOrders)
		notes.push(
			`${d.name} has no order list for SMS Activation: cancel each order with SMS Activation → Set Status → Cancel & Refund and the orderId from Get Number, or let Wait for OTP do it (On Timeout: Cancel & Refund)`,
		);
	if (d.endpoints.cheap)
		notes.push(
			'Cheap Number orders are not listed by OTPGet: cancel them with Cheap Number → Set Status',
		);
	return notes;
}

/** Every open order the provider lists, read in full before anything is cancelled (cancels shift the pages). */
export async function findOpenOrders(
	ctx: IExecuteFunctions,
	d: Dialect,
	itemIndex: number,
): Promise<OpenOrder[]> {
	const found = new Map<string, OpenOrder>();
	if (d.orders && d.features.getOrders) {
		const limit = d.orders.maxLimit;
		for (let page = 1; page <= MAX_PAGES; page++) {
			const { orders } = await apiRequest(
				ctx,
				smsRequestsFor(d).getOrders({ limit, page, status: 'pending' }),
				parseOrders,
				itemIndex,
			);
			const fresh = orders.filter((o) => !found.has(`sms:${o.orderId}`));
			for (const o of fresh.filter((o) => (o.status ?? 'pending') === 'pending'))
				found.set(`sms:${o.orderId}`, {
					kind: 'sms',
					orderId: o.orderId,
					target: o.phone,
					service: o.serviceCode ?? o.service,
					price: o.price,
					createdAt: o.createdAt,
				});
			if (fresh.length === 0 || orders.length < limit) break;
		}
	}
	if (d.endpoints.email) {
		for (let page = 1; page <= MAX_PAGES; page++) {
			const { history } = await apiRequest(
				ctx,
				emailRequests.getEmailHistory(page),
				parseEmailHistory,
				itemIndex,
			);
			const fresh = history.filter((h) => !found.has(`email:${h.emailId}`));
			for (const h of fresh.filter((h) => h.status === 'active'))
				found.set(`email:${h.emailId}`, {
					kind: 'email',
					orderId: h.emailId,
					target: h.email,
					service: h.serviceName || h.serviceId,
					price: h.price,
					createdAt: h.createdAt,
				});
			if (fresh.length === 0 || history.length < EMAIL_HISTORY_PAGE_SIZE) break;
		}
	}
	return [...found.values()];
}

/** Cancels one order; a refusal is reported on the order, never thrown (the others are still cancelled). */
export async function cancelOrder(
	ctx: IExecuteFunctions,
	d: Dialect,
	order: OpenOrder,
	itemIndex: number,
): Promise<IDataObject> {
	try {
		if (order.kind === 'email') {
			const answer = await apiRequest(
				ctx,
				emailRequests.cancelEmail(order.orderId),
				parseCancelEmail,
				itemIndex,
			);
			return {
				outcome: answer.outcome,
				refunded: answer.outcome === 'cancelled',
				code: answer.code ?? null,
			};
		}
		const status = await apiRequest(
			ctx,
			smsRequestsFor(d).setStatus(order.orderId, 'cancel'),
			(text) => parseSetStatus(text, 'cancel', d),
			itemIndex,
		);
		return { outcome: status, refunded: status === 'cancelled' };
	} catch (error) {
		const failure = toNodeError(ctx.getNode(), error, { itemIndex });
		return {
			outcome: 'failed',
			refunded: false,
			errorCode: errorCodeOf(error) ?? null,
			error: failure.message,
		};
	}
}

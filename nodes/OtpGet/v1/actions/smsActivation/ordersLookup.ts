import type { IExecuteFunctions } from 'n8n-workflow';

import type { Dialect } from '../../../../../protocol/providers';
import { toIsoTime } from '../../../../../protocol/jsonAnswer';
import {
	parseOrders,
	smsRequestsFor,
	type NumberOrder,
	type SmsOrder,
} from '../../../../../protocol/sms';
import { apiRequest } from '../../../../shared/transport';
import { samePrice, type Lookup } from '../reconcile';

/**
 * Clock skew between SastaOTP and us that still counts as "after our request started": whole-second timestamps
 * and a little drift. Kept short, since an order another workflow bought just before ours would match too (then
 * two match, and it is reported, not guessed).
 */
const SKEW_MS = 2_000;
/** India's offset: sastaotp.txt gives no getOrders answer, so a zone-less created_at may be UTC or IST. */
const IST_MS = 5.5 * 3_600_000;

/** The instants a created_at may stand for: as given with a zone, else read as UTC and as India time. */
function createdReadings(o: SmsOrder): number[] {
	const raw = o.raw.created_at ?? o.raw.createdAt ?? o.raw.date;
	const text = typeof raw === 'string' ? raw.trim() : '';
	const utc = Date.parse(toIsoTime(text) ?? '');
	if (Number.isNaN(utc)) return [];
	return /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)
		? [utc, utc - IST_MS]
		: [utc];
}

/**
 * A Get Number whose answer was lost, looked up in getOrders (documented by sastaotp.txt, answer form not shown):
 * ours is the one new order of the same service, in the country we named, at the price we were quoted, created
 * after our request started. No list is read before buying (times tell new from old); the orders this execution
 * bought are excluded.
 */
export function ordersLookup(
	ctx: IExecuteFunctions,
	itemIndex: number,
	d: Dialect,
	choice: { service: string; country?: string },
): Lookup<SmsOrder, NumberOrder> {
	return {
		history: {
			name: 'smsOrders',
			label: 'SMS Activation → Get Orders',
			timed: true,
			read: async () =>
				(
					await apiRequest(
						ctx,
						smsRequestsFor(d).getOrders({ limit: d.orders?.maxLimit }),
						parseOrders,
						itemIndex,
					)
				).orders,
			idOf: (o) => o.orderId,
			describe: (o) =>
				`orderId ${o.orderId}, ${o.phone ?? '?'}, ${o.serviceCode ?? o.service ?? '?'} in ${o.countryCode ?? '?'}, ${o.price ?? '?'} ${d.currency}, created ${o.createdAt ?? '?'}`,
		},
		matches: (o, ours) =>
			o.serviceCode === choice.service &&
			(!choice.country || o.countryCode === choice.country) &&
			samePrice(o.price, ours.price) &&
			createdReadings(o).some((at) => at >= ours.startedAt - SKEW_MS && at <= Date.now() + SKEW_MS),
		fromHistory: (o) => ({
			orderId: o.orderId,
			phone: o.phone ?? '',
			...(o.price !== null ? { price: o.price } : {}),
			...(o.providerOrderId ? { providerOrderId: o.providerOrderId } : {}),
			...(o.serviceCode ? { serviceCode: o.serviceCode } : {}),
			...(o.countryCode ? { countryCode: o.countryCode } : {}),
		}),
		idOfAnswer: (order) => order.orderId,
	};
}

import type { IDataObject } from 'n8n-workflow';

import { ProviderError } from '../../../../protocol/errors';
import { excerpt } from '../../../../protocol/text';
import { moneyAtRisk, type NodeError } from '../../../shared/errors';

export interface PaidOrder {
	itemIndex: number;
	json: IDataObject;
}

/** The fields that identify an order and what it cost, in the order a user looks for them. */
const ORDER_FIELDS = [
	'orderId',
	'smsOrderId',
	'rentalId',
	'emailId',
	'phone',
	'email',
	'price',
	'pricePaid',
	'currency',
	'expiresAt',
];

export function describeOrder({ itemIndex, json }: PaidOrder): string {
	const fields = ORDER_FIELDS.filter(
		(k) => json[k] !== undefined && json[k] !== null && json[k] !== '',
	).map((k) => `${k} ${String(json[k])}`);
	return `item ${itemIndex + 1}: ${fields.join(', ')}`;
}

function orderIds(paid: PaidOrder[]): string {
	const ids = paid.map(({ json }) =>
		String(json.orderId ?? json.smsOrderId ?? json.rentalId ?? json.emailId ?? '?'),
	);
	return excerpt(ids.join(', '), 600);
}

/**
 * A later item failed after earlier items of the same run were bought. n8n drops the node's output when it
 * throws, so the paid orders go into the error itself, and the advice changes: running the node again on every
 * item would buy them all again.
 */
export function withPaidOrders(
	failure: NodeError,
	error: unknown,
	paid: PaidOrder[],
	itemIndex: number,
	itemCount: number,
): NodeError {
	const uncertain = moneyAtRisk(error) || moneyAtRisk(failure);
	const what = error instanceof ProviderError && !uncertain ? error.message : failure.message;
	// The refusal's own fix, never "run again": for this run that would buy the paid orders twice.
	const fix =
		error instanceof ProviderError && !uncertain
			? `To fix item ${itemIndex + 1}: ${error.hint}.`
			: '';
	const notRun =
		itemIndex + 1 < itemCount ? ` Items ${itemIndex + 2}–${itemCount} were not run.` : '';
	failure.message =
		`Item ${itemIndex + 1} failed: ${what} — ${paid.length} order(s) bought by earlier items are paid and open (${orderIds(paid)}); ` +
		'do not run this node again on all items, that would buy them again';
	failure.description = [
		`Paid orders of this run: ${paid.map(describeOrder).join('; ')}.`,
		'Pass them on (Wait for OTP, or Set Status → Cancel & Refund to get the money back), and buy again only for the item that failed and the ones after it.',
		fix,
		notRun.trim(),
		(failure.description ?? '').replace('Retrying later may succeed.', '').trim(),
	]
		.filter(Boolean)
		.join(' ');
	return failure;
}

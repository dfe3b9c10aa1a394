import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DIALECTS, isProviderId, type Dialect } from '../../protocol/providers';
import { dialectOf, isSeveral, listedProviders } from '../shared/provider';

/**
 * Whose order an input item is: the one place Wait for OTP decides it. Under "Each Item's Provider" the item's
 * own `provider` field (Get Number and Best Offer output it) says, and must be among the listed providers (n8n
 * gives the node only the credentials shown). Otherwise the node's Provider, and an item that says it is
 * another provider's order fails alone rather than being polled with the wrong key.
 */
export function itemDialect(ctx: IExecuteFunctions, itemIndex: number): Dialect {
	const json = ctx.getInputData()[itemIndex]?.json ?? {};
	const carried = json.provider;
	// An item refused here is never checked: its order is named, so the user knows which one is still open.
	const orderId = json.orderId ?? json.emailId ?? json.smsOrderId;
	const item = `Item ${itemIndex}${orderId !== undefined && orderId !== null && orderId !== '' ? ` (order ${String(orderId)}, not checked)` : ''}`;
	if (!isSeveral(ctx, itemIndex)) {
		const d = dialectOf(ctx, itemIndex);
		if (isProviderId(carried) && carried !== d.id) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${item} is a ${DIALECTS[carried].name} order, but Provider is ${d.name}`,
				{
					itemIndex,
					description: `Set Provider to "Each Item's Provider" and list ${DIALECTS[carried].name} under Providers, so each order is checked with its own provider's credential.`,
				},
			);
		}
		return d;
	}
	if (!isProviderId(carried)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${item} does not say whose order it is (no "provider" field)`,
			{
				itemIndex,
				description:
					'Under "Each Item\'s Provider" every item needs the provider field that Get Number and Best Offer output (otpget, otpx, instaotp, sastaotp).',
			},
		);
	}
	const listed = listedProviders(ctx, itemIndex);
	if (!listed.includes(carried)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${item} is a ${DIALECTS[carried].name} order, and ${DIALECTS[carried].name} is not under Providers`,
			{
				itemIndex,
				description: `Add ${DIALECTS[carried].name} under Providers and choose its credential.`,
			},
		);
	}
	return DIALECTS[carried];
}

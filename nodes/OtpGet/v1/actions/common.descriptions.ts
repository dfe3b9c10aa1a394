import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ProviderId } from '../../../../protocol/providers';
import { ProviderError } from '../../../../protocol/errors';
import { requireOneOf } from '../../../shared/parameters';
import type { OtpGetResource, OtpGetType } from './node.type';

/** The one way an operation's fields are shown: only for their resource and operation. */
export function showFor<R extends OtpGetResource>(
	resource: R,
	operation: OtpGetType[R],
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: [resource], operation: [operation] } },
		properties,
	);
}

/** The Operation dropdown of one resource (of some providers only, when `providers` is given). */
export function operationField(
	resource: OtpGetResource,
	options: INodeProperties['options'],
	defaultOperation: string,
	providers?: ReadonlyArray<ProviderId | 'several'>,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: { resource: [resource], ...(providers ? { apiProvider: [...providers] } : {}) },
		},
		options,
		default: defaultOperation,
	};
}

export function orderIdField(description: string): INodeProperties {
	return {
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '={{ $json.orderId }}',
		required: true,
		description,
	};
}

/** Set Status of the SMS and Cheap Number resources: the protocol maps complete/cancel to each API's code. */
export function completeOrCancelField(cancelDescription: string): INodeProperties {
	return {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{
				name: 'Complete',
				value: 'complete',
				description: 'Finish the order; the code must already have arrived',
			},
			{ name: 'Cancel & Refund', value: 'cancel', description: cancelDescription },
		],
		default: 'complete',
	};
}

/** The Status field's value, checked before any request. */
export function readCompleteOrCancel(
	this: IExecuteFunctions,
	itemIndex: number,
): 'complete' | 'cancel' {
	return requireOneOf.call(this, 'status', 'Status', ['complete', 'cancel'], itemIndex) as
		'complete' | 'cancel';
}

/**
 * A cancel we send is a valid status, so BAD_STATUS to it means the order no longer takes one: the code has
 * arrived (or the order is finished). Saying "invalid status value" would send the user looking in the wrong place.
 */
export function explainCancelRefusal(error: unknown, action: string): unknown {
	if (
		action !== 'cancel' ||
		!(error instanceof ProviderError) ||
		!['BAD_STATUS', 'INVALID_STATUS'].includes(error.code)
	)
		return error;
	return new ProviderError(
		error.code,
		{
			kind: 'state',
			retryable: false,
			message:
				'Cannot cancel: the code already arrived for this order (or it is already finished), so it is not refunded',
			hint: 'Use Set Status → Complete to finish it, or Get Status to see where it stands',
		},
		{ detail: error.detail, httpStatus: error.httpStatus },
	);
}

export function purchaseNotice(text: string): INodeProperties {
	return { displayName: text, name: 'purchaseNotice', type: 'notice', default: '' };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseRentalInbox, rentalRequests } from '../../../../../protocol/rental';
import { otpGetTimeReader } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { requireString } from '../../../../shared/parameters';
import { optionalDateTime } from '../../../../shared/parameters';
import { showFor } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Rental Name or ID',
		name: 'smsOrderId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getRentalsBySmsOrderId' },
		default: '={{ $json.smsOrderId }}',
		required: true,
		description:
			'The rented number whose SMS to get: its smsOrderId from Rent Number or Get My Rentals (the API\'s "order_id"), not the rentalId. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Only Messages Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description:
					'Only messages received at or after this time (read as UTC when it has no time zone)',
			},
		],
	},
];

export const description = showFor('rental', 'getSms', properties);

/** One item per message, oldest first as the API sends them; no message, no item. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const smsOrderId = requireString.call(this, 'smsOrderId', 'SMS Order ID', itemIndex);
	const since = optionalDateTime.call(this, 'options.since', 'Only Messages Since', itemIndex);
	const readTime = await otpGetTimeReader(this, itemIndex);
	const inbox = await apiRequest(
		this,
		rentalRequests.getRentalSMS(smsOrderId),
		parseRentalInbox,
		itemIndex,
	);
	const messages = inbox.messages.map((m) => ({ ...m, receivedAt: readTime(m.timestamp) }));
	// Timestamps have whole seconds: a message stamped in the same second as `since` counts.
	const from = since === undefined ? undefined : Math.floor(since / 1000) * 1000;
	return messages
		.filter(
			(m) => from === undefined || (m.receivedAt !== null && Date.parse(m.receivedAt) >= from),
		)
		.map((m) => ({
			smsOrderId,
			phone: inbox.phone,
			from: m.from,
			text: m.text,
			code: m.code,
			receivedAt: m.receivedAt,
		}));
}

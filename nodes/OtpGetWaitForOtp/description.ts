import type { INodeProperties } from 'n8n-workflow';

import type { SourceName } from '../../protocol/poll/sources';
import { codePatternOption } from '../shared/descriptions';
import {
	COMPATIBLE_PROVIDERS,
	providerField,
	providerListField,
	SEVERAL,
} from '../shared/provider';

/**
 * Minutes to wait when the Timeout option is not set: emails come fast; cheap numbers live 15 minutes from
 * purchase, so their wait ends early enough for our own cancel & refund to run before the number expires.
 */
export const DEFAULT_TIMEOUT_MINUTES: Readonly<Record<SourceName, number>> = {
	sms: 10,
	cheap: 13,
	email: 5,
	rental: 10,
};

export const DEFAULT_INTERVAL_SECONDS = 5;
export const DEFAULT_MAX_FAILURES = 5;
export const DEFAULT_REQUESTS_PER_SECOND = 10;

/** Parameter that holds each source's order id, and its label. */
export const ORDER_ID_PARAMETER: Readonly<Record<SourceName, { name: string; label: string }>> = {
	sms: { name: 'orderId', label: 'Order ID' },
	cheap: { name: 'orderId', label: 'Order ID' },
	email: { name: 'emailId', label: 'Email ID' },
	rental: { name: 'smsOrderId', label: 'SMS Order ID' },
};

export const properties: INodeProperties[] = [
	providerField(
		"Whose order to wait for: the provider the order was bought from. Cheap Number, Email and Rental SMS are OTPGet's only.",
		undefined,
		{
			name: "Each Item's Provider",
			description:
				'A mixed batch (Best Offer, several Get Number nodes): each item is checked at the provider its "provider" field names',
		},
	),
	providerListField(
		"The providers the items may come from. Choose each one's credential below: the node only reads credentials that are shown.",
	),
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Cheap Number',
				value: 'cheap',
				description: 'A number from Cheap Number → Buy Number',
			},
			{ name: 'Email', value: 'email', description: 'A temporary address from Email → Buy Email' },
			{ name: 'Rental SMS', value: 'rental', description: 'A new SMS on a rented number' },
			{
				name: 'SMS Activation',
				value: 'sms',
				description: 'A number from SMS Activation → Get Number',
			},
		],
		default: 'sms',
		displayOptions: { show: { apiProvider: ['otpget'] } },
		description: 'What the code is sent to',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'SMS Activation',
				value: 'sms',
				description: 'A number from SMS Activation → Get Number',
			},
		],
		default: 'sms',
		displayOptions: { show: { apiProvider: [...COMPATIBLE_PROVIDERS, SEVERAL] } },
		description: 'What the code is sent to',
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '={{ $json.orderId }}',
		required: true,
		displayOptions: { show: { source: ['sms', 'cheap'] } },
		description: 'The orderId returned by Get Number or Buy Number',
	},
	{
		displayName: 'Email ID',
		name: 'emailId',
		type: 'string',
		default: '={{ $json.emailId }}',
		required: true,
		displayOptions: { show: { source: ['email'] } },
		description: 'The emailId returned by Buy Email',
	},
	{
		displayName: 'SMS Order ID',
		name: 'smsOrderId',
		type: 'string',
		default: '={{ $json.smsOrderId }}',
		required: true,
		displayOptions: { show: { source: ['rental'] } },
		description: 'The smsOrderId of the rented number (from Rent Number or Get My Rentals)',
	},
	{
		displayName: 'New SMS Since',
		name: 'newSmsSince',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { source: ['rental'] } },
		description:
			"A rented number keeps its earlier messages: only SMS received from this time on count. Empty means from the input item's boughtAt (Rent Number's output), so a code that came before this node ran still counts; without one, from when the wait starts. A date without a zone is UTC.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			codePatternOption,
			{
				displayName: 'Max Failed Checks in a Row',
				name: 'maxFailures',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_FAILURES,
				description:
					'Failed checks (network errors, throttling, server and provider database errors) never end the wait before the timeout: they are retried with a growing pause (up to 30 s). This many attempts are made at the end: a cancel or complete that keeps failing, or checks after the timeout failing this many times in a row, and the order is reported as still open with its ID.',
			},
			{
				displayName: 'Max Requests per Second',
				name: 'maxRequestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_REQUESTS_PER_SECOND,
				description:
					'For all orders of this node together, and every run in this n8n instance that uses the same credential at the same time: never more requests than this in any second',
			},
			{
				displayName: 'On Stop',
				name: 'onStop',
				type: 'options',
				options: [
					{
						name: 'Leave Open',
						value: 'leave',
						description:
							'Send nothing more; the error lists every order and whether it is still open',
					},
					{
						name: 'Cancel & Refund Open Orders',
						value: 'cancel',
						description:
							'Cancel the orders that have no code yet (for up to 20 seconds); orders within 2 minutes of purchase cannot be cancelled yet and stay open. Codes already received are kept and reported.',
					},
				],
				default: 'leave',
				description:
					'What happens to orders still waiting when the execution is stopped or times out',
			},
			{
				displayName: 'On Success',
				name: 'onSuccess',
				type: 'options',
				displayOptions: { show: { '/source': ['sms', 'cheap'] } },
				options: [
					{
						name: 'Complete the Activation',
						value: 'complete',
						description:
							"Mark the order finished once the code is in. OTPX documents no complete status: the family's 6 is tried, and a refusal is reported in completeError (the order then closes on its own).",
					},
					{
						name: 'Leave Open',
						value: 'leave',
						description: 'Do nothing: complete it later with Set Status',
					},
				],
				default: 'complete',
			},
			{
				displayName: 'On Timeout',
				name: 'onTimeout',
				type: 'options',
				options: [
					{
						name: 'Cancel & Refund',
						value: 'cancel',
						description:
							'Cancel the order and get the money back (rentals cannot be cancelled and are left as they are). Within 2 minutes of purchase it keeps checking until a cancel is allowed.',
					},
					{
						name: 'Fail',
						value: 'fail',
						description: 'Leave the order open and fail the item',
					},
					{
						name: 'Leave Open',
						value: 'leave',
						description: 'Send the item to the second output and leave the order as it is',
					},
				],
				default: 'cancel',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 0.01, numberPrecision: 2 },
				default: DEFAULT_INTERVAL_SECONDS,
				description:
					'Longest time between two checks of the same order once its code may have come (with the fixed schedule: the time between two checks)',
			},
			{
				displayName: 'Poll Schedule',
				name: 'pollSchedule',
				type: 'options',
				options: [
					{
						name: 'Fixed Interval',
						value: 'fixed',
						description: 'Check at once, then every Poll Interval',
					},
					{
						name: 'Learned',
						value: 'learned',
						description:
							'Learn when codes of this provider, service and country arrive: no checks before codes are likely, then at most one Poll Interval apart (closer where codes are due), likeliest orders first under the rate cap. A service never seen uses the fixed interval.',
					},
					{
						name: 'Learned, Sparser Tail',
						value: 'sparseTail',
						description:
							'As Learned, but once an order is older than 95% of the codes seen, checks are 4 Poll Intervals apart (at most 60 s, never less than one interval): a late code is seen up to that long after it came',
					},
				],
				default: 'learned',
				description: 'When each order is checked',
			},
			{
				displayName: 'Timeout (Minutes)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 10,
				description:
					'How long to wait for the code. Not set: 10 for SMS Activation and Rental SMS, 13 for Cheap Number (it expires 15 minutes after purchase, so the refund still runs), 5 for Email.',
			},
		],
	},
];

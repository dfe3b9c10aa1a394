import type { INodeProperties } from 'n8n-workflow';

import { codePatternOption } from '../shared/descriptions';
import { COMPATIBLE_PROVIDERS, providerField } from '../shared/provider';

export const properties: INodeProperties[] = [
	providerField(
		"Whose account to watch. Rental events are OTPGet's only; Balance Below works for every provider.",
	),
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { apiProvider: ['otpget'] } },
		options: [
			{
				name: 'Balance Below',
				value: 'balanceBelow',
				description: 'Once each time the wallet balance drops below the threshold',
			},
			{
				name: 'New Rental SMS',
				value: 'newRentalSms',
				description: 'One item per new SMS on your rented numbers, with the code extracted',
			},
			{
				name: 'Rental Expiring Soon',
				value: 'rentalExpiring',
				description:
					'Once per rental and expiry date, when it comes within the threshold: start a renewal from here',
			},
		],
		default: 'newRentalSms',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { apiProvider: COMPATIBLE_PROVIDERS } },
		options: [
			{
				name: 'Balance Below',
				value: 'balanceBelow',
				description: 'Once each time the wallet balance drops below the threshold',
			},
		],
		default: 'balanceBelow',
	},
	{
		displayName: 'Rentals',
		name: 'rentals',
		type: 'options',
		options: [
			{ name: 'All Active Rentals', value: 'all' },
			{ name: 'One Rental', value: 'one' },
		],
		default: 'all',
		displayOptions: { show: { event: ['newRentalSms', 'rentalExpiring'] } },
	},
	{
		displayName: 'SMS Order ID',
		name: 'smsOrderId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { event: ['newRentalSms', 'rentalExpiring'], rentals: ['one'] } },
		description: 'The smsOrderId of the rented number (from Rent Number or Get My Rentals)',
	},
	{
		displayName: 'Hours Before Expiry',
		name: 'thresholdHours',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 24,
		displayOptions: { show: { event: ['rentalExpiring'] } },
		description:
			'Fire when a rental expires within this many hours. A renewal moves the expiry, so it fires again only when the new expiry comes this close.',
	},
	{
		displayName: 'Balance Threshold',
		name: 'balanceThreshold',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 500,
		displayOptions: { show: { event: ['balanceBelow'] } },
		description:
			"Fire when the balance (in the provider's currency: PKR for OTPGet, INR for the others) drops below this; fires again only after it has been back at or above it",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { event: ['newRentalSms'] } },
		options: [codePatternOption],
	},
];

import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common.descriptions';
import type { ResourceModule } from '../node.type';
import * as checkAvailability from './checkAvailability.operation';
import * as getCountries from './getCountries.operation';
import * as getMyRentals from './getMyRentals.operation';
import * as getPricing from './getPricing.operation';
import * as getSms from './getSms.operation';
import * as renew from './renew.operation';
import * as rentNumber from './rentNumber.operation';

export const operations: ResourceModule<'rental'>['operations'] = {
	getCountries,
	getPricing,
	checkAvailability,
	rentNumber,
	getMyRentals,
	getSms,
	renew,
};

export const description: INodeProperties[] = [
	operationField(
		'rental',
		[
			{
				name: 'Check Availability',
				value: 'checkAvailability',
				description: 'Live stock of rental numbers in a country',
				action: 'Check rental availability',
			},
			{
				name: 'Get Countries',
				value: 'getCountries',
				description: 'List the countries you can rent numbers in',
				action: 'Get rental countries',
			},
			{
				name: 'Get My Rentals',
				value: 'getMyRentals',
				description: 'List your rented numbers, one item each, with their expiry',
				action: 'Get my rentals',
			},
			{
				name: 'Get Pricing',
				value: 'getPricing',
				description: 'List the rental periods of a country with their prices',
				action: 'Get rental pricing',
			},
			{
				name: 'Get SMS',
				value: 'getSms',
				description: 'Get the SMS received on a rented number, one item each',
				action: 'Get the SMS of a rented number',
			},
			{
				name: 'Renew',
				value: 'renew',
				description: 'Extend a rental',
				action: 'Renew a rental (spends money)',
			},
			{
				name: 'Rent Number',
				value: 'rentNumber',
				description: 'Rent a number for hours to months',
				action: 'Rent a number (spends money)',
			},
		],
		'rentNumber',
	),
	...getCountries.description,
	...getPricing.description,
	...checkAvailability.description,
	...rentNumber.description,
	...getMyRentals.description,
	...getSms.description,
	...renew.description,
];

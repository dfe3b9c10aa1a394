import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common.descriptions';
import type { ResourceModule } from '../node.type';
import * as getCountries from './getCountries.operation';
import * as getNumber from './getNumber.operation';
import * as getServices from './getServices.operation';
import * as getStatus from './getStatus.operation';
import * as setStatus from './setStatus.operation';

export const operations: ResourceModule<'smsActivation'>['operations'] = {
	getCountries,
	getServices,
	getNumber,
	getStatus,
	setStatus,
};

export const description: INodeProperties[] = [
	operationField(
		'smsActivation',
		[
		{
			name: 'Get Countries',
			value: 'getCountries',
			description: 'List the countries of a provider type',
			action: 'Get countries',
		},
		{
			name: 'Get Number',
			value: 'getNumber',
			description: 'Buy a virtual number to receive one SMS code',
			action: 'Buy a number',
		},
		{
			name: 'Get Services',
			value: 'getServices',
			description: 'List the services of a country with their prices',
			action: 'Get services',
		},
		{
			name: 'Get Status',
			value: 'getStatus',
			description: 'Check whether the SMS code has arrived',
			action: 'Get the status of an order',
		},
		{
			name: 'Set Status',
			value: 'setStatus',
			description: 'Complete an order, or cancel it for a refund',
			action: 'Complete or cancel an order',
		},
	],
		'getNumber',
	),
	...getCountries.description,
	...getServices.description,
	...getNumber.description,
	...getStatus.description,
	...setStatus.description,
];

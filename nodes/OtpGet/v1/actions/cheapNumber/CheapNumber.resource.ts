import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common.descriptions';
import type { ResourceModule } from '../node.type';
import * as buyNumber from './buyNumber.operation';
import * as getBalance from './getBalance.operation';
import * as getServers from './getServers.operation';
import * as getStatus from './getStatus.operation';
import * as setStatus from './setStatus.operation';

export const operations: ResourceModule<'cheapNumber'>['operations'] = {
	getServers,
	buyNumber,
	getStatus,
	setStatus,
	getBalance,
};

export const description: INodeProperties[] = [
	operationField(
		'cheapNumber',
		[
			{
				name: 'Buy Number',
				value: 'buyNumber',
				description: 'Buy a cheap number, valid for 15 minutes',
				action: 'Buy a cheap number (spends money)',
			},
			{
				name: 'Get Balance',
				value: 'getBalance',
				description: 'Get the wallet balance through the cheap number API',
				action: 'Get the wallet balance through the cheap number API',
			},
			{
				name: 'Get Servers',
				value: 'getServers',
				description: 'List the cheap-number servers of a type',
				action: 'Get cheap number servers',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Check whether the SMS code has arrived',
				action: 'Get the status of a cheap number',
			},
			{
				name: 'Set Status',
				value: 'setStatus',
				description: 'Complete a cheap number, or cancel it for a refund',
				action: 'Complete or cancel a cheap number',
			},
		],
		'buyNumber',
	),
	...getServers.description,
	...buyNumber.description,
	...getStatus.description,
	...setStatus.description,
	...getBalance.description,
];

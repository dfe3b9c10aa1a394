import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common.descriptions';
import type { ResourceModule } from '../node.type';
import * as buyEmail from './buyEmail.operation';
import * as cancel from './cancel.operation';
import * as getBalance from './getBalance.operation';
import * as getCode from './getCode.operation';
import * as getHistory from './getHistory.operation';
import * as getServices from './getServices.operation';

export const operations: ResourceModule<'email'>['operations'] = {
	getServices,
	buyEmail,
	getCode,
	cancel,
	getHistory,
	getBalance,
};

export const description: INodeProperties[] = [
	operationField(
		'email',
		[
			{
				name: 'Buy Email',
				value: 'buyEmail',
				description: 'Buy a temporary email address to receive one code',
				action: 'Buy an email address (spends money)',
			},
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel an address for a refund, or complete it if the code arrived',
				action: 'Cancel an email address',
			},
			{
				name: 'Get Balance',
				value: 'getBalance',
				description: 'Get the wallet balance through the email API',
				action: 'Get the wallet balance through the email API',
			},
			{
				name: 'Get Code',
				value: 'getCode',
				description: 'Check whether the code has arrived',
				action: 'Get the code of an email address',
			},
			{
				name: 'Get History',
				value: 'getHistory',
				description: 'List your past email purchases',
				action: 'Get email history',
			},
			{
				name: 'Get Services',
				value: 'getServices',
				description: 'List the services of a domain with price and stock',
				action: 'Get email services',
			},
		],
		'buyEmail',
	),
	...getServices.description,
	...buyEmail.description,
	...getCode.description,
	...cancel.description,
	...getHistory.description,
	...getBalance.description,
];

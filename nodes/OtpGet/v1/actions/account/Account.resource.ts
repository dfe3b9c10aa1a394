import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common.descriptions';
import type { ResourceModule } from '../node.type';
import * as cancelOpenOrders from './cancelOpenOrders.operation';
import * as getBalance from './getBalance.operation';

export const operations: ResourceModule<'account'>['operations'] = { getBalance, cancelOpenOrders };

export const description: INodeProperties[] = [
	operationField(
		'account',
		[
			{
				name: 'Cancel Open Orders',
				value: 'cancelOpenOrders',
				description:
					'Cancel and refund every open order the provider lists for this credential (Dry Run lists them only)',
				action: 'Cancel all open orders',
			},
			{
				name: 'Get Balance',
				value: 'getBalance',
				description: 'Get the wallet balance',
				action: 'Get the wallet balance',
			},
		],
		'getBalance',
	),
	...getBalance.description,
	...cancelOpenOrders.description,
];

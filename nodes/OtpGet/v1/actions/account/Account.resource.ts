import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as getBalance from './getBalance.operation';

export const operations: Record<string, OperationModule> = { getBalance };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Balance',
				value: 'getBalance',
				description: 'Get the wallet balance',
				action: 'Get the wallet balance',
			},
		],
		default: 'getBalance',
	},
	...getBalance.description,
];

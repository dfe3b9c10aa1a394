import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common.descriptions';
import type { ResourceModule } from '../node.type';
import * as getBalance from './getBalance.operation';

export const operations: ResourceModule<'account'>['operations'] = { getBalance };

export const description: INodeProperties[] = [
	operationField(
		'account',
		[
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
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DIALECTS, PROVIDER_IDS, type Dialect } from '../../../../../protocol/providers';
import { SEVERAL } from '../../../../shared/provider';
import { operationField } from '../common.descriptions';
import type { OtpGetType, ResourceModule } from '../node.type';
import * as bestOffer from './bestOffer.operation';
import * as getCountries from './getCountries.operation';
import * as getNumber from './getNumber.operation';
import * as getOrders from './getOrders.operation';
import * as getServices from './getServices.operation';
import * as getStatus from './getStatus.operation';
import * as regetNumber from './regetNumber.operation';
import * as setStatus from './setStatus.operation';

export const operations: ResourceModule<'smsActivation'>['operations'] = {
	getCountries,
	getServices,
	getNumber,
	getStatus,
	setStatus,
	getOrders,
	regetNumber,
	bestOffer,
};

type Operation = OtpGetType['smsActivation'];

/** Every operation and whether a provider's document lists it (its dialect's features say). */
const OPERATIONS: ReadonlyArray<
	INodePropertyOptions & { value: Operation; offered: (d: Dialect) => boolean }
> = [
	{
		name: 'Get Countries',
		value: 'getCountries',
		description: 'List the countries numbers can be bought in',
		action: 'Get countries',
		offered: (d) => d.features.getCountries,
	},
	{
		name: 'Get Number',
		value: 'getNumber',
		description: 'Buy a virtual number to receive one SMS code',
		action: 'Buy a number',
		offered: () => true,
	},
	{
		name: 'Get Orders',
		value: 'getOrders',
		description: 'List your order history, newest first',
		action: 'Get the order history',
		offered: (d) => d.features.getOrders,
	},
	{
		name: 'Get Services',
		value: 'getServices',
		description: 'List the services with their prices and stock',
		action: 'Get services',
		offered: (d) => d.features.getServices,
	},
	{
		name: 'Get Status',
		value: 'getStatus',
		description: 'Check whether the SMS code has arrived',
		action: 'Get the status of an order',
		offered: () => true,
	},
	{
		name: 'New Code on Same Number',
		value: 'regetNumber',
		description: 'Buy a new order on the number of a completed multi-SMS order',
		action: 'Buy a new code on the same number',
		offered: (d) => d.features.regetNumber,
	},
	{
		name: 'Set Status',
		value: 'setStatus',
		description: 'Complete an order, cancel it for a refund, or ask for another SMS',
		action: 'Complete or cancel an order',
		offered: () => true,
	},
];

export const description: INodeProperties[] = [
	// One Operation list per provider: only what its document lists.
	...PROVIDER_IDS.map((p) =>
		operationField(
			'smsActivation',
			OPERATIONS.filter((o) => o.offered(DIALECTS[p])).map(
				({ name, value, description, action }) => ({ name, value, description, action }),
			),
			'getNumber',
			[p],
		),
	),
	// Several Providers: Best Offer only.
	operationField(
		'smsActivation',
		[
			{
				name: 'Best Offer',
				value: 'bestOffer',
				description:
					'Buy a number (spends money) where it is cheapest and in stock across providers, countries and servers, with failover',
				action: 'Buy the best offer across providers',
			},
		],
		'bestOffer',
		[SEVERAL],
	),
	...getCountries.description,
	...getServices.description,
	...getNumber.description,
	...getStatus.description,
	...setStatus.description,
	...getOrders.description,
	...regetNumber.description,
	...bestOffer.description,
];

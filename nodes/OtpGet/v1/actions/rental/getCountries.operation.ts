import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseRentalCountries, rentalRequests } from '../../../../../protocol/rental';
import { apiRequest } from '../../../../shared/transport';
import { requireOneOf } from '../../../../shared/parameters';
import { showFor } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Server',
		name: 'providerFilter',
		type: 'options',
		options: [
			{ name: 'All Servers', value: 'all' },
			{ name: 'Server 1', value: '1' },
			{ name: 'Server 2', value: '2' },
		],
		default: 'all',
		description: 'Only the countries of this rental server',
	},
];

export const description = showFor('rental', 'getCountries', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filter = requireOneOf.call(this, 'providerFilter', 'Server', ['all', '1', '2'], itemIndex);
	const provider = filter === 'all' ? undefined : filter;
	const countries = await apiRequest(
		this,
		rentalRequests.getRentalCountries(provider),
		parseRentalCountries,
		itemIndex,
	);
	return countries.map((c) => ({ ...c }));
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { hoursUntil, parseMyRentals, rentalRequests } from '../../../../../protocol/rental';
import { otpGetTimeReader } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { requireOneOf } from '../../../../shared/parameters';
import { requireInteger } from '../../../../shared/parameters';
import { showFor } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName:
			"Each rental is one item. Use its rentalId to renew it and its smsOrderId to get its SMS. expiresAt is the API's expiry_time read in the credential's Time Zone (the API gives none).",
		name: 'rentalsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Status',
		name: 'rentalStatus',
		type: 'options',
		options: [
			{ name: 'Active', value: 'active' },
			{ name: 'All', value: 'all' },
			{ name: 'Expired', value: 'expired' },
		],
		default: 'active',
		description: 'Only rentals with this status',
	},
	{
		displayName: 'Expiring Within (Hours)',
		name: 'expiringWithinHours',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description:
			"Only rentals that expire within this many hours from now (expiry read in the credential's Time Zone); 0 = no filter. E.g. 48 to renew what runs out in the next two days.",
	},
];

export const description = showFor('rental', 'getMyRentals', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const status = requireOneOf.call(
		this,
		'rentalStatus',
		'Status',
		['active', 'expired', 'all'],
		itemIndex,
	);
	const within = requireInteger.call(
		this,
		'expiringWithinHours',
		'Expiring Within (Hours)',
		0,
		itemIndex,
	);
	const readTime = await otpGetTimeReader(this, itemIndex);
	const rentals = (
		await apiRequest(this, rentalRequests.getMyRentals(), parseMyRentals, itemIndex)
	).map((r) => ({
		...r,
		expiresAt: readTime(r.expiryTime),
	}));
	const now = Date.now();
	return rentals
		.map((r) => ({
			...r,
			status: r.status || (r.expiresAt && Date.parse(r.expiresAt) > now ? 'active' : 'expired'),
		}))
		.map((r) => ({ ...r, hoursLeft: r.status === 'expired' ? 0 : hoursUntil(r.expiresAt, now) }))
		.filter((r) => status === 'all' || r.status === status)
		.filter((r) => within === 0 || (r.hoursLeft !== null && r.hoursLeft <= within));
}

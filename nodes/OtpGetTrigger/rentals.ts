/** The rentals the Trigger watches, and the Rental Expiring Soon event. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { hoursUntil, parseMyRentals, rentalRequests, type Rental } from '../../protocol/rental';
import { otpGetTimeReader } from '../shared/provider';
import { apiRequest } from '../shared/transport';
import type { EventContext, PollOutcome } from './context';
import { takeExpiring, type ExpiryMemory } from './memory';

export const RENTAL_SCOPE = (ctx: IPollFunctions) =>
	ctx.getNodeParameter('rentals', 'all') as string;

export function oneRental(ctx: IPollFunctions): string {
	const id = String(ctx.getNodeParameter('smsOrderId', '') ?? '').trim();
	if (!id)
		throw new NodeOperationError(
			ctx.getNode(),
			'"SMS Order ID" is required when watching one rental',
		);
	return id;
}

/** The rentals, their expiry read in the OTPGet credential's Time Zone. */
export async function listRentals(ctx: IPollFunctions): Promise<Rental[]> {
	const readTime = await otpGetTimeReader(ctx);
	const rentals = await apiRequest(ctx, rentalRequests.getMyRentals(), parseMyRentals);
	return rentals.map((r) => ({ ...r, expiresAt: readTime(r.expiryTime) }));
}

export const isActive = (r: Rental) => r.status.toLowerCase() === 'active';

export function rentalFields(r: Rental | undefined): IDataObject {
	if (!r) return {};
	return {
		rentalId: r.rentalId,
		phone: r.phone,
		countryCode: r.countryCode,
		countryName: r.countryName,
		server: r.server,
	};
}

/** Rental Expiring Soon: once per rental and expiry, when the expiry comes within the threshold. */
export async function rentalExpiring({
	ctx,
	manual,
	memory,
	now,
}: EventContext): Promise<PollOutcome> {
	const threshold = Number(ctx.getNodeParameter('thresholdHours', 24));
	if (!Number.isFinite(threshold) || threshold <= 0) {
		throw new NodeOperationError(ctx.getNode(), '"Hours Before Expiry" must be a positive number');
	}
	const one = RENTAL_SCOPE(ctx) === 'one' ? oneRental(ctx) : undefined;
	let rentals = await listRentals(ctx);
	if (one !== undefined) rentals = rentals.filter((r) => r.smsOrderId === one);
	const candidates = rentals.map((r) => ({ ...r, active: isActive(r) }));
	const { due, memory: next } = takeExpiring(
		memory.rentalExpiring as ExpiryMemory | undefined,
		candidates,
		threshold,
		now,
	);
	let chosen = due;
	if (manual) {
		// A test fetch shows what is within the threshold, announced or not; else the next rental to expire.
		const soonest = candidates
			.filter((r) => r.active && r.expiresAt && Date.parse(r.expiresAt) > now)
			.sort((a, b) => Date.parse(a.expiresAt ?? '') - Date.parse(b.expiresAt ?? ''));
		const within = soonest.filter(
			(r) => Date.parse(r.expiresAt ?? '') - now <= threshold * 3_600_000,
		);
		chosen = within.length > 0 ? within : soonest.slice(0, 1);
	}
	const items = chosen.map((r) => ({
		rentalId: r.rentalId,
		smsOrderId: r.smsOrderId,
		phone: r.phone,
		countryCode: r.countryCode,
		countryName: r.countryName,
		server: r.server,
		provider: r.provider,
		durationHours: r.durationHours,
		expiresAt: r.expiresAt,
		expiryTime: r.expiryTime,
		hoursLeft: hoursUntil(r.expiresAt, now),
		thresholdHours: threshold,
	}));
	// Once the items are built: an expiry is marked as announced only when its event goes out (a renewal pays).
	if (!manual) memory.rentalExpiring = next as unknown as IDataObject;
	return { items, nothing: 'You have no active rental' };
}

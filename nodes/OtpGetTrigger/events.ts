import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { codeFrom, extractCode } from '../../protocol/code';
import { OTPGET } from '../../protocol/dialects';
import { hoursUntil, parseMyRentals, parseRentalSms, rentalRequests, type Rental } from '../../protocol/rental';
import { parseBalance, smsRequests } from '../../protocol/sms';
import { apiRequest } from '../shared/transport';
import { crossBelow, takeExpiring, takeNewMessages, type BalanceMemory, type ExpiryMemory, type SmsMemory } from './memory';

/** One poll's outcome: items to emit (none = nothing new) and the memory to keep if the workflow is live. */
export interface PollOutcome {
	items: IDataObject[];
	/** Shown in manual mode when there is not even a sample. */
	nothing: string;
}

export interface EventContext {
	ctx: IPollFunctions;
	manual: boolean;
	memory: IDataObject;
	now: number;
}

const RENTAL_SCOPE = (ctx: IPollFunctions) => ctx.getNodeParameter('rentals', 'all') as string;

function oneRental(ctx: IPollFunctions): string {
	const id = String(ctx.getNodeParameter('smsOrderId', '') ?? '').trim();
	if (!id) throw new NodeOperationError(ctx.getNode(), '"SMS Order ID" is required when watching one rental');
	return id;
}

async function listRentals(ctx: IPollFunctions): Promise<Rental[]> {
	return await apiRequest(ctx, rentalRequests.getMyRentals(), parseMyRentals);
}

const isActive = (r: Rental) => r.status.toLowerCase() === 'active';

function rentalFields(r: Rental | undefined): IDataObject {
	if (!r) return {};
	return { rentalId: r.rentalId, phone: r.phone, countryCode: r.countryCode, countryName: r.countryName, server: r.server };
}

/** New Rental SMS: every message that was not on any watched rental before, oldest first, code extracted. */
export async function newRentalSms({ ctx, manual, memory, now }: EventContext): Promise<PollOutcome> {
	const scope = RENTAL_SCOPE(ctx);
	const pattern = String(ctx.getNodeParameter('options.codePattern', '') ?? '') || undefined;
	let rentals: Rental[] = [];
	let watched: Array<{ smsOrderId: string; active: boolean }>;
	if (scope === 'one') {
		watched = [{ smsOrderId: oneRental(ctx), active: true }];
	} else {
		rentals = await listRentals(ctx);
		watched = rentals.map((r) => ({ smsOrderId: r.smsOrderId, active: isActive(r) }));
	}
	const inboxes = [];
	for (const w of watched) {
		// An expired rental receives nothing more: no request, it keeps only its floor in memory (the poll time if new).
		const messages = w.active ? await apiRequest(ctx, rentalRequests.getRentalSMS(w.smsOrderId), parseRentalSms) : [];
		inboxes.push({ ...w, messages: messages.map((m) => ({ ...m, ms: m.receivedAt ? Date.parse(m.receivedAt) : NaN })) });
	}
	// The memory is kept per scope: switching from one rental to all must not replay the others' history.
	const key = `newRentalSms:${scope === 'one' ? watched[0].smsOrderId : 'all'}`;
	const { fresh, memory: next } = takeNewMessages(memory[key] as SmsMemory | undefined, inboxes, now);
	if (!manual) memory[key] = next as unknown as IDataObject;
	let chosen = fresh;
	if (manual && chosen.length === 0) {
		const all = inboxes.flatMap((i) => i.messages.map((m) => ({ ...m, smsOrderId: i.smsOrderId })));
		chosen = all.sort((a, b) => (a.ms || 0) - (b.ms || 0)).slice(-1);
	}
	const byOrder = new Map(rentals.map((r) => [r.smsOrderId, r]));
	const items = chosen.map((m) => ({
		smsOrderId: m.smsOrderId,
		...rentalFields(byOrder.get(m.smsOrderId)),
		from: m.from,
		text: m.text,
		code: pattern ? (extractCode(m.text, pattern) ?? m.code) : codeFrom(m.code, m.text),
		receivedAt: m.receivedAt,
		timestamp: m.timestamp,
	}));
	return { items, nothing: 'No SMS on your rented numbers yet: send one to a rented number, then fetch again' };
}

/** Rental Expiring Soon: once per rental and expiry, when the expiry comes within the threshold. */
export async function rentalExpiring({ ctx, manual, memory, now }: EventContext): Promise<PollOutcome> {
	const threshold = Number(ctx.getNodeParameter('thresholdHours', 24));
	if (!Number.isFinite(threshold) || threshold <= 0) {
		throw new NodeOperationError(ctx.getNode(), '"Hours Before Expiry" must be a positive number');
	}
	let rentals = await listRentals(ctx);
	if (RENTAL_SCOPE(ctx) === 'one') {
		const id = oneRental(ctx);
		rentals = rentals.filter((r) => r.smsOrderId === id);
	}
	const candidates = rentals.map((r) => ({ ...r, active: isActive(r) }));
	const { due, memory: next } = takeExpiring(memory.rentalExpiring as ExpiryMemory | undefined, candidates, threshold, now);
	if (!manual) memory.rentalExpiring = next as unknown as IDataObject;
	let chosen = due;
	if (manual) {
		// A test fetch shows what is within the threshold, announced or not; else the next rental to expire.
		const soonest = candidates
			.filter((r) => r.active && r.expiresAt && Date.parse(r.expiresAt) > now)
			.sort((a, b) => Date.parse(a.expiresAt ?? '') - Date.parse(b.expiresAt ?? ''));
		const within = soonest.filter((r) => Date.parse(r.expiresAt ?? '') - now <= threshold * 3_600_000);
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
	return { items, nothing: 'You have no active rental' };
}

/** Balance Below: once per dip below the threshold; re-armed when the balance is back at or above it. */
export async function balanceBelow({ ctx, manual, memory }: EventContext): Promise<PollOutcome> {
	const threshold = Number(ctx.getNodeParameter('balanceThreshold', 500));
	if (!Number.isFinite(threshold)) throw new NodeOperationError(ctx.getNode(), '"Balance Threshold" must be a number');
	const balance = await apiRequest(ctx, smsRequests.getBalance(), parseBalance);
	const { fire, memory: next } = crossBelow(memory.balanceBelow as BalanceMemory | undefined, balance, threshold);
	if (!manual) memory.balanceBelow = next as unknown as IDataObject;
	const item = { balance, threshold, currency: OTPGET.currency, below: balance < threshold };
	return { items: fire || manual ? [item] : [], nothing: '' };
}

export const EVENTS: Record<string, (e: EventContext) => Promise<PollOutcome>> = {
	newRentalSms,
	rentalExpiring,
	balanceBelow,
};

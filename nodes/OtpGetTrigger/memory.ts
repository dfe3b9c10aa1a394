import { createHash } from 'crypto';

/**
 * What the trigger remembers between polls (n8n keeps it in the workflow's static data, across restarts).
 * Plain JSON, bounded: per rental at most MAX_KEYS message keys, plus a time floor below which everything
 * counts as seen.
 */

export const MAX_KEYS = 200;

export interface RentalMemory {
	/** Keys of the newest messages seen, oldest first. */
	keys: string[];
	/** Messages stamped at or before this (epoch ms; 0 = none) count as seen: dropped from `keys`, or the rental expired. */
	floorMs: number;
}

export interface SmsMemory {
	rentals: Record<string, RentalMemory>;
}

export interface InboxMessage {
	text: string;
	/** The provider's timestamp as sent. */
	timestamp: string;
	/** Parsed timestamp, NaN when unreadable. */
	ms: number;
}

export interface Inbox<M extends InboxMessage> {
	smsOrderId: string;
	/** Rentals that are no longer active keep only their floor. */
	active: boolean;
	messages: M[];
}

/** smsOrderId is the memory's key; the time (or the raw timestamp if unreadable) and a hash of the text identify a message within the rental. */
export function messageKey(m: InboxMessage): string {
	const at = Number.isFinite(m.ms) ? String(m.ms) : m.timestamp;
	return `${at}|${createHash('sha256').update(m.text).digest('hex').slice(0, 16)}`;
}

/**
 * Splits what the inboxes hold into new messages and the memory to keep. On the very first poll (no memory)
 * everything already there is taken as seen; a rental that shows up later is new, and so are its messages.
 * Rentals no longer listed are forgotten.
 */
export function takeNewMessages<M extends InboxMessage>(
	memory: SmsMemory | undefined,
	inboxes: Array<Inbox<M>>,
): { fresh: Array<M & { smsOrderId: string }>; memory: SmsMemory } {
	const first = memory === undefined;
	const next: SmsMemory = { rentals: {} };
	const fresh: Array<M & { smsOrderId: string }> = [];
	for (const inbox of inboxes) {
		const before = memory?.rentals[inbox.smsOrderId] ?? { keys: [], floorMs: 0 };
		const known = new Set(before.keys);
		const keyed = inbox.messages.map((m) => ({ m, key: messageKey(m) }));
		if (!first) {
			for (const { m, key } of keyed) {
				if (!known.has(key) && !(m.ms <= before.floorMs)) fresh.push({ ...m, smsOrderId: inbox.smsOrderId });
			}
		}
		next.rentals[inbox.smsOrderId] = remember(before, keyed, inbox.active);
	}
	fresh.sort((a, b) => (a.ms || 0) - (b.ms || 0));
	return { fresh, memory: next };
}

/** The time a key starts with, in epoch ms (0 when the provider's timestamp was unreadable). */
function keyMs(key: string): number {
	const ms = Number(key.slice(0, key.indexOf('|')));
	return Number.isFinite(ms) ? ms : 0;
}

/**
 * Keeps the newest MAX_KEYS keys of the current inbox; what falls out raises the floor. A rental that is no
 * longer active keeps only a floor at its newest message, so a renewal cannot replay its history.
 */
function remember(before: RentalMemory, keyed: Array<{ m: InboxMessage; key: string }>, active: boolean): RentalMemory {
	if (!active) {
		const newest = Math.max(before.floorMs, ...before.keys.map(keyMs), ...keyed.map(({ key }) => keyMs(key)));
		return { keys: [], floorMs: newest };
	}
	const sorted = [...keyed].sort((a, b) => (a.m.ms || 0) - (b.m.ms || 0));
	const cut = Math.max(0, sorted.length - MAX_KEYS);
	let floorMs = before.floorMs;
	for (const { m } of sorted.slice(0, cut)) if (Number.isFinite(m.ms)) floorMs = Math.max(floorMs, m.ms);
	return { keys: sorted.slice(cut).map(({ key }) => key), floorMs };
}

export interface ExpiryMemory {
	/** rentalId → the expiry it was announced for. */
	fired: Record<string, string>;
}

export interface ExpiringRental {
	rentalId: string;
	expiresAt: string | null;
	active: boolean;
}

/**
 * Rentals that expire within `thresholdHours` and were not announced for this expiry yet. A renewal moves the
 * expiry, so the rental is announced again once the new expiry comes within the threshold.
 */
export function takeExpiring<R extends ExpiringRental>(
	memory: ExpiryMemory | undefined,
	rentals: R[],
	thresholdHours: number,
	now: number,
): { due: R[]; memory: ExpiryMemory } {
	const fired: Record<string, string> = {};
	const due: R[] = [];
	for (const r of rentals) {
		const previous = memory?.fired[r.rentalId];
		if (previous !== undefined) fired[r.rentalId] = previous;
		if (!r.active || !r.expiresAt) continue;
		const left = Date.parse(r.expiresAt) - now;
		if (left > 0 && left <= thresholdHours * 3_600_000 && previous !== r.expiresAt) {
			due.push(r);
			fired[r.rentalId] = r.expiresAt;
		}
	}
	return { due, memory: { fired } };
}

export interface BalanceMemory {
	threshold: number;
	/** Fired for the current dip below the threshold; re-armed when the balance is back at or above it. */
	below: boolean;
}

export function crossBelow(
	memory: BalanceMemory | undefined,
	balance: number,
	threshold: number,
): { fire: boolean; memory: BalanceMemory } {
	const wasBelow = memory?.threshold === threshold && memory.below;
	const below = balance < threshold;
	return { fire: below && !wasBelow, memory: { threshold, below } };
}

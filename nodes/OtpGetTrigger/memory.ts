import { createHash } from 'crypto';

/**
 * What the trigger remembers between polls (n8n keeps it in the workflow's static data, across restarts).
 * Plain JSON, bounded: per rental at most about MAX_KEYS message keys plus a time floor below which everything
 * counts as seen; a rental missing from the rental list is forgotten only after FORGET_AFTER_MS.
 *
 * Memory is merged across polls, never rebuilt from one answer: an answer that comes back empty or short
 * (provider hiccup) must not make the next full answer look new.
 */

export const MAX_KEYS = 200;
/** A rental absent from this many days of rental lists is forgotten. */
export const FORGET_AFTER_MS = 7 * 24 * 3_600_000;
/** An expiry announcement is forgotten this long after the expiry itself. */
export const EXPIRY_MARGIN_MS = 24 * 3_600_000;

export interface RentalMemory {
	/** Keys of the messages seen at or after `floorMs` (readable time) or with an unreadable time. */
	keys: string[];
	/** Messages stamped strictly before this (epoch ms; 0 = none) count as seen: dropped from `keys`, or the rental expired. */
	floorMs: number;
	/** When the rental was last in a rental list (epoch ms). */
	seenMs?: number;
	/** Expired, and read once more after it expired (or given up on): no more requests until it is active again. */
	closed?: boolean;
}

export interface SmsMemory {
	/** 2: `floorMs` is exclusive. Memory without it was kept with an inclusive floor. */
	v?: number;
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
	/** Rentals that are no longer active are not fetched and keep only their floor. */
	active: boolean;
	messages: M[];
}

/**
 * Whether a rental that is no longer active is read one last time: one watched while active, not closed yet. An SMS
 * that came between the last poll and the expiry is only in that read. A rental never seen active (expired when
 * the trigger started) is not read: its history is not new.
 */
export function wantsFinalRead(stored: SmsMemory | undefined, smsOrderId: string): boolean {
	const known = stored?.rentals?.[smsOrderId];
	return known !== undefined && known.closed !== true;
}

/** smsOrderId is the memory's key; the time (or the raw timestamp if unreadable) and a hash of the text identify a message within the rental. */
export function messageKey(m: InboxMessage): string {
	const at = Number.isFinite(m.ms) ? String(m.ms) : m.timestamp;
	return `${at}|${createHash('sha256').update(m.text).digest('hex').slice(0, 16)}`;
}

/** Memory from before v2 had an inclusive floor: "at or before" becomes "before floor + 1". */
function upgrade(memory: SmsMemory | undefined, now: number): SmsMemory | undefined {
	if (memory === undefined || memory.v === 2) return memory;
	const rentals: Record<string, RentalMemory> = {};
	for (const [id, r] of Object.entries(memory.rentals ?? {})) {
		rentals[id] = {
			keys: r.keys ?? [],
			floorMs: r.floorMs > 0 ? r.floorMs + 1 : 0,
			seenMs: r.seenMs ?? now,
		};
	}
	return { v: 2, rentals };
}

/**
 * Splits what the inboxes hold into new messages and the memory to keep. On the very first poll (no memory)
 * everything already there is taken as seen; a rental that shows up later is new, and so are its messages.
 * What an inbox no longer shows stays remembered; rentals no longer listed are forgotten after FORGET_AFTER_MS.
 * `unread` are listed rentals whose inbox could not be read this time: their memory stays exactly as it was
 * (only marked as still listed), so what they received meanwhile is new at the next poll that reads them.
 */
export function takeNewMessages<M extends InboxMessage>(
	stored: SmsMemory | undefined,
	inboxes: Array<Inbox<M>>,
	now: number,
	unread: readonly string[] = [],
): { fresh: Array<M & { smsOrderId: string }>; memory: SmsMemory } {
	const memory = upgrade(stored, now);
	const first = memory === undefined;
	const next: SmsMemory = { v: 2, rentals: {} };
	for (const id of unread) {
		const before = memory?.rentals[id];
		if (before) next.rentals[id] = { ...before, seenMs: now };
		// Unread on the very first poll: what it held before now is history, as for the rentals that were read.
		// (A rental first met on a later poll keeps no memory: everything it holds is new once it reads.)
		else if (first) next.rentals[id] = { keys: [], floorMs: now, seenMs: now };
	}
	const fresh: Array<M & { smsOrderId: string }> = [];
	for (const inbox of inboxes) {
		const before = memory?.rentals[inbox.smsOrderId];
		const known = new Set(before?.keys ?? []);
		const floorMs = before?.floorMs ?? 0;
		const keyed = inbox.messages.map((m) => ({ m, key: messageKey(m) }));
		if (!first) {
			for (const { m, key } of keyed) {
				if (!known.has(key) && !(m.ms < floorMs))
					fresh.push({ ...m, smsOrderId: inbox.smsOrderId });
			}
		}
		next.rentals[inbox.smsOrderId] = { ...remember(before, keyed, inbox.active, now), seenMs: now };
	}
	// A rental missing from one rental list keeps its memory, or its whole history would replay when it is back.
	for (const [id, r] of Object.entries(memory?.rentals ?? {})) {
		if (next.rentals[id] !== undefined) continue;
		const seenMs = r.seenMs ?? now;
		if (now - seenMs <= FORGET_AFTER_MS) next.rentals[id] = { ...r, seenMs };
	}
	fresh.sort((a, b) => (a.ms || 0) - (b.ms || 0));
	return { fresh, memory: next };
}

/** The time a key starts with, in epoch ms; NaN when the provider's timestamp was unreadable. */
function keyMs(key: string): number {
	const at = key.slice(0, key.indexOf('|'));
	return /^\d+$/.test(at) ? Number(at) : NaN;
}

/**
 * Merges the keys remembered with the inbox's. Keeps every unreadable-time key it can (no floor covers them)
 * and the newest readable ones; what falls out raises the floor. Keys at the floor's own time are kept, so a
 * new message stamped in the same second is still told apart. A rental that is no longer active (after its
 * final read) keeps only a floor past its newest message and is closed, so a renewal cannot replay its
 * history; one never seen before (expired when the trigger started) gets the poll time as its floor.
 */
function remember(
	before: RentalMemory | undefined,
	keyed: Array<{ m: InboxMessage; key: string }>,
	active: boolean,
	now: number,
): RentalMemory {
	const all = new Map<string, number>();
	for (const key of before?.keys ?? []) all.set(key, keyMs(key));
	for (const { m, key } of keyed) all.set(key, Number.isFinite(m.ms) ? m.ms : NaN);
	let floorMs = before?.floorMs ?? 0;
	const unreadable = [...all]
		.filter(([, ms]) => !Number.isFinite(ms))
		.map(([key]) => key)
		.slice(-MAX_KEYS);
	let readable = [...all]
		.filter(([, ms]) => Number.isFinite(ms) && ms >= floorMs)
		.sort((a, b) => a[1] - b[1]);
	if (!active) {
		if (readable.length > 0) floorMs = Math.max(floorMs, readable[readable.length - 1][1] + 1);
		else if (floorMs === 0) floorMs = now;
		return { keys: unreadable, floorMs, closed: true };
	}
	const budget = MAX_KEYS - unreadable.length;
	if (readable.length > budget) {
		// Everything older than the newest `budget` keys is covered by the floor; ties at the floor stay keys
		// (up to MAX_KEYS more, else that second is covered too).
		const boundary =
			budget > 0 ? readable[readable.length - budget][1] : readable[readable.length - 1][1] + 1;
		floorMs = Math.max(floorMs, boundary);
		readable = readable.filter(([, ms]) => ms >= floorMs);
		if (readable.length > budget + MAX_KEYS) {
			floorMs = readable[readable.length - 1][1] + 1;
			readable = [];
		}
	}
	return { keys: [...unreadable, ...readable.map(([key]) => key)], floorMs };
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
	// Merged with what was announced before, not rebuilt from this rental list: a list that comes back empty
	// or short must not make the next one announce the same expiry again. Forgotten once that expiry has passed.
	const fired: Record<string, string> = {};
	for (const [id, expiresAt] of Object.entries(memory?.fired ?? {})) {
		if (Date.parse(expiresAt) + EXPIRY_MARGIN_MS > now) fired[id] = expiresAt;
	}
	const due: R[] = [];
	for (const r of rentals) {
		const previous = fired[r.rentalId];
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

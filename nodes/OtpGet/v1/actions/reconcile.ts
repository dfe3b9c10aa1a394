import type { IExecuteFunctions } from 'n8n-workflow';

import { toNodeError } from '../../../shared/errors';

/**
 * Looking up a purchase whose answer was lost, where the API keeps a history (Get My Rentals, Email History).
 * Before the execution's first purchase the ids already there are read once; the orders it buys are added as
 * they come. After a lost answer, exactly one new entry that matches everything the history tells of our order
 * (what, where, how long, what it cost, when) is ours; none or several are reported, never guessed.
 */
export interface History<T> {
	/** Which list (one snapshot per list, execution and credential). */
	name: 'rentals' | 'emailHistory' | 'smsOrders';
	/** Its entries tell when they were made: nothing is read before buying, only this execution's orders are excluded. */
	timed?: boolean;
	/** Where a user looks it up by hand. */
	label: string;
	read: () => Promise<T[]>;
	idOf: (entry: T) => string;
	/** A line a user can recognise the entry by. */
	describe: (entry: T) => string;
}

export interface Lookup<T, R> {
	history: History<T>;
	/** Whether an entry is the order this request bought, on everything the history tells. */
	matches: (entry: T, ours: OurRequest) => boolean;
	/** The order as the purchase's answer would have given it. */
	fromHistory: (entry: T) => R;
	/** Its id, as the answer gives it (to remember what this execution bought). */
	idOfAnswer: (answer: R) => string;
}

/** What is known of the lost purchase: when its request started (epoch ms), the price it was quoted. */
export interface OurRequest {
	startedAt: number;
	price: number | null;
}

/** Two prices are the same order's when they agree to the cent (a price missing on one side tells nothing). */
export function samePrice(a: number | null, b: number | null): boolean {
	return a === null || b === null || Math.abs(a - b) < 0.005;
}

/** The ids in a history before the execution bought anything; undefined when it could not be read. */
export type Snapshot = Set<string> | undefined;

/** Reads the snapshot; a history that cannot be read takes the lookup away, it never stops the purchase. */
export async function readSnapshot<T>(history: History<T>): Promise<Snapshot> {
	return await history.read().then(
		(entries) => new Set(entries.map(history.idOf)),
		() => undefined,
	);
}

/**
 * The order found in the history after the purchase's answer was lost, or the purchase's own error with what
 * was checked and how to check again (the caller counts the money as spent either way).
 */
export async function lookUp<T, R>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	lookup: Lookup<T, R>,
	error: unknown,
	before: Snapshot,
	ours: OurRequest,
): Promise<R> {
	const { history } = lookup;
	const failure = toNodeError(ctx.getNode(), error, { itemIndex });
	const say = (text: string) => {
		failure.description = [failure.description, text, `Check ${history.label} before buying again.`]
			.filter(Boolean)
			.join(' ');
		return failure;
	};
	if (!before)
		throw say(
			`${history.label} could not be read before buying, so the order could not be looked up.`,
		);
	let entries: T[];
	try {
		entries = await history.read();
	} catch {
		throw say(`${history.label} could not be read to look the order up.`);
	}
	const fresh = entries.filter((e) => !before.has(history.idOf(e)));
	const matching = fresh.filter((e) => lookup.matches(e, ours));
	if (matching.length === 1) {
		before.add(history.idOf(matching[0]));
		return lookup.fromHistory(matching[0]);
	}
	const listed = (list: T[]) => list.map(history.describe).join('; ');
	if (matching.length > 1) {
		throw say(
			`${matching.length} new orders in ${history.label} match this one (${listed(matching)}); one of them may be it — the purchase may or may not have gone through.`,
		);
	}
	throw say(
		fresh.length === 0
			? `Nothing new was in ${history.label} just after; the order may still appear — the purchase may or may not have gone through.`
			: `No new order in ${history.label} matches this one exactly; the new ones (${listed(fresh)}) may belong to another workflow using the same key — the purchase may or may not have gone through.`,
	);
}

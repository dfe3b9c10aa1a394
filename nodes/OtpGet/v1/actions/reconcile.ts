import type { IExecuteFunctions } from 'n8n-workflow';

import { ConnectionError, ProviderError } from '../../../../protocol/errors';
import { toNodeError } from '../../../shared/errors';
import { failedRequestOf } from '../../../shared/transport';

/**
 * Looking up a purchase whose answer was lost, where the API keeps a history (Get My Rentals, Email History).
 * Before the run's first purchase the ids already there are read once; the orders this run buys are added as
 * they come. After a lost answer, an order in the history that is in neither set is the one just bought.
 */
export interface History<T> {
	/** Which list (one snapshot per list and execution). */
	name: 'rentals' | 'emailHistory';
	/** Where a user looks it up by hand. */
	label: string;
	read: () => Promise<T[]>;
	idOf: (entry: T) => string;
}

const snapshots = new WeakMap<object, Map<string, Promise<Set<string> | undefined>>>();

function snapshotOf(
	ctx: IExecuteFunctions,
	history: History<unknown>,
): Promise<Set<string> | undefined> {
	let perRun = snapshots.get(ctx);
	if (!perRun) snapshots.set(ctx, (perRun = new Map()));
	let snapshot = perRun.get(history.name);
	if (!snapshot) {
		// A history that cannot be read must not stop the purchase: it only takes the lookup away.
		snapshot = history.read().then(
			(entries) => new Set(entries.map(history.idOf)),
			() => undefined,
		);
		perRun.set(history.name, snapshot);
	}
	return snapshot;
}

/** The purchase's answer never told what happened: the money may be spent. */
export function isLostPurchase(error: unknown): boolean {
	if (failedRequestOf(error)?.kind !== 'purchase') return false;
	return error instanceof ConnectionError || (error instanceof ProviderError && error.uncertain);
}

/**
 * Buys with `buy`; if its answer is lost, returns the order found in the history (`matches` tells ours from
 * other new ones) with `reconciled: true`, or fails saying exactly what was checked and how to check again.
 */
export async function buyWithLookup<T, R>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	history: History<T>,
	buy: () => Promise<R>,
	fromHistory: (entry: T) => R,
	matches: (entry: T) => boolean,
): Promise<{ order: R; reconciled: boolean }> {
	const before = await snapshotOf(ctx, history as History<unknown>);
	const outcome = await buy().then(
		(order) => ({ order }),
		(error: unknown) => ({ error }),
	);
	if ('order' in outcome) return { order: outcome.order, reconciled: false };
	// Anything but a lost answer stays the typed error it is: the caller words it.
	if (!isLostPurchase(outcome.error)) throw outcome.error;
	return {
		order: await lookUp(ctx, itemIndex, history, outcome.error, before, fromHistory, matches),
		reconciled: true,
	};
}

/** Orders this run bought itself, so a later lookup never takes one of them for the lost one. */
export async function remember<T>(
	ctx: IExecuteFunctions,
	history: History<T>,
	id: string,
): Promise<void> {
	(await snapshotOf(ctx, history as History<unknown>))?.add(id);
}

async function lookUp<T, R>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	history: History<T>,
	error: unknown,
	before: Set<string> | undefined,
	fromHistory: (entry: T) => R,
	matches: (entry: T) => boolean,
): Promise<R> {
	const failure = toNodeError(ctx.getNode(), error, { itemIndex });
	const howToCheck = `Check ${history.label} before buying again.`;
	if (!before) {
		failure.description = [
			failure.description,
			`${history.label} could not be read before buying, so the order could not be looked up. ${howToCheck}`,
		]
			.filter(Boolean)
			.join(' ');
		throw failure;
	}
	let entries: T[];
	try {
		entries = await history.read();
	} catch {
		failure.description = [
			failure.description,
			`${history.label} could not be read to look the order up. ${howToCheck}`,
		]
			.filter(Boolean)
			.join(' ');
		throw failure;
	}
	const fresh = entries.filter((e) => !before.has(history.idOf(e)) && matches(e));
	if (fresh.length === 1) {
		before.add(history.idOf(fresh[0]));
		return fromHistory(fresh[0]);
	}
	failure.description = [
		failure.description,
		fresh.length === 0
			? `Nothing new matching this order was in ${history.label} just after; it may still appear. ${howToCheck}`
			: `${fresh.length} new matching orders are in ${history.label} (${fresh.map(history.idOf).join(', ')}); one of them may be this one. ${howToCheck}`,
	]
		.filter(Boolean)
		.join(' ');
	throw failure;
}

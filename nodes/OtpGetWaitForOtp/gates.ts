import type { IExecuteFunctions } from 'n8n-workflow';

import { gateClock } from '../shared/clock';
import { credentialKey, joinGate, queueSize, throughGate } from '../shared/gate';

/**
 * One rate gate per credential the batch uses (a mixed batch polls several providers), joined on first use.
 * `contextFor` gives the node's context with requests through that credential's gate and tied to the signal;
 * `retie` ties later requests to another signal (the stop budget); `leave` leaves every gate joined.
 */
export function credentialGates(ctx: IExecuteFunctions, limit: number, signal?: AbortSignal) {
	const gates = new Map<string, ReturnType<typeof joinGate>>();
	const contexts = new Map<string, IExecuteFunctions>();
	let tiedTo = signal;
	return {
		/** Joins the credential's gate with its cap applied (a missing credential fails on the first request). */
		async join(credentialType: string): Promise<void> {
			if (gates.has(credentialType)) return;
			const credentials = await ctx.getCredentials(credentialType).catch(() => undefined);
			if (!gates.has(credentialType))
				gates.set(
					credentialType,
					joinGate(credentialKey(ctx, credentialType), limit, gateClock, credentials),
				);
		},
		/** Requests the run keeps open: each gate's share from its effective rate, added up. */
		queueSize(): number {
			const sizes = [...gates.values()].map(({ gate }) => queueSize(gate));
			return sizes.length === 0 ? 2 : sizes.reduce((a, b) => a + b, 0);
		},
		/** Requests per second the joined gates let out together. */
		rate(): number {
			return [...gates.values()].reduce((sum, { gate }) => sum + gate.rate(), 0);
		},
		contextFor(credentialType: string): IExecuteFunctions {
			let tied = contexts.get(credentialType);
			if (!tied) {
				let joined = gates.get(credentialType);
				if (!joined) {
					joined = joinGate(credentialKey(ctx, credentialType), limit, gateClock);
					gates.set(credentialType, joined);
				}
				tied = throughGate(ctx, joined.gate, tiedTo);
				contexts.set(credentialType, tied);
			}
			return tied;
		},
		retie(next: AbortSignal) {
			tiedTo = next;
			contexts.clear();
		},
		leave() {
			for (const { leave } of gates.values()) leave();
		},
	};
}

import type { IAdditionalCredentialOptions, IExecuteFunctions, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';

import type { Clock } from '../../protocol/poll/clock';
import { RateGate } from '../../protocol/poll/rate';

interface SharedGate {
	gate: RateGate;
	limits: number[];
}

/** One gate per credential, shared by every execution running in this n8n process at the same time. */
const gates = new Map<string, SharedGate>();

export function credentialKey(ctx: Pick<IExecuteFunctions, 'getNode'>, credentialType: string): string {
	const ref = ctx.getNode().credentials?.[credentialType];
	return `${credentialType}:${ref?.id ?? ref?.name ?? 'default'}`;
}

/** Joins the credential's gate; the strictest limit among the runs using it applies. Call leave() when done. */
export function joinGate(key: string, limit: number, clock: Clock): { gate: RateGate; leave: () => void } {
	let shared = gates.get(key);
	if (!shared) {
		shared = { gate: new RateGate(limit, clock), limits: [] };
		gates.set(key, shared);
	}
	const entry = shared;
	entry.limits.push(limit);
	entry.gate.setLimit(Math.min(...entry.limits));
	return {
		gate: entry.gate,
		leave: () => {
			entry.limits.splice(entry.limits.indexOf(limit), 1);
			// The gate stays (one per credential): it remembers the last second's requests for the next run.
			if (entry.limits.length > 0) entry.gate.setLimit(Math.min(...entry.limits));
		},
	};
}

/**
 * The same context, with every HTTP request (the transport's own retries included) sent through the gate and
 * tied to `signal`: the execution's cancel signal while waiting, so a stopped execution does not wait for
 * answers, or a signal of our own for the cancels sent on the way out after a stop. n8n-core's helper replaces a
 * request's abortSignal with `this.getExecutionCancelSignal()`, so the helper is called on a `this` that answers
 * with our signal; otherwise every request after the stop would be aborted before it is sent.
 */
export function throughGate<C extends IExecuteFunctions | IPollFunctions>(ctx: C, gate: RateGate, signal?: AbortSignal): C {
	const send = ctx.helpers.httpRequestWithAuthentication;
	const self: C = signal ? (Object.create(ctx, { getExecutionCancelSignal: { value: () => signal } }) as C) : ctx;
	const helpers = {
		...ctx.helpers,
		httpRequestWithAuthentication: async (
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
			additionalCredentialOptions?: IAdditionalCredentialOptions,
		): Promise<unknown> => {
			const options = signal ? { ...requestOptions, abortSignal: signal } : requestOptions;
			return await gate.run(
				async () => await send.call(self, credentialsType, options, additionalCredentialOptions),
				signal,
			);
		},
	};
	return Object.create(ctx, { helpers: { value: helpers } }) as C;
}

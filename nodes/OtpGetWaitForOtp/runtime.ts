import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { ProviderError } from '../../protocol/errors';
import type { Clock } from '../../protocol/poll/clock';
import { RateGate } from '../../protocol/poll/rate';
import type { ErrorInfo } from '../../protocol/poll/wait';

/** Real time for the scheduler. Community nodes may not use timers directly, so waits go through n8n's sleep. */
export const n8nClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) =>
		await new Promise<void>((resolve) => {
			if (signal?.aborted) return resolve();
			const done = () => {
				signal?.removeEventListener('abort', done);
				resolve();
			};
			signal?.addEventListener('abort', done, { once: true });
			// Recent n8n-workflow clears its timer on abort; older ones take sleep(ms) only, and the listener above
			// still ends the wait at once.
			sleep(ms, signal).then(done, done);
		}),
};

/**
 * How a transport error reads for the waiter. NodeApiErrors from the transport carry the provider's code and
 * whether a retry may help; one without a provider code is a network failure or an unreadable answer.
 */
export function classifyError(error: unknown): ErrorInfo {
	if (error instanceof ProviderError) return { code: error.code, transient: error.retryable };
	if (error instanceof NodeApiError) {
		const context: IDataObject = error.context ?? {};
		const code = typeof context.providerCode === 'string' ? context.providerCode : undefined;
		// Checking again is harmless: a throttle (429), a 5xx or an unreadable answer is worth another look.
		const unclear = code !== undefined && (code === 'UNEXPECTED_RESPONSE' || /^HTTP_(429|5\d\d)$/.test(code));
		return { code, transient: code === undefined || unclear || context.retryable === true };
	}
	return { transient: false };
}

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
 * tied to the execution's cancel signal, so a stopped execution does not wait for answers.
 */
export function throughGate<C extends IExecuteFunctions | IPollFunctions>(ctx: C, gate: RateGate, signal?: AbortSignal): C {
	const send = ctx.helpers.httpRequestWithAuthentication;
	const helpers = {
		...ctx.helpers,
		httpRequestWithAuthentication: async (
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
			additionalCredentialOptions?: IAdditionalCredentialOptions,
		): Promise<unknown> => {
			const options = signal ? { ...requestOptions, abortSignal: signal } : requestOptions;
			return await gate.run(
				async () => await send.call(ctx, credentialsType, options, additionalCredentialOptions),
				signal,
			);
		},
	};
	return Object.create(ctx, { helpers: { value: helpers } }) as C;
}

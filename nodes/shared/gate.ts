import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	IPollFunctions,
} from 'n8n-workflow';

import type { Clock } from '../../protocol/poll/clock';
import { RateGate, retryAfterMs, type Priority } from '../../protocol/poll/rate';
import type { RequestKind } from '../../protocol/request';
import { gateClock } from './clock';

/** The credential's cap when it does not set one (credentials saved before the setting existed). */
export const DEFAULT_REQUESTS_PER_SECOND = 10;

interface SharedGate {
	gate: RateGate;
	/** Limits of the Wait for OTP / Trigger runs using the gate now. */
	limits: number[];
	/**
	 * From the credential: the provider's cap for all processes together (undefined until a credential that sets
	 * it is seen; n8n fills in the field's default, so only hand-made contexts lack it), and the processes sharing it.
	 */
	cap?: number;
	processes: number;
}

/** One gate per credential, shared by every node and execution running in this n8n process at the same time. */
const gates = new Map<string, SharedGate>();

/**
 * Whether an answer asks the sender to slow down: a 429 always, a 503 only with Retry-After. The providers
 * mirror business states into the HTTP status ("Server 2 is currently unavailable" as 503): those are
 * answers about one server or service, not about the request rate, and must not slow every other call.
 */
function isThrottle(status: unknown, headers: Record<string, unknown> | undefined): boolean {
	if (status === 429) return true;
	return status === 503 && headers?.['retry-after'] !== undefined;
}

/** Request options that already went through the gate in `gated`: throughGate lets them pass. */
const passed = new WeakSet<object>();

export function credentialKey(ctx: { getNode(): INode }, credentialType: string): string {
	const ref = ctx.getNode().credentials?.[credentialType];
	return `${credentialType}:${ref?.id ?? ref?.name ?? 'default'}`;
}

function entryFor(key: string, clock: Clock): SharedGate {
	let entry = gates.get(key);
	if (!entry) {
		entry = {
			gate: new RateGate(DEFAULT_REQUESTS_PER_SECOND, clock),
			limits: [],
			processes: 1,
		};
		gates.set(key, entry);
	}
	return entry;
}

/** The strictest of the credential's cap and the runs' own limits, shared among the processes. */
function apply(entry: SharedGate): void {
	const cap = entry.cap ?? (entry.limits.length > 0 ? Infinity : DEFAULT_REQUESTS_PER_SECOND);
	entry.gate.setLimit({
		maxRequestsPerSecond: Math.min(cap, ...entry.limits),
		processes: entry.processes,
	});
}

const positive = (value: unknown, fallback: number) => {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback;
};

/** The credential's settings: `maxRequestsPerSecond` (undefined when unset) and `processes` (default 1, whole). */
export function capOf(credentials: ICredentialDataDecryptedObject): {
	maxRequestsPerSecond?: number;
	processes: number;
} {
	const cap = positive(credentials.maxRequestsPerSecond, NaN);
	return {
		maxRequestsPerSecond: Number.isNaN(cap) ? undefined : cap,
		processes: Math.max(1, Math.floor(positive(credentials.processes, 1))),
	};
}

/** Takes the credential's cap and processes into the gate (when they changed). */
function configure(entry: SharedGate, credentials: ICredentialDataDecryptedObject): void {
	const { maxRequestsPerSecond, processes } = capOf(credentials);
	if (entry.cap !== maxRequestsPerSecond || entry.processes !== processes) {
		entry.cap = maxRequestsPerSecond;
		entry.processes = processes;
		apply(entry);
	}
}

/**
 * Joins the credential's gate; the strictest limit among the runs using it applies. With `credentials`, their cap
 * applies from now on (otherwise from the first request). Call leave() when done.
 */
export function joinGate(
	key: string,
	limit: number,
	clock: Clock,
	credentials?: ICredentialDataDecryptedObject,
): { gate: RateGate; leave: () => void } {
	const entry = entryFor(key, clock);
	if (credentials) configure(entry, credentials);
	entry.limits.push(limit);
	apply(entry);
	return {
		gate: entry.gate,
		leave: () => {
			entry.limits.splice(entry.limits.indexOf(limit), 1);
			// The gate stays (one per credential): it remembers the last second's requests for the next run.
			apply(entry);
		},
	};
}

/** Seconds of requests at the gate's rate a run may queue in it: more only lengthens every wait behind them. */
const QUEUE_SECONDS = 4;

/**
 * How many requests a Wait for OTP run keeps open (sent or queued in the gate), from the gate's effective rate
 * (credential cap, processes, run limits): enough for a provider answering in up to QUEUE_SECONDS, at most 256.
 */
export const queueSize = (gate: RateGate): number =>
	Math.min(256, Math.max(2, Math.ceil(gate.rate() * QUEUE_SECONDS)));

/** Which class a request queues in: cancels and completes first, then reads, purchases last. */
export const priorityOf = (kind: RequestKind): Priority =>
	kind === 'write' ? 'write' : kind === 'purchase' ? 'purchase' : 'read';

/**
 * Sends ONE request (each attempt of a retry is one) through the credential's gate: for every request the
 * package sends, whatever the node. Waits for a slot in the request's class; a stopped execution stops
 * waiting (the context's cancel signal; throughGate's signal for Wait for OTP). A 429 or 503 answer slows the
 * gate down (Retry-After honoured), for every later request of this process with this credential.
 */
export async function gated<R>(
	ctx: { getNode(): INode; getExecutionCancelSignal?: () => AbortSignal | undefined },
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
	kind: RequestKind,
	options: IHttpRequestOptions,
	send: (options: IHttpRequestOptions) => Promise<R>,
	clock: Clock = gateClock,
): Promise<R> {
	const entry = entryFor(credentialKey(ctx, credentialType), clock);
	configure(entry, credentials);
	passed.add(options);
	return await entry.gate.run(
		async () => {
			const response = await send(options);
			const status = (response as { statusCode?: unknown } | undefined)?.statusCode;
			const headers = (response as { headers?: Record<string, unknown> } | undefined)?.headers;
			// A Retry-After date is read against the wall clock, not the gate's monotonic one.
			if (isThrottle(status, headers)) entry.gate.throttled(retryAfterMs(headers?.['retry-after']));
			return response;
		},
		{ priority: priorityOf(kind), signal: ctx.getExecutionCancelSignal?.() },
	);
}

/**
 * The same context, with every HTTP request tied to `signal`: the execution's cancel signal while waiting, so
 * a stopped execution does not wait for answers, or a signal of our own for the cancels sent on the way out
 * after a stop. n8n-core's helper replaces a request's abortSignal with `this.getExecutionCancelSignal()`, so
 * the helper is called on a `this` that answers with our signal; otherwise every request after the stop would
 * be aborted before it is sent. The context answers with `signal` too, so `gated` stops waiting for a slot.
 * A request that did not come through `gated` (a transport that does not call it) takes a read slot here.
 */
export function throughGate<C extends IExecuteFunctions | IPollFunctions>(
	ctx: C,
	gate: RateGate,
	signal?: AbortSignal,
): C {
	const send = ctx.helpers.httpRequestWithAuthentication;
	const self: C = signal
		? (Object.create(ctx, { getExecutionCancelSignal: { value: () => signal } }) as C)
		: ctx;
	const helpers = {
		...ctx.helpers,
		httpRequestWithAuthentication: async (
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
			additionalCredentialOptions?: IAdditionalCredentialOptions,
		): Promise<unknown> => {
			const options = signal ? { ...requestOptions, abortSignal: signal } : requestOptions;
			const call = async () =>
				await send.call(self, credentialsType, options, additionalCredentialOptions);
			if (passed.has(requestOptions)) return await call();
			return await gate.run(call, signal);
		},
	};
	return Object.create(self, { helpers: { value: helpers } }) as C;
}

import { cheapRequests } from '../cheap';
import { OTPGET, type Dialect } from '../providers';
import { ProviderError } from '../errors';
import { emailRequests, parseCancelEmail, parseEmailCode } from '../email';
import { rentalRequests, parseRentalSms } from '../rental';
import type { ApiRequest } from '../request';
import { parseSetStatus, parseStatus, smsRequestsFor } from '../sms';
import { badStatusMeansCodeIn, sendStatus } from '../statusFallback';

/** Sends one request and decodes it; the node's version goes through its transport. */
export type Call = <T>(request: ApiRequest, parse: (text: string) => T | undefined) => Promise<T>;

export type SourceName = 'sms' | 'cheap' | 'email' | 'rental';

export interface Message {
	/** The provider's own code field (may be empty: the code is then read from the text). */
	code: string | null;
	text: string;
	/** When the provider says the message arrived (epoch ms), if it says. */
	at?: number;
}

export interface Observation {
	state: 'waiting' | 'received' | 'cancelled';
	/** What arrived, oldest first (received only). */
	messages: Message[];
	/** Cancelled: the provider's document says its cancel or expiry refunds the order. */
	refunded?: boolean;
}

export interface CancelAnswer {
	/**
	 * completed: the code had arrived after all (the provider completed instead of cancelling);
	 * codeArrived: the provider refused because the code is in (nothing refunded, the order is still open).
	 */
	outcome: 'cancelled' | 'completed' | 'codeArrived';
	refunded: boolean;
	code?: string | null;
}

export interface OtpSource {
	readonly name: SourceName;
	/** Rental SMS wait for a message that carries a code; the others end when the provider says "received". */
	readonly needsCode: boolean;
	poll(call: Call): Promise<Observation>;
	/** Absent when the order cannot be cancelled (a rental). */
	cancel?(call: Call): Promise<CancelAnswer>;
	/** Absent when there is nothing to confirm (email, rental). */
	complete?(call: Call): Promise<void>;
}

/** handler_api.php and cheap_handler.php speak the same getStatus/setStatus, in each provider's dialect. */
function activationSource(
	name: 'sms' | 'cheap',
	requests: {
		getStatus(id: string): ApiRequest;
		setStatus(id: string, action: 'complete' | 'cancel', value?: string): ApiRequest;
	},
	orderId: string,
	dialect: Dialect,
): OtpSource {
	const setStatus = async (call: Call, action: 'complete' | 'cancel') => {
		const outcome = await sendStatus(dialect, action, (value) =>
			call(requests.setStatus(orderId, action, value), (text) =>
				parseSetStatus(text, action, dialect),
			),
		);
		const wanted = action === 'complete' ? 'completed' : 'cancelled';
		// ACCESS_RETRY_GET is a success word but not this outcome; the waiter re-checks the order.
		if (outcome !== wanted) throw new Error(`The provider answered ${outcome} to ${action}`);
	};
	const source: OtpSource = {
		name,
		needsCode: false,
		async poll(call) {
			// After Request Another SMS, STATUS_WAIT_RETRY:<old code> (and ACCESS_RETRY_GET) read as waiting: only
			// the next STATUS_OK is this wait's code.
			const status = await call(requests.getStatus(orderId), parseStatus);
			// STATUS_OK's payload is all the text this API gives: the code, or on some providers the SMS itself.
			const messages =
				status.status === 'received'
					? [{ code: status.code, text: status.text ?? status.code ?? '' }]
					: [];
			const refunded = status.status === 'cancelled' && dialect.cancelRefunds === true;
			return { state: status.status, messages, ...(refunded ? { refunded } : {}) };
		},
		async cancel(call) {
			const failure = await setStatus(call, 'cancel').then(
				() => undefined,
				(error: unknown) => error,
			);
			// Status 8 is always a valid value, so OTPGet's BAD_STATUS to it means "not for this order": its code
			// is in (the docs allow 8 only while no SMS came). Read as a refusal it would advise a second cancel.
			if (
				failure instanceof ProviderError &&
				failure.code === 'BAD_STATUS' &&
				badStatusMeansCodeIn(dialect)
			)
				return { outcome: 'codeArrived', refunded: false };
			if (failure !== undefined) throw failure;
			return { outcome: 'cancelled', refunded: true };
		},
	};
	if (dialect.status.complete !== undefined)
		source.complete = (call) => setStatus(call, 'complete');
	else if (dialect.tryComplete !== undefined)
		source.complete = tryComplete(requests, orderId, dialect);
	return source;
}

/**
 * A complete the document does not list (OTPX's Set Status names only 3 and 8): sent once, as completing moves no
 * money; a refusal says so, and the order closes on its own.
 */
function tryComplete(
	requests: { setStatus(id: string, action: 'complete', value?: string): ApiRequest },
	orderId: string,
	d: Dialect,
): (call: Call) => Promise<void> {
	return async (call) => {
		const value = d.tryComplete ?? '';
		const outcome = await call(requests.setStatus(orderId, 'complete', value), (text) =>
			parseSetStatus(text, 'complete', d),
		).catch((error: unknown) => {
			if (!(error instanceof ProviderError) || error.transient) throw error;
			throw new Error(
				`${d.name} refused to complete with status ${value} (${error.code}); its document lists no complete status, so the order closes on its own`,
			);
		});
		if (outcome !== 'completed') throw new Error(`The provider answered ${outcome} to complete`);
	};
}

/** An SMS Activation order at any provider: requests, answers and status values in its dialect. */
export function smsSource(orderId: string, dialect: Dialect = OTPGET): OtpSource {
	return activationSource('sms', smsRequestsFor(dialect), orderId, dialect);
}

export function cheapSource(orderId: string): OtpSource {
	return activationSource('cheap', cheapRequests, orderId, OTPGET);
}

export function emailSource(emailId: string): OtpSource {
	return {
		name: 'email',
		needsCode: false,
		async poll(call) {
			const answer = await call(emailRequests.getEmailCode(emailId), parseEmailCode);
			const messages = answer.messages.map((m) => ({ code: m.code, text: m.body || m.subject }));
			return { state: answer.status, messages };
		},
		async cancel(call) {
			const answer = await call(emailRequests.cancelEmail(emailId), parseCancelEmail);
			if (answer.outcome === 'completed')
				return { outcome: 'completed', refunded: false, code: answer.code ?? null };
			// "Already cancelled" answers 200 without an amount: nothing was refunded by this call.
			return { outcome: 'cancelled', refunded: (answer.refunded ?? 0) > 0 };
		},
	};
}

export interface RentalWindow {
	/** Messages stamped from this time on count (epoch ms): New SMS Since, or when the number was rented. */
	since?: number;
	/** Without `since`: messages already on the number at the first poll and older than this are old. */
	startedAt: number;
	/** Gives the reader of the provider's zone-less timestamps (the credential's Time Zone); UTC when absent. */
	timeReader?: () => Promise<(timestamp: string) => string | null>;
}

/**
 * A rented number keeps its earlier messages. A message counts when it arrived after the first poll (not in
 * that poll's snapshot: a provider clock running behind ours cannot hide it), or when its timestamp is at or
 * after `since` (else the wait's start; timestamps have whole seconds). Messages without a readable timestamp
 * are judged by the snapshot alone.
 */
export function rentalSource(orderId: string, window: RentalWindow): OtpSource {
	const keyOf = (m: { timestamp: string; text: string }) => `${m.timestamp}\u0000${m.text}`;
	const floor = (ms: number) => Math.floor(ms / 1000) * 1000;
	const since = floor(window.since ?? window.startedAt);
	let snapshot: Set<string> | undefined;
	let reader: Promise<(timestamp: string) => string | null> | undefined;
	return {
		name: 'rental',
		needsCode: true,
		async poll(call) {
			const readTime = window.timeReader ? await (reader ??= window.timeReader()) : undefined;
			const all = (await call(rentalRequests.getRentalSMS(orderId), parseRentalSms)).map((m) => {
				const iso = readTime ? readTime(m.timestamp) : m.receivedAt;
				const at = iso ? Date.parse(iso) : NaN;
				return { ...m, at: Number.isFinite(at) ? at : undefined };
			});
			const first = snapshot === undefined;
			snapshot ??= new Set(all.map(keyOf));
			const old = snapshot;
			const fresh = all.filter(
				(m) => (!first && !old.has(keyOf(m))) || (m.at !== undefined && m.at >= since),
			);
			const messages = fresh.map((m) => ({ code: m.code, text: m.text, at: m.at }));
			return { state: messages.length > 0 ? 'received' : 'waiting', messages };
		},
	};
}

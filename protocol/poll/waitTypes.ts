import type { ArrivalModel } from './arrivals';
import type { OrderSchedule } from './schedule';
import type { Call, SourceName } from './sources';

/** What one order's wait is told and ends with: settings, results, states, failures and their words. */

export type OnSuccess = 'complete' | 'leave';
export type OnTimeout = 'cancel' | 'leave' | 'fail';
export type OnStop = 'cancel' | 'leave';

export interface WaitSettings {
	intervalMs: number;
	timeoutMs: number;
	onSuccess: OnSuccess;
	onTimeout: OnTimeout;
	/** What to do with an order still open when the execution is stopped (default: leave it). */
	onStop?: OnStop;
	/** Custom code pattern; empty = the default one, which prefers the provider's own code field. */
	codePattern?: string;
	/**
	 * Attempts at the end of the wait: a cancel or complete that fails transiently (network, 5xx, ERROR_SQL) is
	 * tried this many times, and checks after the timeout may fail this many times in a row, before the order is
	 * reported as still open. Failed checks before the timeout never end the wait: they back off until it.
	 */
	maxFailures: number;
	/** The provider's early-cancel window (OTPGet: 2 min); refusals for twice as long end the wait. */
	earlyCancelMs: number;
}

/** How the caller's errors read: the provider's code (EARLY_CANCEL_DENIED…) and whether a retry may help. */
export interface ErrorInfo {
	code?: string;
	transient: boolean;
	/** The order does not exist for this key (NO_ACTIVATION…): nothing is open. */
	gone?: boolean;
}

export type WaitOutcome = 'received' | 'timedOut' | 'cancelled';

export interface WaitResult {
	outcome: WaitOutcome;
	source: SourceName;
	orderId: string;
	code: string | null;
	text: string | null;
	/** When the code arrived: the provider's timestamp where it gives one (rentals), else when we saw it. */
	receivedAt: number | null;
	startedAt: number;
	endedAt: number;
	/** Status requests sent for this order, failed ones included. */
	polls: number;
	completed: boolean;
	refunded: boolean;
	/** The order is still open at the provider (timed out and left open, or cancelled by nobody). */
	leftOpen: boolean;
	/** A cancel was sent but its answer got lost, and the order now shows as cancelled. */
	cancelUnconfirmed?: boolean;
	/** Completing failed; the code is still good. */
	completeError?: string;
}

/** Open: nobody closed it; maybe: a cancel went out and its answer was lost; closed: done, or it never existed. */
export type Openness = 'open' | 'maybe' | 'closed';

/** Where an order stands when its wait ends without a result (failed, or the execution was stopped). */
export interface OrderState {
	orderId: string;
	source: SourceName;
	code: string | null;
	text: string | null;
	completed: boolean;
	refunded: boolean;
	open: Openness;
	polls: number;
}

export type FailureKind = 'timeout' | 'failures' | 'refused' | 'error';

/** Why an order's wait failed, and where the order stands. `cause` is the caller's own error. */
export class WaitFailure extends Error {
	constructor(
		readonly kind: FailureKind,
		message: string,
		readonly polls: number,
		cause?: unknown,
		readonly state?: OrderState,
	) {
		super(message, { cause });
		this.name = 'WaitFailure';
	}
}

/** The OTPGet node's operations for each source, named as the user sees them. */
export const OPERATIONS: Readonly<
	Record<SourceName, { check: string; cancel?: string; complete?: string }>
> = {
	sms: {
		check: 'SMS Activation → Get Status',
		cancel: 'SMS Activation → Set Status (Cancel & Refund)',
		complete: 'SMS Activation → Set Status (Complete)',
	},
	cheap: {
		check: 'Cheap Number → Get Status',
		cancel: 'Cheap Number → Set Status (Cancel & Refund)',
		complete: 'Cheap Number → Set Status (Complete)',
	},
	email: { check: 'Email → Get Code', cancel: 'Email → Cancel' },
	rental: { check: 'Rental → Get SMS' },
};

/** Longest pause between checks while they keep failing: the pause doubles from the poll interval up to this. */
export const MAX_BACKOFF_MS = 30_000;

/** The pause after `failures` failed attempts in a row: the interval, doubling, capped (never below the interval). */
export function backoffMs(intervalMs: number, failures: number): number {
	const grown = intervalMs * 2 ** Math.min(20, Math.max(0, failures - 1));
	return Math.min(grown, Math.max(intervalMs, MAX_BACKOFF_MS));
}

export const messageOf = (error: unknown) =>
	error instanceof Error ? error.message : String(error);

/** "10 min", "1.5 min", "45 s", "0.2 s". */
export function formatDuration(ms: number): string {
	return ms < 60_000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms / 6000) / 10} min`;
}

export interface WaitDeps {
	call: Call;
	classify: (error: unknown) => ErrorInfo;
	/** Reads the time an answer came in (the step's `now` is when it was sent). */
	now: () => number;
	/** Where this order's codes are learned (per provider + service + country, kept between runs). */
	arrivals?: ArrivalModel;
	/** When checks go out (default: at once, then every interval from the wait's start). */
	schedule?: OrderSchedule;
}

/**
 * One order's wait as a scheduler job: poll every interval until the code, a cancel by the provider, or the
 * deadline; then complete, cancel or leave it as configured. A refund is only ever asked for when the last
 * answer said "no code yet", and the provider refuses a cancel once a code is in, so a code is never lost to a
 * refund. While the provider refuses an early cancel (the first 2 minutes) the order keeps being polled, and
 * the cancel is retried after each poll. Checks that fail transiently are retried with a growing pause until
 * the deadline; the end action (cancel, complete) gets `maxFailures` attempts, then the order is reported open.
 */

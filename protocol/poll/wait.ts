import { codeFrom, extractCode } from '../code';
import type { Job, Step } from './scheduler';
import type { Call, Message, OtpSource, SourceName } from './sources';

export type OnSuccess = 'complete' | 'leave';
export type OnTimeout = 'cancel' | 'leave' | 'fail';

export interface WaitSettings {
	intervalMs: number;
	timeoutMs: number;
	onSuccess: OnSuccess;
	onTimeout: OnTimeout;
	/** Custom code pattern; empty = the default one, which prefers the provider's own code field. */
	codePattern?: string;
	/** Transient failures (network, 5xx, ERROR_SQL) in a row before the item fails. */
	maxFailures: number;
	/** The provider's early-cancel window (OTPGet: 2 min); refusals for twice as long end the wait. */
	earlyCancelMs: number;
}

/** How the caller's errors read: the provider's code (EARLY_CANCEL_DENIED…) and whether a retry may help. */
export interface ErrorInfo {
	code?: string;
	transient: boolean;
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

export type FailureKind = 'timeout' | 'failures' | 'refused' | 'error';

/** Why an order's wait failed. `cause` is the caller's own error (a NodeApiError in the node). */
export class WaitFailure extends Error {
	constructor(
		readonly kind: FailureKind,
		message: string,
		readonly polls: number,
		cause?: unknown,
	) {
		super(message, { cause });
		this.name = 'WaitFailure';
	}
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** "10 min", "1.5 min", "45 s", "0.2 s". */
export function formatDuration(ms: number): string {
	return ms < 60_000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms / 6000) / 10} min`;
}

export interface WaitDeps {
	call: Call;
	classify: (error: unknown) => ErrorInfo;
	/** Reads the time an answer came in (the step's `now` is when it was sent). */
	now: () => number;
}

/**
 * One order's wait as a scheduler job: poll every interval until the code, a cancel by the provider, or the
 * deadline; then complete, cancel or leave it as configured. A refund is only ever asked for when the last
 * answer said "no code yet", and the provider refuses a cancel once a code is in, so a code is never lost to a
 * refund. While the provider refuses an early cancel (the first 2 minutes) the order keeps being polled, and
 * the cancel is retried after each poll.
 */
export class OtpWait implements Job<WaitResult> {
	readonly deadline: number;
	private phase: 'poll' | 'cancel' | 'complete' = 'poll';
	private polls = 0;
	private failures = 0;
	private cancelFailures = 0;
	/** A cancel went out and its answer was lost (network, 5xx): it may have gone through. */
	private cancelUnknown = false;
	private deniedSince?: number;
	/** A cancel refused for a reason other than the 2-minute rule: the next poll decides what it means. */
	private refusal?: unknown;
	private got?: { code: string | null; text: string; at: number };
	private completed = false;
	private completeError?: string;

	constructor(
		readonly source: OtpSource,
		readonly orderId: string,
		private readonly settings: WaitSettings,
		private readonly deps: WaitDeps,
		readonly startedAt: number,
	) {
		this.deadline = startedAt + settings.timeoutMs;
	}

	async step(now: number): Promise<Step<WaitResult>> {
		if (this.phase === 'cancel') return await this.cancelStep(now);
		if (this.phase === 'complete') return await this.completeStep(now);
		return await this.pollStep(now);
	}

	private async pollStep(now: number): Promise<Step<WaitResult>> {
		this.polls++;
		let observation;
		try {
			observation = await this.source.poll(this.deps.call);
		} catch (error) {
			return this.retryLater(error, now, 'poll');
		}
		this.failures = 0;
		if (observation.state === 'cancelled') {
			// After a cancel whose answer was lost, this is most likely our own cancel, and a cancel refunds.
			const ours = this.cancelUnknown;
			return this.finish(ours ? 'timedOut' : 'cancelled', { refunded: ours, cancelUnconfirmed: ours });
		}
		const hit = observation.state === 'received' ? this.pick(observation.messages) : undefined;
		if (hit) {
			this.got = { code: hit.code, text: hit.text, at: hit.at ?? this.deps.now() };
			if (this.settings.onSuccess === 'complete' && this.source.complete) {
				this.phase = 'complete';
				return { next: now };
			}
			return this.finish('received');
		}
		if (this.refusal !== undefined) {
			throw new WaitFailure('refused', `The provider refused to cancel: ${messageOf(this.refusal)}`, this.polls, this.refusal);
		}
		// The answer's time decides, not the send's: under a binding rate cap a request may wait its turn.
		const answeredAt = this.deps.now();
		if (answeredAt < this.deadline) return { next: Math.min(now + this.settings.intervalMs, this.deadline) };
		return this.onDeadline(answeredAt);
	}

	private onDeadline(now: number): Step<WaitResult> {
		if (this.settings.onTimeout === 'fail') {
			throw new WaitFailure('timeout', `No code arrived within ${formatDuration(this.settings.timeoutMs)}`, this.polls);
		}
		if (this.settings.onTimeout === 'cancel' && this.source.cancel) {
			this.phase = 'cancel';
			return { next: now };
		}
		return this.finish('timedOut', { leftOpen: true });
	}

	private async cancelStep(now: number): Promise<Step<WaitResult>> {
		if (!this.source.cancel) return this.finish('timedOut', { leftOpen: true });
		this.phase = 'poll';
		let answer;
		try {
			answer = await this.source.cancel(this.deps.call);
		} catch (error) {
			const info = this.deps.classify(error);
			// Within the first 2 minutes: keep polling (a code may still come) and try again after the next poll.
			if (info.code === 'EARLY_CANCEL_DENIED') return this.deniedEarly(error, now);
			// Once a cancel's answer is lost, a later refusal cannot prove that cancel did not refund.
			if (info.transient) {
				this.cancelUnknown = true;
				return this.retryLater(error, now, 'cancel');
			}
			// E.g. the code arrived between our poll and the cancel: poll once more to find out.
			this.refusal = error;
			return { next: now };
		}
		if (answer.outcome === 'completed') {
			// Email: the code had arrived, so the provider completed the order instead.
			const code = answer.code ?? null;
			this.got = { code, text: code ?? '', at: this.deps.now() };
			this.completed = true;
			return this.finish('received');
		}
		return this.finish('timedOut', { refunded: answer.refunded });
	}

	private deniedEarly(error: unknown, now: number): Step<WaitResult> {
		// A clear "not yet" also says an earlier cancel whose answer got lost did not go through.
		this.cancelUnknown = false;
		this.deniedSince ??= now;
		if (now - this.deniedSince > 2 * this.settings.earlyCancelMs) {
			throw new WaitFailure('refused', `The provider still refuses to cancel: ${messageOf(error)}`, this.polls, error);
		}
		return { next: now + this.settings.intervalMs };
	}

	private async completeStep(now: number): Promise<Step<WaitResult>> {
		try {
			await this.source.complete?.(this.deps.call);
			this.completed = true;
		} catch (error) {
			const info = this.deps.classify(error);
			if (info.transient && ++this.failures < this.settings.maxFailures) return { next: now + this.settings.intervalMs };
			// The code is what matters: deliver it, and say that completing failed.
			this.completeError = messageOf(error);
		}
		return this.finish('received');
	}

	/** Cancels count their failures apart: the polls between two cancel attempts may well succeed. */
	private retryLater(error: unknown, now: number, what: 'poll' | 'cancel'): Step<WaitResult> {
		const info = this.deps.classify(error);
		if (!info.transient) throw new WaitFailure('error', messageOf(error), this.polls, error);
		const failures = what === 'poll' ? ++this.failures : ++this.cancelFailures;
		if (failures >= this.settings.maxFailures) {
			const message = `${failures} ${what === 'poll' ? 'status checks' : 'cancel requests'} in a row failed: ${messageOf(error)}`;
			throw new WaitFailure('failures', message, this.polls, error);
		}
		return { next: now + this.settings.intervalMs };
	}

	/** The first message with a code (any message, for sources where "received" is the provider's word). */
	private pick(messages: Message[]): Message | undefined {
		const pattern = this.settings.codePattern || undefined;
		const read = messages.map((m) => ({ ...m, code: pattern ? (extractCode(m.text, pattern) ?? m.code) : codeFrom(m.code, m.text) }));
		// A welcome mail may come before the one with the code: prefer a message with a code.
		return read.find((m) => m.code) ?? (this.source.needsCode ? undefined : read[0]);
	}

	private finish(
		outcome: WaitOutcome,
		extra: Partial<Pick<WaitResult, 'refunded' | 'leftOpen' | 'cancelUnconfirmed'>> = {},
	): Step<WaitResult> {
		return {
			done: {
				outcome,
				source: this.source.name,
				orderId: this.orderId,
				code: this.got?.code ?? null,
				text: this.got?.text ?? null,
				receivedAt: this.got?.at ?? null,
				startedAt: this.startedAt,
				endedAt: this.deps.now(),
				polls: this.polls,
				completed: this.completed,
				refunded: extra.refunded ?? false,
				leftOpen: extra.leftOpen ?? false,
				...(extra.cancelUnconfirmed ? { cancelUnconfirmed: true } : {}),
				...(this.completeError ? { completeError: this.completeError } : {}),
			},
		};
	}
}

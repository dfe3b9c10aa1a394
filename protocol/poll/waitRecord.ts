import { messageCode } from '../code';
import { OrderSchedule } from './schedule';
import type { Step } from './scheduler';
import type { Message, OtpSource } from './sources';
import {
	OPERATIONS,
	WaitFailure,
	messageOf,
	type FailureKind,
	type OnTimeout,
	type OrderState,
	type Openness,
	type WaitDeps,
	type WaitOutcome,
	type WaitResult,
	type WaitSettings,
} from './waitTypes';

/** An order's wait as data: what it knows, what it ends with and how it words it; OtpWait (wait.ts) drives it. */
export abstract class WaitRecord {
	deadline: number;
	protected phase: 'poll' | 'cancel' | 'complete' = 'poll';
	protected polls = 0;
	/** When the latest check was sent (the order's origin before the first: a code may predate the wait). */
	protected lastCheckAt: number;
	protected readonly schedule: OrderSchedule;
	/** Failed checks in a row. */
	protected failures = 0;
	protected cancelFailures = 0;
	protected completeFailures = 0;
	/** Past the deadline (or stopped): the end action is under way. */
	protected closing = false;
	/** The execution was stopped: no waiting out the early-cancel window. */
	protected stopping = false;
	protected onTimeout: OnTimeout;
	/** A cancel went out and its answer was lost (network, 5xx): it may have gone through. */
	protected cancelUnknown = false;
	protected deniedSince?: number;
	/** A cancel refused for a reason other than the 2-minute rule: the next poll decides what it means. */
	protected refusal?: unknown;
	/** The provider refused the cancel because the code is in: checks that still show no code, counted. */
	protected codeArrived?: { checks: number };
	protected refunded = false;
	protected got?: { code: string | null; text: string; at: number };
	protected completed = false;
	protected completeError?: string;
	/** Set once the wait has its result (a step may finish after its run stopped awaiting it). */
	protected result?: WaitResult;

	constructor(
		readonly source: OtpSource,
		readonly orderId: string,
		protected readonly settings: WaitSettings,
		protected readonly deps: WaitDeps,
		readonly startedAt: number,
	) {
		this.deadline = startedAt + settings.timeoutMs;
		this.onTimeout = settings.onTimeout;
		this.schedule =
			deps.schedule ?? new OrderSchedule('fixed', settings.intervalMs, startedAt, undefined);
		this.lastCheckAt = Math.min(startedAt, this.schedule.origin);
	}

	/** Where the order stands now (for a stopped execution's report). */
	state(): OrderState {
		let open: Openness = 'open';
		if (this.completed || this.refunded || this.result?.outcome === 'cancelled') open = 'closed';
		else if (this.cancelUnknown) open = 'maybe';
		return {
			orderId: this.orderId,
			source: this.source.name,
			code: this.got?.code ?? null,
			text: this.got?.text ?? null,
			completed: this.completed,
			refunded: this.refunded,
			open,
			polls: this.polls,
		};
	}

	/** "SMS order 123" */
	protected label(): string {
		const noun = {
			sms: 'Order',
			cheap: 'Cheap number order',
			email: 'Email activation',
			rental: 'Rental',
		}[this.source.name];
		return `${noun} ${this.orderId}`;
	}

	/** The end action could not be done: say which order is (maybe) still open and what to do. */
	protected giveUp(error: unknown, what: string): WaitFailure {
		const ops = OPERATIONS[this.source.name];
		const why = `${what}: ${messageOf(error)}`;
		let message: string;
		if (this.codeArrived) {
			message = `${this.label()} is still open: the provider refused to cancel it because a code had arrived, but reading it failed (${why}) — read it with ${ops.check}`;
		} else if (this.cancelUnknown) {
			message = `${this.label()} may still be open: no code came and the cancel could not be confirmed (${why}) — check it with ${ops.check} before cancelling it again`;
		} else {
			message = `${this.label()} is still open: no code came and it could not be cancelled (${why}) — cancel it with ${ops.cancel ?? ops.check} once the provider answers again`;
		}
		return this.failure('failures', message, error);
	}

	protected failure(
		kind: FailureKind,
		message: string,
		cause?: unknown,
		open?: Openness,
	): WaitFailure {
		const state = this.state();
		if (open) state.open = open;
		return new WaitFailure(kind, message, this.polls, cause, state);
	}

	/** The first message with a code (any message, for sources where "received" is the provider's word). */
	protected pick(messages: Message[]): Message | undefined {
		const pattern = this.settings.codePattern || undefined;
		// A pattern that matches the empty string reads no code: fall back on the provider's own field, never "".
		const read = messages.map((m) => ({ ...m, code: messageCode(m.code, m.text, pattern) }));
		// A welcome mail may come before the one with the code: prefer a message with a code. An order that
		// would be completed (SMS, cheap) is never completed without one.
		return (
			read.find((m) => m.code) ??
			(this.source.needsCode || this.source.complete ? undefined : read[0])
		);
	}

	protected finish(
		outcome: WaitOutcome,
		extra: Partial<Pick<WaitResult, 'refunded' | 'leftOpen' | 'cancelUnconfirmed'>> = {},
	): Step<WaitResult> {
		this.result = {
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
		};
		return { done: this.result };
	}
}

import type { Job, Step } from './scheduler';
import { WaitRecord } from './waitRecord';
import {
	OPERATIONS,
	backoffMs,
	formatDuration,
	messageOf,
	type OnStop,
	type WaitResult,
} from './waitTypes';

/**
 * One order's wait as a job of the scheduler: checks on the schedule, then the end action (complete, or cancel and
 * refund, or leave) with retries where they cannot cost money. Its state and words are in WaitRecord.
 */

export class OtpWait extends WaitRecord implements Job<WaitResult> {
	async step(now: number): Promise<Step<WaitResult>> {
		if (this.phase === 'poll' && this.polls === 0 && !this.closing && !this.stopping) {
			// Codes seldom come this early: the first check waits, and its requests go to orders more likely done.
			const first = this.schedule.firstCheckAt(this.startedAt);
			if (now < first && first < this.deadline) return { next: first };
		}
		if (this.phase === 'cancel') return await this.cancelStep(now);
		if (this.phase === 'complete') return await this.completeStep(now);
		return await this.pollStep(now);
	}

	/** How likely a check now finds something new: end actions first, then the likeliest code (binding cap). */
	urgency(now: number): number {
		if (this.phase !== 'poll' || this.closing || this.codeArrived || this.refusal !== undefined)
			return Infinity;
		return this.schedule.urgency(now, this.lastCheckAt, this.deadline);
	}

	/**
	 * The execution was stopped: end the wait now. With `cancel`, an order without a code is cancelled (one
	 * attempt per `maxFailures`, no waiting out the early-cancel window) and a code already in is still
	 * completed; with `leave`, nothing more is sent. Returns whether the job has anything left to do.
	 */
	stop(now: number, action: OnStop): boolean {
		if (action === 'leave' || (this.result && this.phase !== 'complete')) return false;
		this.stopping = true;
		if (this.phase === 'complete') return true;
		if (this.got || !this.source.cancel) return false;
		this.deadline = Math.min(this.deadline, now);
		this.closing = true;
		this.onTimeout = 'cancel';
		this.phase = 'cancel';
		return true;
	}

	private async pollStep(now: number): Promise<Step<WaitResult>> {
		this.polls++;
		const previousCheck = this.lastCheckAt;
		this.lastCheckAt = now;
		let observation;
		try {
			observation = await this.source.poll(this.deps.call);
		} catch (error) {
			return this.pollFailed(error, now);
		}
		this.failures = 0;
		if (observation.state === 'cancelled') {
			// After a cancel whose answer was lost, this is most likely our own cancel, and a cancel refunds.
			const ours = this.cancelUnknown;
			if (ours || observation.refunded) this.refunded = true;
			return this.finish(ours ? 'timedOut' : 'cancelled', {
				refunded: this.refunded,
				cancelUnconfirmed: ours,
			});
		}
		const hit = observation.state === 'received' ? this.pick(observation.messages) : undefined;
		if (hit) {
			this.got = { code: hit.code, text: hit.text, at: hit.at ?? this.deps.now() };
			// The code came between the previous check and this one: the middle is the best guess.
			if (this.source.name !== 'rental')
				this.schedule.recordCode(
					this.deps.arrivals,
					previousCheck,
					this.deps.now(),
					this.polls === 1,
				);
			if (this.settings.onSuccess === 'complete' && this.source.complete) {
				this.phase = 'complete';
				return { next: now };
			}
			return this.finish('received');
		}
		if (this.codeArrived) {
			// The cancel said the code is in; the check does not show one (yet, or not one the pattern reads).
			if (++this.codeArrived.checks >= this.settings.maxFailures) {
				throw this.failure(
					'refused',
					`${this.label()} is still open: the provider refused to cancel it because a code had arrived, but ${this.settings.maxFailures} checks showed no code${this.settings.codePattern ? ' that the Code Pattern reads' : ''} — read it with ${OPERATIONS[this.source.name].check}`,
				);
			}
			return { next: now + this.settings.intervalMs };
		}
		if (this.refusal !== undefined) {
			throw this.failure(
				'refused',
				`${this.label()} is still open: the provider refused to cancel it (${messageOf(this.refusal)}) and no code came — check it with ${OPERATIONS[this.source.name].check}`,
				this.refusal,
			);
		}
		// The answer's time decides, not the send's: under a binding rate cap a request may wait its turn.
		const answeredAt = this.deps.now();
		if (answeredAt < this.deadline) {
			return { next: Math.min(this.schedule.nextCheckAt(now), this.deadline) };
		}
		return this.onDeadline(answeredAt);
	}

	/** A check failed: before the deadline a transient failure only delays the next one; after it, they are counted. */
	private pollFailed(error: unknown, now: number): Step<WaitResult> {
		const info = this.deps.classify(error);
		if (!info.transient) {
			throw this.failure('error', messageOf(error), error, info.gone ? 'closed' : undefined);
		}
		this.failures++;
		const answeredAt = this.deps.now();
		if (!this.closing) {
			if (answeredAt < this.deadline) {
				return {
					next: Math.min(now + backoffMs(this.settings.intervalMs, this.failures), this.deadline),
				};
			}
			// The timeout came while the provider was failing: the end action is attempted all the same.
			return this.onDeadline(answeredAt);
		}
		if (this.failures >= this.settings.maxFailures)
			throw this.giveUp(error, `${this.failures} checks in a row failed`);
		return { next: now + backoffMs(this.settings.intervalMs, this.failures) };
	}

	private onDeadline(now: number): Step<WaitResult> {
		const first = !this.closing;
		this.closing = true;
		// A whole wait without a code: the schedule learns that a share of the orders never gets one.
		if (first && !this.got && this.source.name !== 'rental')
			this.schedule.recordNone(this.deps.arrivals);
		if (this.onTimeout === 'fail' && first) {
			throw this.failure(
				'timeout',
				`No code arrived within ${formatDuration(this.settings.timeoutMs)}`,
			);
		}
		if (this.onTimeout === 'cancel' && this.source.cancel) {
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
				if (++this.cancelFailures >= this.settings.maxFailures) {
					throw this.giveUp(error, `${this.cancelFailures} cancel requests failed`);
				}
				// The next step is a check: it shows a cancel that went through after all.
				return { next: now + backoffMs(this.settings.intervalMs, this.cancelFailures) };
			}
			// E.g. the code arrived between our poll and the cancel: poll once more to find out.
			this.refusal = error;
			return { next: now };
		}
		if (answer.outcome === 'codeArrived') {
			// Not a refusal to report: the code is there, and the next check reads it.
			this.codeArrived ??= { checks: 0 };
			return { next: now };
		}
		if (answer.outcome === 'completed') {
			// Email: the code had arrived, so the provider completed the order instead.
			const code = answer.code ?? null;
			this.got = { code, text: code ?? '', at: this.deps.now() };
			this.completed = true;
			return this.finish('received');
		}
		this.refunded = answer.refunded;
		return this.finish('timedOut', { refunded: answer.refunded });
	}

	private deniedEarly(error: unknown, now: number): Step<WaitResult> {
		// A clear "not yet" also says an earlier cancel whose answer got lost did not go through.
		this.cancelUnknown = false;
		this.deniedSince ??= now;
		if (this.stopping || now - this.deniedSince > 2 * this.settings.earlyCancelMs) {
			const when = this.stopping ? 'at the stop' : `for ${formatDuration(now - this.deniedSince)}`;
			throw this.failure(
				'refused',
				`${this.label()} is still open: the provider refused to cancel it ${when} (${messageOf(error)}) — cancel it later with ${OPERATIONS[this.source.name].cancel ?? OPERATIONS[this.source.name].check}`,
				error,
			);
		}
		return { next: now + this.settings.intervalMs };
	}

	private async completeStep(now: number): Promise<Step<WaitResult>> {
		try {
			await this.source.complete?.(this.deps.call);
			this.completed = true;
		} catch (error) {
			const info = this.deps.classify(error);
			if (info.transient && ++this.completeFailures < this.settings.maxFailures) {
				return { next: now + backoffMs(this.settings.intervalMs, this.completeFailures) };
			}
			// The code is what matters: deliver it, and say that completing failed.
			this.completeError = messageOf(error);
		}
		return this.finish('received');
	}
}

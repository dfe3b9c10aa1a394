import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { classifyWaitError } from '../../protocol/poll/classify';
import { runJobs, type Job, type Settled } from '../../protocol/poll/scheduler';
import { OtpWait } from '../../protocol/poll/wait';
import { WaitFailure, type OnStop, type WaitResult } from '../../protocol/poll/waitTypes';
import { n8nClock } from '../shared/clock';
import { CREDENTIAL_TYPES } from '../shared/provider';
import { apiRequest } from '../shared/transport';
import { credentialGates } from './gates';
import { learning } from './learning';
import { readPlan, requestsPerSecond } from './plan';
import {
	failedItem,
	report,
	resultLine,
	stateLine,
	toItem,
	toNodeError,
	type Failed,
} from './report';

/** How long a stopped execution may spend cancelling its open orders (On Stop: Cancel & Refund). */
export const STOP_BUDGET_MS = 20_000;

interface Waiting {
	itemIndex: number;
	wait: OtpWait;
	timeoutMs: number;
	onStop: OnStop;
}

/**
 * Waits for every input item's code at once: one scheduler for all orders, one rate gate for the
 * credential. Received codes go to the first output; timeouts, cancels (and failed items under Continue On
 * Fail) to the second, each paired with its input item. An item without a usable order id or options fails on
 * its own: every other order still runs to its end (code and complete, or the On Timeout action).
 */
export async function waitForOtp(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const signal = this.getExecutionCancelSignal?.();
	const startedAt = n8nClock.now();
	const received: Array<INodeExecutionData | undefined> = [];
	const other: Array<INodeExecutionData | undefined> = [];
	const waiting: Waiting[] = [];
	const failed: Failed[] = [];

	const limit = requestsPerSecond(this);
	// One rate gate per credential: each provider's credential has its own (a mixed batch uses several).
	const gates = credentialGates(this, limit, signal);
	try {
		// Learned arrivals: when each order is checked, and which first under a binding cap.
		const learned = learning(this);
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const plan = readPlan(this, itemIndex, startedAt);
				const { intervalMs } = plan.settings;
				const credentialType = CREDENTIAL_TYPES[plan.provider];
				// Joined with the credential's cap, so the queue below is sized from the effective rate.
				await gates.join(credentialType);
				const deps = {
					...learned.forItem(itemIndex, plan.source.name, intervalMs, startedAt),
					call: async <T>(
						request: Parameters<typeof apiRequest>[1],
						parse: (text: string) => T | undefined,
					) => await apiRequest(gates.contextFor(credentialType), request, parse, itemIndex),
					classify: classifyWaitError,
					now: n8nClock.now,
				};
				const wait = new OtpWait(plan.source, plan.orderId, plan.settings, deps, startedAt);
				waiting.push({
					itemIndex,
					wait,
					timeoutMs: plan.settings.timeoutMs,
					onStop: plan.settings.onStop ?? 'leave',
				});
			} catch (error) {
				// Only this item fails: the orders of the others are still waited on, completed or refunded.
				failed.push({ itemIndex, error });
			}
		}

		// Steps still running when a run ends (it stops awaiting them) must settle before the wait is reused.
		const inFlight = new Set<Promise<unknown>>();
		const tracked = (wait: OtpWait): Job<WaitResult> => ({
			step: (now) => {
				const step = wait.step(now);
				inFlight.add(step);
				const drop = () => inFlight.delete(step);
				step.then(drop, drop);
				return step;
			},
		});
		const maxInFlight = gates.queueSize();
		// The gate sets the pace; this bounds open connections (a slow provider needs more of them) to a few
		// seconds of requests, so that under a binding cap the likeliest codes are checked first, not the earliest due.
		// Every order runs to its end even when one fails: the others still get completed or refunded.
		const settled: Array<Settled<WaitResult>> = await runJobs(
			waiting.map(({ wait }) => ({ job: tracked(wait) })),
			{
				clock: n8nClock,
				signal,
				stopOnFailure: false,
				maxInFlight: Math.min(maxInFlight, Math.max(4, Math.ceil(2 * gates.rate()))),
				urgency: (n, now) => waiting[n].wait.urgency(now),
			},
		);
		learned.commit();

		if (signal?.aborted) {
			// Requests in flight were aborted with the signal: their steps end at once and record what they know.
			await Promise.allSettled([...inFlight]);
			const now = n8nClock.now();
			const closing = waiting.map(
				(w, n) => settled[n].status === 'stopped' && w.wait.stop(now, w.onStop),
			);
			if (closing.some(Boolean)) {
				const budget = new AbortController();
				let over = false;
				// Swapped for contexts tied to the stop budget.
				gates.retie(budget.signal);
				void n8nClock.sleep(STOP_BUDGET_MS, budget.signal).then(() => {
					if (!over) budget.abort();
				});
				const jobs = waiting
					.map((w, n) => ({ n, job: tracked(w.wait) }))
					.filter(({ n }) => closing[n]);
				const again = await runJobs(jobs, {
					clock: n8nClock,
					signal: budget.signal,
					stopOnFailure: false,
					maxInFlight,
				});
				over = true;
				budget.abort();
				await Promise.allSettled([...inFlight]);
				again.forEach((outcome, k) => {
					if (outcome.status !== 'stopped') settled[jobs[k].n] = outcome;
				});
			}
			const lines: Array<[number, string]> = waiting.map((w, n) => {
				const outcome = settled[n];
				// An order closed on the way out did not time out: say what the stop did to it.
				if (outcome.status === 'done')
					return [
						w.itemIndex,
						closing[n] ? stateLine(w.wait.state()) : resultLine(outcome.value, w.timeoutMs),
					];
				const error = outcome.status === 'failed' ? outcome.error : undefined;
				const state = error instanceof WaitFailure && error.state ? error.state : w.wait.state();
				const why =
					error === undefined ? '' : ` (${toNodeError(this, error, w.itemIndex).message})`;
				return [w.itemIndex, `${stateLine(state)}${why}`];
			});
			const open = waiting.filter((w, n) => {
				const outcome = settled[n];
				if (w.wait.source.name === 'rental') return false;
				if (outcome.status === 'done')
					return (
						outcome.value.leftOpen ||
						(outcome.value.outcome === 'received' && !outcome.value.completed)
					);
				const error = outcome.status === 'failed' ? outcome.error : undefined;
				const state = error instanceof WaitFailure && error.state ? error.state : w.wait.state();
				return state.open !== 'closed';
			}).length;
			const description = report(this, lines, failed);
			// n8n saves a stopped execution as soon as the stop is asked for, so what the node returns after that
			// may never be stored: the report is thrown (shown on the node wherever n8n still records the result)
			// and also logged, which reaches the instance's log whatever the engine does with the error.
			this.logger.warn(`Wait for OTP stopped: ${description}`);
			throw new NodeOperationError(
				this.getNode(),
				`The execution was stopped while waiting for codes: ${open === 0 ? 'no order is left open' : `${open} order${open === 1 ? ' is' : 's are'} still open`}`,
				{ description },
			);
		}

		const lines: Array<[number, string]> = [];
		settled.forEach((outcome, n) => {
			const { itemIndex, wait, timeoutMs } = waiting[n];
			if (outcome.status === 'done') {
				const { output, item } = toItem(outcome.value, timeoutMs, itemIndex);
				(output === 0 ? received : other)[itemIndex] = item;
				lines.push([itemIndex, resultLine(outcome.value, timeoutMs)]);
			} else {
				const error =
					outcome.status === 'failed' ? outcome.error : new Error('The wait was interrupted');
				failed.push({ itemIndex, error, orderId: wait.orderId });
				const state = error instanceof WaitFailure && error.state ? error.state : wait.state();
				lines.push([itemIndex, stateLine(state)]);
			}
		});
		failed.sort((a, b) => a.itemIndex - b.itemIndex);
		if (continueOnFail) {
			for (const f of failed) other[f.itemIndex] = failedItem(this, f);
		} else if (failed.length > 0) {
			// The node's output is lost with the error: every order and every failed item goes into it.
			const first = failed[0];
			const description = report(this, lines, failed);
			if (failed.length === 1) {
				const failure = toNodeError(this, first.error, first.itemIndex);
				failure.description = [failure.description, description].filter(Boolean).join(' ');
				throw failure;
			}
			const firstError = toNodeError(this, first.error, first.itemIndex);
			throw new NodeOperationError(
				this.getNode(),
				`${failed.length} items failed (items ${failed.map((f) => f.itemIndex).join(', ')}); item ${first.itemIndex}: ${firstError.message}`,
				{ itemIndex: first.itemIndex, description },
			);
		}
	} finally {
		gates.leave();
	}
	const present = (list: Array<INodeExecutionData | undefined>) =>
		list.filter((i): i is INodeExecutionData => !!i);
	// An AI Agent only reads the first output: as a tool, timeouts and refunds go there too, marked received: false.
	if (this.getNode().type.endsWith('Tool')) {
		const all = [
			...present(received).map((i) => ({ ...i, json: { ...i.json, received: true } })),
			...present(other).map((i) => ({ ...i, json: { ...i.json, received: false } })),
		];
		return [all, []];
	}
	return [present(received), present(other)];
}

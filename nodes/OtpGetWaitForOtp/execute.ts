import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { classifyWaitError } from '../../protocol/poll/classify';
import { runJobs, type Job, type Settled } from '../../protocol/poll/scheduler';
import {
	formatDuration,
	OtpWait,
	WaitFailure,
	type OnStop,
	type OrderState,
	type WaitResult,
} from '../../protocol/poll/wait';
import { n8nClock } from '../shared/clock';
import { errorCodeOf, toNodeError as edgeError } from '../shared/errors';
import { CREDENTIAL_TYPES } from '../shared/provider';
import { apiRequest } from '../shared/transport';
import { credentialGates } from './gates';
import { learning } from './learning';
import { readPlan, requestsPerSecond } from './plan';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** How long a stopped execution may spend cancelling its open orders (On Stop: Cancel & Refund). */
export const STOP_BUDGET_MS = 20_000;

interface Waiting {
	itemIndex: number;
	wait: OtpWait;
	timeoutMs: number;
	onStop: OnStop;
}

/** An item that ended in an error: no usable order id or options, or its order's wait failed. */
interface Failed {
	itemIndex: number;
	error: unknown;
	orderId?: string;
}

function reasonOf(result: WaitResult, timeoutMs: number): string {
	const within = `No code within ${formatDuration(timeoutMs)}`;
	if (result.outcome === 'cancelled') {
		if (result.source === 'email')
			return 'The provider cancelled the email activation (status 300)';
		if (result.source === 'cheap') return 'The number was cancelled or has expired (STATUS_CANCEL)';
		return `The provider cancelled the order (STATUS_CANCEL)${result.refunded ? ' and refunded it, as its document says' : ''}`;
	}
	if (result.cancelUnconfirmed)
		return `${within}; the cancel's answer was lost, and the order now shows as cancelled`;
	if (result.refunded) return `${within}; cancelled and refunded`;
	if (result.source === 'rental')
		return `No new SMS with a code within ${formatDuration(timeoutMs)}`;
	if (result.leftOpen) return `${within}; the order was left open`;
	return `${within}; the order was already cancelled, nothing more was refunded`;
}

function toItem(
	result: WaitResult,
	timeoutMs: number,
	itemIndex: number,
): { output: 0 | 1; item: INodeExecutionData } {
	const json: IDataObject = {
		orderId: result.orderId,
		source: result.source,
		code: result.code,
		text: result.text,
		receivedAt: iso(result.receivedAt),
		waitedSeconds: seconds(result.endedAt - result.startedAt),
		polls: result.polls,
		completed: result.completed,
		refunded: result.refunded,
	};
	if (result.completeError) json.completeError = result.completeError;
	if (result.outcome === 'received')
		return { output: 0, item: { json, pairedItem: { item: itemIndex } } };
	json.status = result.outcome;
	json.reason = reasonOf(result, timeoutMs);
	json.leftOpen = result.leftOpen;
	return { output: 1, item: { json, pairedItem: { item: itemIndex } } };
}

/** The n8n error for an order whose wait failed: the transport's own error where it says it all. */
function toNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof WaitFailure) {
		const cause = error.cause;
		if (error.kind === 'error' && cause !== undefined)
			return edgeError(ctx.getNode(), cause, { itemIndex });
		const description =
			error.kind === 'timeout'
				? 'The order was left open. Choose "Cancel & Refund" under On Timeout to get the money back automatically.'
				: cause !== undefined
					? (edgeError(ctx.getNode(), cause, { itemIndex }).description ?? undefined)
					: undefined;
		return new NodeOperationError(ctx.getNode(), error.message, { itemIndex, description });
	}
	return edgeError(ctx.getNode(), error, { itemIndex });
}

function failedItem(ctx: IExecuteFunctions, failed: Failed): INodeExecutionData {
	const { error, itemIndex } = failed;
	const nodeError = toNodeError(ctx, error, itemIndex);
	const json: IDataObject = {
		orderId: failed.orderId ?? null,
		status: 'error',
		error: nodeError.message,
	};
	if (error instanceof WaitFailure) {
		json.polls = error.polls;
		if (error.state) {
			json.code = error.state.code;
			json.completed = error.state.completed;
			json.refunded = error.state.refunded;
			json.leftOpen = error.state.open !== 'closed';
		}
	}
	const cause = error instanceof WaitFailure ? error.cause : error;
	const code = errorCodeOf(cause);
	if (code) json.errorCode = code;
	if (nodeError.description) json.description = nodeError.description;
	return { json, error: nodeError, pairedItem: { item: itemIndex } };
}

/** One line for a finished order: the code, or what happened to the money. */
function resultLine(result: WaitResult, timeoutMs: number): string {
	if (result.outcome === 'received') {
		const after = result.completed
			? 'completed'
			: result.completeError
				? `not completed (${result.completeError})`
				: 'not completed';
		return `${result.orderId}: code ${result.code ?? '(none)'} received, ${after}`;
	}
	const reason = reasonOf(result, timeoutMs);
	return `${result.orderId}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}${result.leftOpen && result.source !== 'rental' ? ' — STILL OPEN' : ''}`;
}

/** One line for an order whose wait did not finish (stopped or failed): the code it got, and whether it is open. */
function stateLine(state: OrderState): string {
	if (state.code !== null) {
		return `${state.orderId}: code ${state.code} received, ${state.completed ? 'completed' : 'not completed'}`;
	}
	if (state.refunded) return `${state.orderId}: no code, cancelled and refunded`;
	if (state.source === 'rental')
		return `${state.orderId}: no new SMS with a code (the number stays rented)`;
	if (state.open === 'maybe')
		return `${state.orderId}: no code; a cancel was sent but its answer was lost — it may STILL BE OPEN`;
	if (state.open === 'open') return `${state.orderId}: no code — STILL OPEN`;
	// Closed without a code or a refund: the provider does not know the order (NO_ACTIVATION…), or cancelled it.
	return `${state.orderId}: not open at the provider`;
}

/** "Orders: …. Failed items: …." — every order of the run and every item that failed, in item order. */
function report(ctx: IExecuteFunctions, orders: Array<[number, string]>, failed: Failed[]): string {
	const byItem = (list: Array<[number, string]>) =>
		list.sort((a, b) => a[0] - b[0]).map(([, line]) => line);
	const parts: string[] = [];
	if (orders.length > 0) parts.push(`Orders: ${byItem(orders).join('; ')}.`);
	if (failed.length > 0) {
		const lines = failed.map((f): [number, string] => [
			f.itemIndex,
			`item ${f.itemIndex}: ${toNodeError(ctx, f.error, f.itemIndex).message}`,
		]);
		parts.push(`Failed items: ${byItem(lines).join('; ')}.`);
	}
	return parts.join(' ');
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

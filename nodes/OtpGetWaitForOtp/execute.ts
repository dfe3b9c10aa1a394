import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { classifyWaitError } from '../../protocol/poll/classify';
import { runJobs, type Settled } from '../../protocol/poll/scheduler';
import { formatDuration, OtpWait, WaitFailure, type WaitResult } from '../../protocol/poll/wait';
import { n8nClock } from '../shared/clock';
import { errorCodeOf, toNodeError as edgeError } from '../shared/errors';
import { credentialKey, joinGate, throughGate } from '../shared/gate';
import { apiRequest, CREDENTIAL_TYPE } from '../shared/transport';
import { readPlan, requestsPerSecond } from './plan';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const seconds = (ms: number) => Math.round(ms / 100) / 10;

interface Waiting {
	itemIndex: number;
	wait: OtpWait;
	timeoutMs: number;
}

function reasonOf(result: WaitResult, timeoutMs: number): string {
	const within = `No code within ${formatDuration(timeoutMs)}`;
	if (result.outcome === 'cancelled') {
		if (result.source === 'email') return 'The provider cancelled the email activation (status 300)';
		if (result.source === 'cheap') return 'The number was cancelled or has expired (STATUS_CANCEL)';
		return 'The provider cancelled the order (STATUS_CANCEL)';
	}
	if (result.cancelUnconfirmed) return `${within}; the cancel's answer was lost, and the order now shows as cancelled`;
	if (result.refunded) return `${within}; cancelled and refunded`;
	if (result.source === 'rental') return `No new SMS with a code within ${formatDuration(timeoutMs)}`;
	if (result.leftOpen) return `${within}; the order was left open`;
	return `${within}; the order was already cancelled, nothing more was refunded`;
}

function toItem(result: WaitResult, timeoutMs: number, itemIndex: number): { output: 0 | 1; item: INodeExecutionData } {
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
	if (result.outcome === 'received') return { output: 0, item: { json, pairedItem: { item: itemIndex } } };
	json.status = result.outcome;
	json.reason = reasonOf(result, timeoutMs);
	json.leftOpen = result.leftOpen;
	return { output: 1, item: { json, pairedItem: { item: itemIndex } } };
}

/** The n8n error for an order whose wait failed: the transport's own error where it says it all. */
function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof WaitFailure) {
		const cause = error.cause;
		if (error.kind === 'error' && cause !== undefined) return edgeError(ctx.getNode(), cause, { itemIndex });
		const description =
			error.kind === 'timeout'
				? 'The order was left open. Choose "Cancel & Refund" under On Timeout to get the money back automatically.'
				: cause !== undefined
					? edgeError(ctx.getNode(), cause, { itemIndex }).description ?? undefined
					: undefined;
		return new NodeOperationError(ctx.getNode(), error.message, { itemIndex, description });
	}
	return edgeError(ctx.getNode(), error, { itemIndex });
}

function failedItem(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	orderId: string | undefined,
): INodeExecutionData {
	const nodeError = toNodeError(ctx, error, itemIndex);
	const json: IDataObject = { orderId: orderId ?? null, status: 'error', error: nodeError.message };
	if (error instanceof WaitFailure) json.polls = error.polls;
	const cause = error instanceof WaitFailure ? error.cause : error;
	const code = errorCodeOf(cause);
	if (code) json.errorCode = code;
	if (nodeError.description) json.description = nodeError.description;
	return { json, error: nodeError, pairedItem: { item: itemIndex } };
}

/** One line per finished order for an error description: the code or what happened to the money. */
function summarize(json: IDataObject): string {
	const state = json.code ? `code ${String(json.code)}${json.completed ? ' (completed)' : ''}` : `${String(json.status ?? 'no code')}${json.refunded ? ', refunded' : ''}`;
	return `${String(json.orderId)}: ${state}`;
}

/**
 * Waits for every input item's code at once: one scheduler for all orders, one rate gate for the
 * credential. Received codes go to the first output; timeouts, cancels (and failed items under Continue On
 * Fail) to the second, each paired with its input item.
 */
export async function waitForOtp(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const signal = this.getExecutionCancelSignal?.();
	const startedAt = n8nClock.now();
	const received: Array<INodeExecutionData | undefined> = [];
	const other: Array<INodeExecutionData | undefined> = [];
	const waiting: Waiting[] = [];

	const limit = requestsPerSecond(this);
	const { gate, leave } = joinGate(credentialKey(this, CREDENTIAL_TYPE), limit, n8nClock);
	try {
		const ctx = throughGate(this, gate, signal);
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const plan = readPlan(this, itemIndex, startedAt);
				const deps = {
					call: async <T>(request: Parameters<typeof apiRequest>[1], parse: (text: string) => T | undefined) =>
						await apiRequest(ctx, request, parse, itemIndex),
					classify: classifyWaitError,
					now: n8nClock.now,
				};
				const wait = new OtpWait(plan.source, plan.orderId, plan.settings, deps, startedAt);
				waiting.push({ itemIndex, wait, timeoutMs: plan.settings.timeoutMs });
			} catch (error) {
				// Nothing was sent for this item yet: without Continue On Fail, stop before spending any requests.
				if (!continueOnFail) throw toNodeError(this, error, itemIndex);
				other[itemIndex] = failedItem(this, error, itemIndex, undefined);
			}
		}

		const settled: Array<Settled<WaitResult>> = await runJobs(
			waiting.map(({ wait }) => ({ job: wait })),
			// The gate sets the pace; this only bounds open connections (a slow provider needs more of them).
			// Every order runs to its end even when one fails: the others still get completed or refunded.
			{ clock: n8nClock, signal, stopOnFailure: false, maxInFlight: Math.min(256, Math.max(16, Math.ceil(limit))) },
		);
		if (signal?.aborted) {
			throw new NodeOperationError(this.getNode(), 'The execution was stopped while waiting for codes', {
				description: 'Orders still waiting were left as they are.',
			});
		}
		const finished: string[] = [];
		let firstFailure: { error: unknown; itemIndex: number } | undefined;
		settled.forEach((outcome, n) => {
			const { itemIndex, wait, timeoutMs } = waiting[n];
			if (outcome.status === 'done') {
				const { output, item } = toItem(outcome.value, timeoutMs, itemIndex);
				(output === 0 ? received : other)[itemIndex] = item;
				finished.push(summarize(item.json));
			} else if (outcome.status === 'failed') {
				firstFailure ??= { error: outcome.error, itemIndex };
				if (continueOnFail) other[itemIndex] = failedItem(this, outcome.error, itemIndex, wait.orderId);
			}
		});
		if (firstFailure && !continueOnFail) {
			const failure = toNodeError(this, firstFailure.error, firstFailure.itemIndex);
			// The node's output is lost with the error: keep what the other orders got where the user can see it.
			if (finished.length > 0) {
				failure.description = [failure.description, `The other orders finished: ${finished.join('; ')}`].filter(Boolean).join(' ');
			}
			throw failure;
		}
	} finally {
		leave();
	}
	const present = (list: Array<INodeExecutionData | undefined>) => list.filter((i): i is INodeExecutionData => !!i);
	return [present(received), present(other)];
}

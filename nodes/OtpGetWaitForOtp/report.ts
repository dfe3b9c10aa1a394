import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	formatDuration,
	WaitFailure,
	type OrderState,
	type WaitResult,
} from '../../protocol/poll/waitTypes';
import { errorCodeOf, toNodeError as edgeError } from '../shared/errors';

/** What Wait for OTP tells the user: output items, failed items and the one-line report of every order. */

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** An item that ended in an error: no usable order id or options, or its order's wait failed. */
export interface Failed {
	itemIndex: number;
	error: unknown;
	orderId?: string;
}

export function reasonOf(result: WaitResult, timeoutMs: number): string {
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

export function toItem(
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
export function toNodeError(
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

export function failedItem(ctx: IExecuteFunctions, failed: Failed): INodeExecutionData {
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
export function resultLine(result: WaitResult, timeoutMs: number): string {
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
export function stateLine(state: OrderState): string {
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
export function report(
	ctx: IExecuteFunctions,
	orders: Array<[number, string]>,
	failed: Failed[],
): string {
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

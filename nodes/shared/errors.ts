import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ConnectionError, ProviderError } from '../../protocol/errors';
import type { RequestKind } from '../../protocol/request';
import { excerpt } from '../../protocol/text';
import { failedRequestOf } from './transport';

export type NodeError = NodeApiError | NodeOperationError;

interface EdgeOptions {
	itemIndex?: number;
	/** Overrides the kind of the request the error came from (the transport records it). */
	kind?: RequestKind;
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * NodeApiError rewrites a message that contains ETIMEDOUT, ECONNRESET, getaddrinfo... into n8n's own advice
 * ("consider setting Retry on Fail"), which after a purchase would invite a second one. Its rules run in the
 * constructor only, so the message is set again afterwards: what we wrote is what the user reads.
 */
function apiError(
	node: INode,
	response: JsonObject,
	message: string,
	description: string,
	httpCode: string | undefined,
	itemIndex?: number,
): NodeApiError {
	const error = new NodeApiError(node, response, { message, description, httpCode, itemIndex });
	error.message = message;
	return error;
}

/** The code of each n8n error made here, so it can still be read after the conversion. */
const codes = new WeakMap<object, string>();

/** The provider's code of a typed failure (BAD_KEY, NO_NUMBERS, CONNECTION_TIMEOUT...), for output items. */
export function errorCodeOf(error: unknown): string | undefined {
	if (error instanceof ProviderError || error instanceof ConnectionError) return error.code;
	return typeof error === 'object' && error !== null ? codes.get(error) : undefined;
}

/** Whether the same request may succeed later without spending twice. */
export function isRetryable(error: unknown, kind?: RequestKind): boolean {
	const requestKind = kind ?? failedRequestOf(error)?.kind ?? 'read';
	if (error instanceof ProviderError)
		return error.retryable && !(requestKind === 'purchase' && error.uncertain);
	if (error instanceof ConnectionError) return requestKind !== 'purchase';
	return false;
}

function remembered(error: NodeApiError, code: string): NodeApiError {
	codes.set(error, code);
	return error;
}

/**
 * The node edge: the one place a typed protocol error becomes the n8n error users see — what happened, then
 * what to do. After a purchase, an answer that was lost or cannot be read may hide a paid order: say so, quote
 * it whole, never advise a retry.
 */
export function toNodeError(node: INode, error: unknown, options: EdgeOptions = {}): NodeError {
	const { itemIndex } = options;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const kind = options.kind ?? failedRequestOf(error)?.kind ?? 'read';

	if (error instanceof ConnectionError) {
		const message =
			kind === 'purchase'
				? `${error.message} while buying (${error.reason}) — the purchase may or may not have gone through; check your balance and orders before running again`
				: kind === 'write'
					? `${error.message} (${error.reason}) — the change may or may not have been made; check the order's status before trying again`
					: `${error.message} (${error.reason}) — check the base URL in the credential and your network`;
		return remembered(
			apiError(
				node,
				{ message: error.reason, code: error.code },
				message,
				`Provider answer: none (${error.code}).`,
				undefined,
				itemIndex,
			),
			error.code,
		);
	}

	if (error instanceof ProviderError) {
		const moneyAtRisk = kind === 'purchase' && error.uncertain;
		const detail = error.detail && !error.uncertain ? ` (${excerpt(error.detail)})` : '';
		const todo = moneyAtRisk
			? 'the purchase may or may not have gone through; check your orders and balance before running again'
			: lowerFirst(error.hint);
		const description = [
			`Provider answer: ${error.code}.`,
			isRetryable(error, kind) ? 'Retrying later may succeed.' : '',
			moneyAtRisk && error.detail ? `Full answer: ${excerpt(error.detail, 4000)}` : '',
		]
			.filter(Boolean)
			.join(' ');
		return remembered(
			apiError(
				node,
				{ code: error.code, message: error.message, detail: error.detail ?? null },
				`${error.message}${detail} — ${todo}`,
				description,
				error.httpStatus ? String(error.httpStatus) : undefined,
				itemIndex,
			),
			error.code,
		);
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

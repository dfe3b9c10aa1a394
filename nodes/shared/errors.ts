import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ConnectionError, ProviderError, RequestFailure } from '../../protocol/errors';
import type { RequestKind } from '../../protocol/request';
import { excerpt } from '../../protocol/text';

export type NodeError = NodeApiError | NodeOperationError;

interface EdgeOptions {
	itemIndex?: number;
	/** Overrides the kind of the request the error came from (the transport stamps it on the error). */
	kind?: RequestKind;
}

/**
 * The n8n error a provider or connection failure becomes: it keeps the facts the router and the batch report
 * need as fields (the provider's code, whether money may be spent), so nothing is looked up beside it.
 */
export class OtpGetApiError extends NodeApiError {
	/** The provider's code (BAD_KEY, NO_NUMBERS, CONNECTION_TIMEOUT...). */
	readonly errorCode: string;
	/** A purchase whose outcome is unknown: it may have been paid. */
	readonly moneyAtRisk: boolean;
	/** The typed failure it was made from. */
	readonly requestFailure: RequestFailure;

	constructor(
		node: INode,
		failure: RequestFailure,
		kind: RequestKind,
		text: { response: JsonObject; message: string; description: string; httpCode?: string },
		itemIndex?: number,
	) {
		super(node, text.response, {
			message: text.message,
			description: text.description,
			httpCode: text.httpCode,
			itemIndex,
		});
		// NodeApiError's rules run in the constructor only: what we wrote is what the user reads.
		this.message = text.message;
		// n8n routes and shows errors by name (workflow-execute rethrows only these two by name).
		this.name = 'NodeApiError';
		this.errorCode = failure.code;
		this.moneyAtRisk = kind === 'purchase' && failure.uncertain;
		this.requestFailure = failure;
	}
}

/** A purchase refused by the spend guard before any request: nothing was bought. */
export class SpendRefusal extends NodeOperationError {
	readonly errorCode: string;
	readonly moneyAtRisk = false;

	constructor(
		node: INode,
		code: string,
		message: string,
		options: { itemIndex: number; description: string },
	) {
		super(node, message, options);
		this.name = 'NodeOperationError';
		this.errorCode = code;
	}
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/** What to do about a refusal; a balance refusal is fixed by topping up and running the item again. */
function fixOf(error: ProviderError): string {
	return error.kind === 'balance'
		? `${lowerFirst(error.hint)}, then run again`
		: lowerFirst(error.hint);
}

/** The code of a failure, typed or already made into an n8n error here (for output items and routing). */
export function errorCodeOf(error: unknown): string | undefined {
	if (error instanceof RequestFailure) return error.code;
	if (error instanceof OtpGetApiError || error instanceof SpendRefusal) return error.errorCode;
	return undefined;
}

/** Whether a failure, typed or converted, may hide a paid order. */
export function moneyAtRisk(error: unknown): boolean {
	if (error instanceof RequestFailure) return error.moneyAtRisk;
	if (error instanceof OtpGetApiError || error instanceof SpendRefusal) return error.moneyAtRisk;
	return false;
}

/**
 * The node edge: the one place a typed protocol error becomes the n8n error users see — what happened, then
 * what to do. After a purchase, an answer that was lost or cannot be read may hide a paid order: say so, quote
 * it whole, never advise a retry.
 */
export function toNodeError(node: INode, error: unknown, options: EdgeOptions = {}): NodeError {
	const { itemIndex } = options;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const kind = options.kind ?? (error instanceof RequestFailure ? error.requestKind : 'read');

	if (error instanceof ConnectionError) {
		const message =
			kind === 'purchase'
				? `${error.message} while buying (${error.reason}) — the purchase may or may not have gone through; check your balance and orders before running again`
				: kind === 'write'
					? `${error.message} (${error.reason}) — the change may or may not have been made; check the order's status before trying again`
					: `${error.message} (${error.reason}) — check the base URL in the credential and your network`;
		return new OtpGetApiError(
			node,
			error,
			kind,
			{
				response: { message: error.reason, code: error.code },
				message,
				description: `Provider answer: none (${error.code}).`,
			},
			itemIndex,
		);
	}

	if (error instanceof ProviderError) {
		const moneyAtRisk = kind === 'purchase' && error.uncertain;
		const detail = error.detail && !error.uncertain ? ` (${excerpt(error.detail)})` : '';
		const todo = moneyAtRisk
			? 'the purchase may or may not have gone through; check your orders and balance before running again'
			: fixOf(error);
		const retryable = error.retryable && !moneyAtRisk;
		const description = [
			`Provider answer: ${error.code}.`,
			retryable ? 'Retrying later may succeed.' : '',
			moneyAtRisk && error.detail ? `Full answer: ${excerpt(error.detail, 4000)}` : '',
		]
			.filter(Boolean)
			.join(' ');
		return new OtpGetApiError(
			node,
			error,
			kind,
			{
				response: { code: error.code, message: error.message, detail: error.detail ?? null },
				message: `${error.message}${detail} — ${todo}`,
				description,
				httpCode: error.httpStatus ? String(error.httpStatus) : undefined,
			},
			itemIndex,
		);
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

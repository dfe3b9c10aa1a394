import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toIsoTime } from '../../protocol/jsonAnswer';

/** Reads a text field and refuses an empty one before any request is sent, naming the field. */
export function requireString(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	// An expression can hand over an object or a list: sent as text it would be "[object Object]" or "1,2".
	if (typeof raw === 'object' && raw !== null) {
		throw new NodeOperationError(
			this.getNode(),
			`"${label}" must be a single value, not ${Array.isArray(raw) ? 'a list' : 'an object'}`,
			{
				itemIndex,
				description: `Map one field into "${label}", e.g. {{ $json.orderId }}, not the whole item or a list.`,
			},
		);
	}
	const value = raw === undefined || raw === null ? '' : String(raw).trim();
	if (value === '') {
		throw new NodeOperationError(this.getNode(), `"${label}" is required`, {
			itemIndex,
			description: `Fill in the "${label}" field, or map it from a previous node with an expression.`,
		});
	}
	return value;
}

/** Like requireString, but the value must be one of the listed ones (expressions can produce anything). */
export function requireOneOf(
	this: IExecuteFunctions,
	name: string,
	label: string,
	allowed: readonly string[],
	itemIndex: number,
): string {
	const value = requireString.call(this, name, label, itemIndex);
	if (!allowed.includes(value)) {
		throw new NodeOperationError(
			this.getNode(),
			`"${label}" must be one of ${allowed.join(', ')} (got "${value}")`,
			{
				itemIndex,
			},
		);
	}
	return value;
}

/** Digits-only ids (country ids, service ids) catch a mapped name or a stray space early. */
export function requireNumericId(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = requireString.call(this, name, label, itemIndex);
	if (!/^\d+$/.test(value)) {
		throw new NodeOperationError(
			this.getNode(),
			`"${label}" must be a numeric ID (got "${value}")`,
			{
				itemIndex,
				description: `Pick it from the list, or map the "id" field of the matching Get item.`,
			},
		);
	}
	return value;
}

/** A required text field that must look like `what` (e.g. "a two-letter country code"), checked before any request. */
export function requirePattern(
	this: IExecuteFunctions,
	name: string,
	label: string,
	pattern: RegExp,
	what: string,
	itemIndex: number,
): string {
	const value = requireString.call(this, name, label, itemIndex);
	if (!pattern.test(value)) {
		throw new NodeOperationError(this.getNode(), `"${label}" must be ${what} (got "${value}")`, {
			itemIndex,
		});
	}
	return value;
}

/** A whole number >= min; expressions may hand over text or fractions. */
export function requireInteger(
	this: IExecuteFunctions,
	name: string,
	label: string,
	min: number,
	itemIndex: number,
): number {
	const raw = this.getNodeParameter(name, itemIndex, min) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
		throw new NodeOperationError(
			this.getNode(),
			`"${label}" must be a whole number of at least ${min} (got "${String(raw)}")`,
			{
				itemIndex,
			},
		);
	}
	return value;
}

/**
 * An optional date-time: the one reader for dates without a zone (read as UTC, whatever the server's TZ).
 * Accepts ISO text from the date picker or an expression, a Date or a Luxon DateTime. Epoch ms, or undefined.
 */
export function optionalDateTime(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number | undefined {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw instanceof Date)
		return Number.isFinite(raw.getTime())
			? raw.getTime()
			: invalidDate(this, label, 'an invalid Date', itemIndex);
	if (
		typeof raw === 'object' &&
		raw !== null &&
		typeof (raw as { toMillis?: unknown }).toMillis === 'function'
	) {
		return (raw as { toMillis(): number }).toMillis();
	}
	const text = raw === undefined || raw === null ? '' : String(raw).trim();
	if (text === '') return undefined;
	const iso = toIsoTime(text);
	if (iso === null) return invalidDate(this, label, text, itemIndex);
	return Date.parse(iso);
}

function invalidDate(ctx: IExecuteFunctions, label: string, got: string, itemIndex: number): never {
	throw new NodeOperationError(
		ctx.getNode(),
		`"${label}" must be a date and time such as 2026-03-09T20:00:00Z (got "${got}")`,
		{
			itemIndex,
		},
	);
}

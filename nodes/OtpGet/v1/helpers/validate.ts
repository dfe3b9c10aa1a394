import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toIsoTime } from '../../../../protocol/jsonAnswer';
import { requireString } from './parameters';

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
		throw new NodeOperationError(this.getNode(), `"${label}" must be ${what} (got "${value}")`, { itemIndex });
	}
	return value;
}

/** A whole number >= min; expressions may hand over text or fractions. */
export function requireInteger(this: IExecuteFunctions, name: string, label: string, min: number, itemIndex: number): number {
	const raw = this.getNodeParameter(name, itemIndex, min) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
		throw new NodeOperationError(this.getNode(), `"${label}" must be a whole number of at least ${min} (got "${String(raw)}")`, {
			itemIndex,
		});
	}
	return value;
}

/** An optional date-time; without a zone it is read as UTC. Returns epoch ms, or undefined when empty. */
export function optionalDateTime(this: IExecuteFunctions, name: string, label: string, itemIndex: number): number | undefined {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	// Expressions may give a Date; Luxon DateTimes print as ISO-8601 with their offset.
	const text = raw instanceof Date ? raw.toISOString() : raw === undefined || raw === null ? '' : String(raw).trim();
	if (text === '') return undefined;
	const iso = toIsoTime(text);
	if (iso === null) {
		throw new NodeOperationError(this.getNode(), `"${label}" must be a date and time such as 2026-03-09T20:00:00Z (got "${text}")`, {
			itemIndex,
		});
	}
	return Date.parse(iso);
}

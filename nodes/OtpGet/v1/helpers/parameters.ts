import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Reads a text field and refuses an empty one before any request is sent, naming the field. */
export function requireString(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
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
		throw new NodeOperationError(this.getNode(), `"${label}" must be one of ${allowed.join(', ')} (got "${value}")`, {
			itemIndex,
		});
	}
	return value;
}

/** Digits-only ids (country ids, service ids) catch a mapped name or a stray space early. */
export function requireNumericId(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = requireString.call(this, name, label, itemIndex);
	if (!/^\d+$/.test(value)) {
		throw new NodeOperationError(this.getNode(), `"${label}" must be a numeric ID (got "${value}")`, {
			itemIndex,
			description: `Pick it from the list, or map the "id" field of the matching Get item.`,
		});
	}
	return value;
}

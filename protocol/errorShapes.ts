import { isRecord, toStringValue } from './text';

/**
 * Where a JSON error answer may carry its code and sentence. sastaotp.txt shows no JSON error at all, so every
 * shape a server of the family uses is read: "error":CODE, "code", "error_code", a nested "error":{"code",
 * "message"}, or only the document's sentence in "message".
 */
export interface JsonErrorParts {
	/** Candidate codes, most specific first. */
	codes: string[];
	message: string;
	/** The body says it is an error even where its "status" is empty or a success word. */
	flagged: boolean;
}

const CODE_WORD = /^[A-Z][A-Z0-9_]+$/;

export function jsonErrorParts(
	json: Record<string, unknown>,
	statusEmpty: boolean,
): JsonErrorParts {
	const nested = isRecord(json.error) ? json.error : undefined;
	const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
	const codes = [
		text(json.error),
		text(json.code),
		text(json.error_code),
		text(json.errorCode),
		text(nested?.code),
		text(nested?.error_code),
	].filter(Boolean);
	const message = (
		json.message !== undefined && json.message !== null
			? toStringValue(json.message)
			: text(nested?.message) || text(json.error)
	).trim();
	const hasError = json.error !== undefined && json.error !== null && json.error !== false;
	// Without a status, an error code field or "success": false says it; a success status needs "error".
	const flagged =
		hasError ||
		(statusEmpty &&
			(json.success === false ||
				[json.code, json.error_code, json.errorCode].some((c) => CODE_WORD.test(text(c)))));
	return { codes, message, flagged };
}

export interface Sentence<E> {
	match: RegExp;
	entry: E;
	/** The code the sentence stands for (SastaOTP's), so failover and the report see the real code. */
	code?: string;
	/** The sentence does not tell whether money moved. */
	uncertain?: boolean;
}

export function lookupSentence<E>(
	message: string,
	sentences: ReadonlyArray<Sentence<E>> | undefined,
): { entry: E; detail?: string; code?: string; uncertain?: boolean } | undefined {
	for (const { match, entry, code, uncertain } of sentences ?? []) {
		const m = match.exec(message);
		if (m) return { entry, detail: m[1]?.trim() || undefined, code, uncertain };
	}
	return undefined;
}

/** A document's sentence as a pattern: at the start of the message, any spacing, any case. */
export function sentencePattern(sentence: string): RegExp {
	const escaped = sentence
		.trim()
		.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
		.replace(/\s+/g, '\\s+');
	return new RegExp(`^${escaped}`, 'i');
}

import { sentencePattern } from '../errorShapes';
import type { ErrorEntry, ErrorTable } from '../errors';
import type { Brand, Dialect, SmsAction } from './dialect';
import { familyErrors, familyHttpErrors } from './familyErrors';

/**
 * The SMS-Activate family every provider module extends: the script, key parameter, actions and error table
 * the family shares. A module states only what its own document says, and overrides these where it differs.
 */

/** What a module's document adds to its error table besides the codes. */
export interface OwnErrors {
	/** HTTP-like statuses worded otherwise than the family's. */
	http?: Record<string, ErrorEntry>;
	/** "Error responses typically begin with …": an unlisted code with one is still an error. */
	errorPrefixes?: readonly string[];
}

/** The family's table in the provider's own words, its document's entries (`documented`) over it. */
export function familyTable(
	b: Brand,
	documented: Record<string, ErrorEntry>,
	own: OwnErrors = {},
): ErrorTable {
	const errors = { ...familyErrors(b), ...documented };
	const httpErrors = { ...familyHttpErrors(b, errors), ...own.http };
	const t: ErrorTable = { errors, httpErrors, errorPrefixes: own.errorPrefixes, name: b.name };
	return b.sentences ? withSentences(t, b.sentences) : t;
}

/** The table with its document's sentences, each standing for its code. */
export function withSentences(
	table: ErrorTable,
	sentences: Readonly<Record<string, string>>,
): ErrorTable {
	const list = Object.entries(sentences).flatMap(([code, sentence]) => {
		const found = table.errors[code];
		return found ? [{ code, match: sentencePattern(sentence), entry: found }] : [];
	});
	return { ...table, sentences: [...(table.sentences ?? []), ...list] };
}

/** The four actions every family document lists. */
export const FAMILY_ACTIONS: Partial<Record<SmsAction, string>> = {
	getBalance: 'getBalance',
	getNumber: 'getNumber',
	getStatus: 'getStatus',
	setStatus: 'setStatus',
};

const NO_FEATURES: Dialect['features'] = {
	getCountries: false,
	getServices: false,
	servicePrices: false,
	serviceStock: false,
	getNumberV2: false,
	getStatusV2: false,
	complete: false,
	requestAnotherSms: false,
	multiSms: false,
	regetNumber: false,
	maxPrice: false,
	getOrders: false,
};

/** A module's own facts; the family fills in its script, key parameter and country ids unless overridden. */
export type DialectFacts = Omit<
	Dialect,
	'id' | 'name' | 'credentialType' | 'currency' | 'endpoints' | 'key' | 'countryIds' | 'features'
> &
	Partial<Pick<Dialect, 'endpoints' | 'key'>> & {
		/** Only what the document offers; everything else is off. */
		features: Partial<Dialect['features']>;
	};

export function familyDialect(b: Brand, facts: DialectFacts): Dialect {
	const { features, ...own } = facts;
	return {
		id: b.id,
		name: b.name,
		credentialType: b.credentialType,
		currency: b.currency,
		// Every family document serves handler_api.php and takes the key as api_key.
		endpoints: { sms: 'handler_api.php' },
		key: { query: 'api_key' },
		countryIds: 'numeric',
		...own,
		features: { ...NO_FEATURES, ...features },
	};
}

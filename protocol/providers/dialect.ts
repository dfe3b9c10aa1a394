import type { ErrorTable } from '../errors';
import type { ApiName, ProviderId } from '../types';

/**
 * What one provider's module states: everything that differs between OTPGet and the SMS-Activate-compatible
 * providers is data here, so request builders and parsers read these fields and never branch on a name.
 * Sources: /work/shared/api-docs/{otpget-sms-rental-email,otpx,instaotp,sastaotp}.txt.
 */

/** What a setStatus call is meant to do. */
export type StatusIntent = 'complete' | 'cancel' | 'requestAnotherSms' | 'ready';

/** The handler_api.php operations a document may list (each dialect names the action it sends). */
export type SmsAction =
	| 'getBalance'
	| 'getCountries'
	| 'getServices'
	| 'getNumber'
	| 'getNumberV2'
	| 'getStatus'
	| 'getStatusV2'
	| 'setStatus'
	| 'getOrders'
	| 'regetNumber';

export interface Dialect {
	id: ProviderId;
	name: string;
	/** Its n8n credential type (credentials/*.credentials.ts declares it; saved workflows name it). */
	credentialType: string;
	/** Every price and balance of this provider is in this currency. */
	currency: 'PKR' | 'INR';
	/** The document's base URL, without the script name. */
	defaultBaseUrl: string;
	/** Scripts under the base URL; the compatible providers only have `sms`. */
	endpoints: Partial<Record<ApiName, string>>;
	/** The `action` value sent for each documented operation; an operation missing here is not offered. */
	actions: Partial<Record<SmsAction, string>>;
	/** Query parameter that selects the upstream provider/server/operator (OTPGet `type`, OTPX `operator`...). */
	providerParam?: string;
	/** getNumber refuses a request without providerParam (OTPGet's type, InstaOTP's server). */
	providerRequired: boolean;
	/** Values the document lists for providerParam; absent = free text. */
	providerValues?: readonly string[];
	/** Values its document lists as inactive (InstaOTP's server 10). */
	inactiveProviders?: readonly string[];
	/** The value its examples send when the user picks none (OTPX `any`). */
	defaultProvider?: string;
	/** What its document calls providerParam, on screen: field label, option prefix, description. */
	providerText: { label: string; option: string; description: string };
	/** How Best Offer asks for this provider's part of a choice. */
	offer: {
		/** The listed providerValues, plural ("Provider Types", "Servers"); where providerValues exist. */
		serversLabel?: string;
		/** What its countries field says. */
		countryHint: string;
		/** At least one country is needed (OTPGet prices per country; OTPX lists none). */
		countriesRequired: boolean;
		/** A free-text providerParam field where no values are listed (OTPX's operator). */
		operatorHint?: string;
	};
	/** Query parameter names that differ between documents. */
	params: {
		/** Price ceiling on getNumber (SastaOTP `maxPrice`, INR). */
		maxPrice?: string;
		/** Filter of the services list by one service code (SastaOTP `service`). */
		serviceFilter?: string;
		/** Filter of the services list by country (InstaOTP `country`; OTPGet requires it). */
		servicesCountry?: string;
		/** Filter of the services list by provider (InstaOTP `server`, OTPGet `type`). */
		servicesProvider?: string;
		/** Filter of the countries list by provider (OTPGet `type`). */
		countriesProvider?: string;
	};
	/** Ask for JSON answers: `param=value` added to the listed actions (SastaOTP `format=json`). */
	jsonFormat?: { param: string; value: string; actions: readonly SmsAction[] };
	/** `numericId`: OTPGet's service is a database id from getServices (101); `code`: a code like `tg`, `wa`. */
	serviceIds: 'numericId' | 'code';
	/** Countries are numbers everywhere (OTPGet 61, OTPX/InstaOTP 22 = India, SastaOTP 91 = India's dial code). */
	countryIds: 'numeric';
	/** getNumber may omit the country (SastaOTP auto-selects one). */
	countryOptional: boolean;
	/** The setStatus value SENT for each supported intent; a missing intent cannot be asked of this provider. */
	status: Partial<Record<StatusIntent, string>> & { cancel: string };
	/** Every value the document accepts per intent (sent value first). */
	statusValues: Partial<Record<StatusIntent, readonly string[]>>;
	/** A complete the document does not list but the family takes (OTPX: 6): Wait for OTP tries it. */
	tryComplete?: string;
	/** Answers to setStatus that confirm each intent. */
	setStatusAnswers: Record<StatusIntent, readonly string[]>;
	/** Minimum age of an order before the provider accepts a cancel, in ms (0 = none documented). */
	earlyCancelMs: number;
	/** STATUS_CANCEL (the provider's cancel or expiry) comes with a refund (SastaOTP: "Auto-refund on STATUS_CANCEL"). */
	cancelRefunds?: boolean;
	features: {
		getCountries: boolean;
		getServices: boolean;
		/** The services list carries a price and a stock count. */
		servicePrices: boolean;
		serviceStock: boolean;
		getNumberV2: boolean;
		getStatusV2: boolean;
		/** setStatus can complete an order (OTPX documents only 3 and 8: it cannot). */
		complete: boolean;
		requestAnotherSms: boolean;
		/** Services may deliver several codes on one number (SastaOTP `multi_sms`). */
		multiSms: boolean;
		regetNumber: boolean;
		maxPrice: boolean;
		getOrders: boolean;
	};
	/** Filters of getOrders (SastaOTP). */
	orders?: { statuses: readonly string[]; defaultLimit: number; maxLimit: number };
	/** Where the API key may travel: the query parameter, and headers where documented. */
	key: { query: string; headers?: ReadonlyArray<{ name: string; prefix: string }> };
	/** The codes its document's error table lists (the sandbox answers each). */
	documentedErrors: readonly string[];
	/** This provider's error answers, in its own words, currency and dashboard. */
	errorTable: ErrorTable;
}

/** Who a provider is, on screen: the words its error hints and texts are written with. */
export interface Brand {
	id: ProviderId;
	name: string;
	credentialType: string;
	currency: Dialect['currency'];
	/** What its providerParam is called ("provider type", "operator", "server"). */
	providerWord: string;
	/** Where the key is copied from. */
	keyWhere: string;
	/** Where the wallet is topped up. */
	topUp: string;
	support: string;
	/** The document's error sentences by code, for answers that carry only the sentence. */
	sentences?: Readonly<Record<string, string>>;
}

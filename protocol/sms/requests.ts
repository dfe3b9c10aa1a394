import type { Dialect, SmsAction, StatusIntent } from '../providers';
import { ProviderError, type ErrorEntry } from '../errors';
import { requestsOf, type ApiRequest, type RequestKind } from '../request';

/** Raised before anything is sent: the provider's document offers no such operation or option. */
export function notSupported(d: Dialect, what: string): ProviderError {
	const entry: ErrorEntry = {
		kind: 'input',
		retryable: false,
		message: `${d.name} does not offer ${what}`,
		hint: `Choose an operation ${d.name}'s API documents`,
	};
	return new ProviderError('NOT_SUPPORTED', entry);
}

function invalidInput(message: string, hint: string): ProviderError {
	return new ProviderError('INVALID_INPUT', { kind: 'input', retryable: false, message, hint });
}

export interface GetNumberOptions {
	/** OTPGet: the numeric id from getServices (101); the others: a code (tg, wa). */
	service: string;
	/** Optional where the dialect says so (SastaOTP auto-selects). */
	country?: string;
	/** The dialect's providerParam value: OTPGet type, OTPX/SastaOTP operator, InstaOTP server. */
	providerType?: string;
	/** Price ceiling in the dialect's currency; only where `features.maxPrice`. Never dropped silently. */
	maxPrice?: number | string;
}

export interface GetServicesOptions {
	country?: string;
	providerType?: string;
	/** One service code (SastaOTP). */
	service?: string;
}

export interface GetOrdersOptions {
	limit?: number;
	page?: number;
	/** pending | completed | cancelled | expired (SastaOTP). */
	status?: string;
}

export interface SmsRequests {
	getBalance(): ApiRequest;
	getCountries(providerType?: string): ApiRequest;
	getServices(options?: GetServicesOptions): ApiRequest;
	getNumber(options: GetNumberOptions): ApiRequest;
	getNumberV2(options: GetNumberOptions): ApiRequest;
	getStatus(id: string): ApiRequest;
	getStatusV2(id: string): ApiRequest;
	/** `value`: another form the dialect accepts for the intent (statusFallback.ts). */
	setStatus(id: string, intent: StatusIntent, value?: string): ApiRequest;
	getOrders(options?: GetOrdersOptions): ApiRequest;
	/** A new code on the number of a completed multi-SMS order: charged again. */
	regetNumber(id: string): ApiRequest;
}

const KIND_OF: Record<SmsAction, RequestKind> = {
	getBalance: 'read',
	getCountries: 'read',
	getServices: 'read',
	getNumber: 'purchase',
	getNumberV2: 'purchase',
	getStatus: 'read',
	getStatusV2: 'read',
	setStatus: 'write',
	getOrders: 'read',
	regetNumber: 'purchase',
};

/** Only parameters the dialect names are sent; empty values are dropped by toHttpCall. */
function named(name: string | undefined, value: string | undefined): Record<string, string> {
	return name && value !== undefined && value !== '' ? { [name]: value } : {};
}

/** handler_api.php requests in one provider's dialect: action names, parameter names and status values. */
export function smsRequestsFor(d: Dialect): SmsRequests {
	const builders = requestsOf(d.id);
	const build = (action: SmsAction, params: Record<string, string>, what: string): ApiRequest => {
		const name = d.actions[action];
		if (!name) throw notSupported(d, what);
		const format =
			d.jsonFormat && d.jsonFormat.actions.includes(action)
				? { [d.jsonFormat.param]: d.jsonFormat.value }
				: {};
		return builders[KIND_OF[action]]('sms', name, { ...params, ...format });
	};
	const numberParams = (o: GetNumberOptions): Record<string, string> => {
		const maxPrice =
			o.maxPrice === undefined || o.maxPrice === '' ? undefined : String(o.maxPrice).trim();
		if (maxPrice !== undefined) {
			// Dropping a price ceiling the user set could spend more than they allowed.
			if (!d.params.maxPrice) throw notSupported(d, 'a maximum price on Get Number');
			const n = Number(maxPrice);
			if (!Number.isFinite(n) || n <= 0)
				throw invalidInput(
					`Max Price must be a positive amount in ${d.currency} (got "${maxPrice}")`,
					'Enter a number such as 20, or leave Max Price empty',
				);
		}
		return {
			service: o.service,
			...named('country', o.country),
			...named(d.providerParam, o.providerType || d.defaultProvider),
			...named(d.params.maxPrice, maxPrice),
		};
	};
	return {
		getBalance: () => build('getBalance', {}, 'a balance check'),
		getCountries: (providerType) =>
			build('getCountries', named(d.params.countriesProvider, providerType), 'a countries list'),
		getServices: (o = {}) =>
			build(
				'getServices',
				{
					...named(d.params.servicesCountry, o.country),
					...named(d.params.servicesProvider, o.providerType),
					...named(d.params.serviceFilter, o.service),
				},
				'a services list',
			),
		getNumber: (o) => build('getNumber', numberParams(o), 'Get Number'),
		getNumberV2: (o) => build('getNumberV2', numberParams(o), 'Get Number V2'),
		getStatus: (id) => build('getStatus', { id }, 'Get Status'),
		getStatusV2: (id) => build('getStatusV2', { id }, 'Get Status V2'),
		setStatus: (id, intent, value) => {
			const status = value ?? d.status[intent];
			if (status === undefined) throw notSupported(d, STATUS_WHAT[intent]);
			return build('setStatus', { id, status }, 'Set Status');
		},
		getOrders: (o = {}) => {
			const orders = d.orders;
			if (!orders) throw notSupported(d, 'an order history');
			if (o.status !== undefined && o.status !== '' && !orders.statuses.includes(o.status)) {
				throw invalidInput(
					`Order status must be one of ${orders.statuses.join(', ')} (got "${o.status}")`,
					'Pick a status from the list, or leave it empty for all orders',
				);
			}
			if (
				o.limit !== undefined &&
				!(Number.isInteger(o.limit) && o.limit >= 1 && o.limit <= orders.maxLimit)
			) {
				throw invalidInput(
					`Limit must be a whole number from 1 to ${orders.maxLimit} (got ${o.limit})`,
					`${d.name} returns at most ${orders.maxLimit} orders per page`,
				);
			}
			if (o.page !== undefined && !(Number.isInteger(o.page) && o.page >= 1)) {
				throw invalidInput(
					`Page must be a whole number from 1 (got ${o.page})`,
					'Pages start at 1',
				);
			}
			return build(
				'getOrders',
				{
					...named('limit', o.limit === undefined ? undefined : String(o.limit)),
					...named('page', o.page === undefined ? undefined : String(o.page)),
					...named('status', o.status),
				},
				'an order history',
			);
		},
		regetNumber: (id) => build('regetNumber', { id }, 'a new code on the same number'),
	};
}

const STATUS_WHAT: Record<StatusIntent, string> = {
	complete: 'completing an order (its orders finish on their own)',
	cancel: 'cancelling an order',
	requestAnotherSms: 'asking for another SMS on the same number',
	ready: 'a "number ready" status',
};

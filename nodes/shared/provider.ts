import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	DisplayCondition,
	INodeCredentialDescription,
	INodeProperties,
	NodeParameterValue,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DIALECTS,
	isProviderId,
	PROVIDER_IDS,
	type Dialect,
	type ProviderId,
} from '../../protocol/providers';
import { isTimeZone, zonedIsoTime } from '../../protocol/zone';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

/** Each provider's credential type, from its module; OTPGet's name is the one every saved workflow already uses. */
export const CREDENTIAL_TYPES = Object.fromEntries(
	PROVIDER_IDS.map((p) => [p, DIALECTS[p].credentialType]),
) as Readonly<Record<ProviderId, string>>;

export const DEFAULT_PROVIDER: ProviderId = 'otpget';

/** The Provider field's name (`provider` is the Rental resource's own server field). */
export const PROVIDER_PARAMETER = 'apiProvider';

/** Providers that are not OTPGet: they have the SMS Activation API only. */
export const COMPATIBLE_PROVIDERS = PROVIDER_IDS.filter((p) => p !== DEFAULT_PROVIDER);

/**
 * The Provider field. Its default is OTPGet, so a workflow saved before the field existed (no `provider`
 * parameter) reads as OTPGet with the same parameters and credential.
 */
export function providerField(
	description: string,
	providers: readonly ProviderId[] = PROVIDER_IDS,
	several?: { name: string; description: string },
): INodeProperties {
	return {
		displayName: 'Provider',
		name: PROVIDER_PARAMETER,
		type: 'options',
		noDataExpression: true,
		options: [
			...providers.map((p) => ({
				name: DIALECTS[p].name,
				value: p,
				description: `${DIALECTS[p].name} (prices in ${DIALECTS[p].currency})`,
			})),
			...(several ? [{ ...several, value: SEVERAL }] : []),
		],
		default: DEFAULT_PROVIDER,
		description,
	};
}

/**
 * The Provider value of a node that works with several providers at once (Best Offer, Wait for OTP on a mixed
 * batch); which ones is the PROVIDER_LIST_PARAMETER field, shown with it.
 */
export const SEVERAL = 'several';

/** The list of providers used under SEVERAL (a multiOptions field). */
export const PROVIDER_LIST_PARAMETER = 'providers';

/**
 * A condition true when every listed value is another provider. n8n types a credential's displayOptions as plain
 * values, but evaluates them with the same displayParameter as a field's, where `_cnd` conditions are typed.
 */
function onlyOthers(p: ProviderId): NodeParameterValue {
	const condition: DisplayCondition = {
		_cnd: { regex: `^(${PROVIDER_IDS.filter((q) => q !== p).join('|')})$` },
	};
	return condition as unknown as NodeParameterValue;
}

/**
 * One credential per provider, shown for that provider, or (a node with `several`) under SEVERAL while listed. n8n reads
 * ONE displayOptions per credential type (n8n-core's getCredentials checks the first declaration only), and a
 * rule is an AND of one-field tests, so "Provider is p OR p is listed" cannot be written; "Provider is p or
 * several, AND the list (absent outside several) does not hold only others" can. A missing list is
 * [undefined], which the regex never matches; a listed value matches it only when it is another provider.
 */
export function providerCredentials(
	providers: readonly ProviderId[] = PROVIDER_IDS,
	several = false,
): INodeCredentialDescription[] {
	return providers.map((p) => ({
		name: CREDENTIAL_TYPES[p],
		required: true,
		displayOptions: several
			? {
					show: { [PROVIDER_PARAMETER]: [p, SEVERAL] },
					hide: { [PROVIDER_LIST_PARAMETER]: [onlyOthers(p)] },
				}
			: { show: { [PROVIDER_PARAMETER]: [p] } },
	}));
}

/** The list of providers under SEVERAL, each shown with its credential. */
export function providerListField(
	description: string,
	show: Record<string, Array<string | boolean>> = {},
): INodeProperties {
	return {
		displayName: 'Providers',
		name: PROVIDER_LIST_PARAMETER,
		type: 'multiOptions',
		options: PROVIDER_IDS.map((p) => ({
			name: DIALECTS[p].name,
			value: p,
			description: `${DIALECTS[p].name} (prices in ${DIALECTS[p].currency}); its credential appears once chosen`,
		})),
		default: [],
		required: true,
		displayOptions: { show: { [PROVIDER_PARAMETER]: [SEVERAL], ...show } },
		description,
	};
}

/** The providers listed for one item, in the order given, checked. */
export function listedProviders(ctx: IExecuteFunctions, itemIndex: number): ProviderId[] {
	const raw = ctx.getNodeParameter(PROVIDER_LIST_PARAMETER, itemIndex, []) as unknown;
	const list = Array.isArray(raw) ? raw : [raw];
	const bad = list.filter((p) => !isProviderId(p));
	if (list.length === 0 || bad.length > 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			bad.length > 0
				? `"Providers" must hold only ${PROVIDER_IDS.join(', ')} (got "${bad.map(String).join(', ')}")`
				: 'Choose at least one provider under "Providers"',
			{ itemIndex },
		);
	}
	return [...new Set(list as ProviderId[])];
}

/** Whether the node's Provider is SEVERAL for this item. */
export function isSeveral(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return ctx.getNodeParameter(PROVIDER_PARAMETER, itemIndex, DEFAULT_PROVIDER) === SEVERAL;
}

/** A Provider value as a dialect; missing (a workflow saved before the field existed) is OTPGet. */
export function toDialect(
	ctx: Pick<Context, 'getNode'>,
	raw: unknown,
	itemIndex?: number,
): Dialect {
	const value = raw === undefined || raw === null || raw === '' ? DEFAULT_PROVIDER : raw;
	if (!isProviderId(value)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"Provider" must be one of ${PROVIDER_IDS.join(', ')} (got "${String(value)}")`,
			{ itemIndex },
		);
	}
	return DIALECTS[value];
}

/** The Provider of one input item. */
export function dialectOf(ctx: IExecuteFunctions, itemIndex: number): Dialect {
	return toDialect(
		ctx,
		ctx.getNodeParameter(PROVIDER_PARAMETER, itemIndex, DEFAULT_PROVIDER),
		itemIndex,
	);
}

/** The Provider of a trigger (its parameters have no item). */
export function pollDialectOf(ctx: IPollFunctions | IHookFunctions): Dialect {
	return toDialect(ctx, ctx.getNodeParameter(PROVIDER_PARAMETER, DEFAULT_PROVIDER));
}

/** The Provider currently set in the editor, for a dropdown. */
export function currentDialectOf(ctx: ILoadOptionsFunctions): Dialect {
	return toDialect(ctx, ctx.getCurrentNodeParameter(PROVIDER_PARAMETER));
}

/** The credential type a node run uses (the Provider is one value for all items: it allows no expression). */
export function credentialTypeOf(ctx: IExecuteFunctions | IPollFunctions): string {
	const raw = (ctx as IExecuteFunctions).getInputData
		? (ctx as IExecuteFunctions).getNodeParameter(PROVIDER_PARAMETER, 0, DEFAULT_PROVIDER)
		: (ctx as IPollFunctions).getNodeParameter(PROVIDER_PARAMETER, DEFAULT_PROVIDER);
	return CREDENTIAL_TYPES[isProviderId(raw) ? raw : DEFAULT_PROVIDER];
}

/** Fields of an output item that say whose order or money it is. */
export const providerFields = (d: Dialect) => ({ provider: d.id, currency: d.currency });

/**
 * OTPGet's rental and email times carry no zone. The credential's Time Zone says whose clock they are on
 * (UTC when empty); every date computed from them goes through the reader this returns.
 */
export async function otpGetTimeReader(
	ctx: Context,
	itemIndex?: number,
): Promise<(value: unknown) => string | null> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPES.otpget, itemIndex);
	const timeZone = String(credentials.timeZone ?? '').trim() || 'UTC';
	if (!isTimeZone(timeZone)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The OTPGet credential's Time Zone "${timeZone}" is not a known time zone`,
			{
				itemIndex,
				description: 'Use an IANA name such as UTC, Asia/Karachi or Europe/London.',
			},
		);
	}
	return (value) => zonedIsoTime(value, timeZone);
}

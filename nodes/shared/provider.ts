import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeCredentialDescription,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DIALECTS,
	isProviderId,
	PROVIDER_IDS,
	type Dialect,
	type ProviderId,
} from '../../protocol/dialects';
import { isTimeZone, zonedIsoTime } from '../../protocol/zone';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

/** Each provider's credential type; OTPGet's name is the one every saved workflow already uses. */
export const CREDENTIAL_TYPES: Readonly<Record<ProviderId, string>> = {
	otpget: 'otpGetApi',
	otpx: 'otpxApi',
	instaotp: 'instaOtpApi',
	sastaotp: 'sastaOtpApi',
};

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
): INodeProperties {
	return {
		displayName: 'Provider',
		name: PROVIDER_PARAMETER,
		type: 'options',
		noDataExpression: true,
		options: providers.map((p) => ({
			name: DIALECTS[p].name,
			value: p,
			description: `${DIALECTS[p].name} (prices in ${DIALECTS[p].currency})`,
		})),
		default: DEFAULT_PROVIDER,
		description,
	};
}

/** One credential per provider, shown for that provider only (as n8n's multi-service nodes do). */
export function providerCredentials(
	providers: readonly ProviderId[] = PROVIDER_IDS,
): INodeCredentialDescription[] {
	return providers.map((p) => ({
		name: CREDENTIAL_TYPES[p],
		required: true,
		displayOptions: { show: { [PROVIDER_PARAMETER]: [p] } },
	}));
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

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ProviderId } from '../../protocol/providers';
import type { ApiName } from '../../protocol/types';
import {
	cheapSource,
	emailSource,
	rentalSource,
	smsSource,
	type OtpSource,
	type SourceName,
} from '../../protocol/poll/sources';
import type { OnStop, OnSuccess, OnTimeout, WaitSettings } from '../../protocol/poll/waitTypes';
import { optionalDateTime, requireOneOf, requireString } from '../shared/parameters';
import { otpGetTimeReader } from '../shared/provider';
import { itemDialect } from './itemProvider';
import {
	DEFAULT_INTERVAL_SECONDS,
	DEFAULT_MAX_FAILURES,
	DEFAULT_REQUESTS_PER_SECOND,
	DEFAULT_TIMEOUT_MINUTES,
	ORDER_ID_PARAMETER,
} from './description';

const SOURCES: readonly SourceName[] = ['sms', 'cheap', 'email', 'rental'];

/** The provider API each source polls: a provider offers the sources whose API its dialect has. */
export const SOURCE_API: Readonly<Record<SourceName, ApiName>> = {
	sms: 'sms',
	cheap: 'cheap',
	email: 'email',
	rental: 'rental',
};

/**
 * The family's 2-minute rule: OTPX's and SastaOTP's documents give no early-cancel window, but a server may
 * still answer EARLY_CANCEL_DENIED, and the wait keeps polling through such refusals for this long (twice).
 */
const UNDOCUMENTED_EARLY_CANCEL_MS = 120_000;

/** What one input item asks for, read and checked before any request is sent. */
export interface Plan {
	source: OtpSource;
	/** Whose order (its credential and rate gate). */
	provider: ProviderId;
	orderId: string;
	settings: WaitSettings;
}

function optionsOf(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
}

function positive(
	ctx: IExecuteFunctions,
	value: unknown,
	fallback: number,
	label: string,
	itemIndex: number,
	allowZero = false,
): number {
	if (value === undefined || value === null || value === '') return fallback;
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0 || (n === 0 && !allowZero)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${label}" must be a positive number (got "${String(value)}")`,
			{ itemIndex },
		);
	}
	return n;
}

function choice<T extends string>(
	ctx: IExecuteFunctions,
	value: unknown,
	allowed: readonly T[],
	fallback: T,
	label: string,
	itemIndex: number,
): T {
	if (value === undefined || value === null || value === '') return fallback;
	const text = String(value);
	if (!(allowed as readonly string[]).includes(text)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${label}" must be one of ${allowed.join(', ')} (got "${text}")`,
			{ itemIndex },
		);
	}
	return text as T;
}

function codePattern(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string | undefined {
	const pattern = value === undefined || value === null ? '' : String(value);
	if (pattern === '') return undefined;
	try {
		new RegExp(pattern);
	} catch (error) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"Code Pattern" is not a valid regular expression: ${(error as Error).message}`,
			{
				itemIndex,
			},
		);
	}
	return pattern;
}

/** The order id, or an error that says why this item has none (an error item of Get Number under Continue On Fail). */
function orderIdOf(ctx: IExecuteFunctions, sourceName: SourceName, itemIndex: number): string {
	const id = ORDER_ID_PARAMETER[sourceName];
	const raw = ctx.getNodeParameter(id.name, itemIndex, '') as unknown;
	const upstream = ctx.getInputData()[itemIndex]?.json?.error;
	const empty = (value: unknown) =>
		value === undefined || value === null || String(value).trim() === '';
	if (empty(raw) && !empty(upstream)) {
		const said =
			typeof upstream === 'object'
				? String((upstream as IDataObject).message ?? JSON.stringify(upstream))
				: String(upstream);
		throw new NodeOperationError(
			ctx.getNode(),
			`Item ${itemIndex} has no ${id.label}: the previous node failed for it ("${said}")`,
			{
				itemIndex,
				description:
					'There is no order to wait for on this item; the other items were still waited on. If that error says a purchase may have gone through, look for the order in your OTPGet account before buying again.',
			},
		);
	}
	return requireString.call(ctx, id.name, id.label, itemIndex);
}

/** When the input item's order was bought (Rent Number's boughtAt); dates without a zone are UTC. */
function boughtAtOf(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const value = ctx.getInputData()[itemIndex]?.json?.boughtAt;
	if (value === undefined || value === null || value === '') return undefined;
	// The one date reader, pointed at the item's field instead of a parameter.
	const reader = Object.create(ctx, {
		getNodeParameter: { value: () => value },
	}) as IExecuteFunctions;
	try {
		return optionalDateTime.call(reader, 'boughtAt', 'boughtAt', itemIndex);
	} catch {
		// Not a date: the wait's own start (and the first check's snapshot) still catches every later message.
		return undefined;
	}
}

export function readPlan(ctx: IExecuteFunctions, itemIndex: number, startedAt: number): Plan {
	const dialect = itemDialect(ctx, itemIndex);
	const sourceName = requireOneOf.call(ctx, 'source', 'Source', SOURCES, itemIndex) as SourceName;
	if (dialect.endpoints[SOURCE_API[sourceName]] === undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${dialect.name} has no "${sourceName}" orders to wait for`,
			{
				itemIndex,
				description: `Choose SMS Activation as the source for ${dialect.name}, or OTPGet as the provider.`,
			},
		);
	}
	const orderId = orderIdOf(ctx, sourceName, itemIndex);
	const options = optionsOf(ctx, itemIndex);
	positive(
		ctx,
		options.maxRequestsPerSecond,
		DEFAULT_REQUESTS_PER_SECOND,
		'Max Requests per Second',
		itemIndex,
	);
	const settings: WaitSettings = {
		intervalMs:
			positive(ctx, options.pollInterval, DEFAULT_INTERVAL_SECONDS, 'Poll Interval', itemIndex) *
			1000,
		timeoutMs:
			positive(
				ctx,
				options.timeout,
				DEFAULT_TIMEOUT_MINUTES[sourceName],
				'Timeout',
				itemIndex,
				true,
			) * 60_000,
		onSuccess: choice<OnSuccess>(
			ctx,
			options.onSuccess,
			['complete', 'leave'],
			'complete',
			'On Success',
			itemIndex,
		),
		onTimeout: choice<OnTimeout>(
			ctx,
			options.onTimeout,
			['cancel', 'leave', 'fail'],
			'cancel',
			'On Timeout',
			itemIndex,
		),
		onStop: choice<OnStop>(ctx, options.onStop, ['leave', 'cancel'], 'leave', 'On Stop', itemIndex),
		codePattern: codePattern(ctx, options.codePattern, itemIndex),
		maxFailures: Math.ceil(
			positive(
				ctx,
				options.maxFailures,
				DEFAULT_MAX_FAILURES,
				'Max Failed Checks in a Row',
				itemIndex,
			),
		),
		earlyCancelMs: dialect.earlyCancelMs || UNDOCUMENTED_EARLY_CANCEL_MS,
	};
	let source: OtpSource;
	if (sourceName === 'sms') source = smsSource(orderId, dialect);
	else if (sourceName === 'cheap') source = cheapSource(orderId);
	else if (sourceName === 'email') source = emailSource(orderId);
	else {
		// Empty New SMS Since: from the rental's purchase, so a code that came before this node ran still counts.
		const since =
			optionalDateTime.call(ctx, 'newSmsSince', 'New SMS Since', itemIndex) ??
			boughtAtOf(ctx, itemIndex);
		source = rentalSource(orderId, {
			since,
			startedAt,
			timeReader: async () => await otpGetTimeReader(ctx, itemIndex),
		});
	}
	return { source, provider: dialect.id, orderId, settings };
}

/** The cap is one number for the whole run: the first valid one (an item with a bad value fails on its own). */
export function requestsPerSecond(ctx: IExecuteFunctions): number {
	const count = ctx.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			return positive(
				ctx,
				optionsOf(ctx, itemIndex).maxRequestsPerSecond,
				DEFAULT_REQUESTS_PER_SECOND,
				'Max Requests per Second',
				itemIndex,
			);
		} catch {
			continue;
		}
	}
	return DEFAULT_REQUESTS_PER_SECOND;
}

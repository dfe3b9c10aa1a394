import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { DIALECTS } from '../../../../../protocol/providers';
import { nothingBought } from '../../../../../protocol/nothingBought';
import { parseNumber, smsRequestsFor } from '../../../../../protocol/sms';
import { errorCodeOf, moneyAtRisk, SpendRefusal, toNodeError } from '../../../../shared/errors';
import { requireOneOf } from '../../../../shared/parameters';
import {
	listedProviders,
	providerFields,
	providerListField,
	SEVERAL,
} from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { purchaseNotice } from '../common.descriptions';
import { purchase } from '../purchase';
import { joinLimits, ledgerOf, reserve } from '../../../../shared/spend';
import { bestOfferLimitsField, limitsIn, offerFields, readChoice } from './bestOffer.fields';
import { orderExtras } from './getNumber.operation';
import { offersOf, rank, where, type Offer, type Ranking, type Skip } from './offers';

const RANKINGS: readonly Ranking[] = ['cheapest', 'order'];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['smsActivation'], operation: ['bestOffer'], apiProvider: [SEVERAL] } },
	[
		purchaseNotice(
			'Best Offer buys ONE number per item (spends money): the best in-stock offer of the providers below. A refusal that bought nothing moves on to the next offer; an answer that was lost stops the search.',
		),
		providerListField(
			'Where to look for the number. Each chosen provider needs its credential (shown once chosen) and its own service code below.',
		),
		...offerFields,
		{
			displayName: 'Ranking',
			name: 'ranking',
			type: 'options',
			options: [
				{
					name: 'Cheapest First',
					value: 'cheapest',
					description: 'The lowest listed price first; offers without a listed price last',
				},
				{
					name: 'Providers in Order',
					value: 'order',
					description: 'The providers in the order chosen, cheapest first within each',
				},
			],
			default: 'cheapest',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'PKR per INR (for Ranking)',
					name: 'pkrPerInr',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 4 },
					default: 0,
					description:
						'Compares OTPGet (PKR) and INR prices under Cheapest First; 0 = do not compare: the first provider in the list decides which currency goes first. No money is converted.',
				},
			],
		},
		bestOfferLimitsField,
	],
);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

/** The node's context with the Spend Limits of one currency where the pipeline reads them. */
function inCurrency(
	ctx: IExecuteFunctions,
	itemIndex: number,
	currency: string,
): IExecuteFunctions {
	const limits = limitsIn(
		(ctx.getNodeParameter('spendLimits', itemIndex, {}) ?? {}) as IDataObject,
		currency,
	);
	const read = ctx.getNodeParameter.bind(ctx) as (...args: unknown[]) => unknown;
	return Object.create(ctx, {
		getNodeParameter: {
			value: (name: string, ...rest: unknown[]) =>
				name === 'spendLimits' ? limits : read(name, ...rest),
		},
	}) as IExecuteFunctions;
}

const describe = (s: Skip) =>
	`${DIALECTS[s.provider].name}${s.country ? ` country ${s.country}` : ''}${s.providerType ? ` server ${s.providerType}` : ''}: ${s.code ? `${s.code} ` : ''}${s.reason}`;

function toJson(s: Skip): IDataObject {
	const json: IDataObject = { provider: s.provider, reason: s.reason };
	if (s.country !== undefined) json.country = s.country;
	if (s.providerType !== undefined) json.providerType = s.providerType;
	if (s.price !== undefined) json.price = s.price;
	if (s.code !== undefined) json.code = s.code;
	return json;
}

async function buyOffer(ctx: IExecuteFunctions, offer: Offer, itemIndex: number) {
	const d = DIALECTS[offer.provider];
	const inWallet = inCurrency(ctx, itemIndex, d.currency);
	const choice = {
		service: offer.service,
		country: offer.country,
		providerType: offer.providerType,
	};
	return await purchase(inWallet, itemIndex, {
		provider: d.id,
		currency: d.currency,
		// The price was read with the offers, once per execution: the pipeline checks limits with it.
		quote:
			offer.price === null
				? { why: `${d.name} lists no price for it before buying` }
				: {
						key: `offer:${d.id}:${offer.country ?? ''}:${offer.service}:${offer.providerType ?? ''}`,
						read: async () => ({ price: offer.price as number }),
						forOutput: true,
					},
		providerCeiling: d.features.maxPrice,
		buy: async (maxPrice) =>
			await apiRequest(
				inWallet,
				smsRequestsFor(d).getNumber({ ...choice, maxPrice }),
				parseNumber,
				itemIndex,
			),
		paid: (o) => o.price ?? null,
	});
}

/**
 * The node's own Max Purchases and Max Spend hold across providers: each provider credential keeps its ledger
 * (the pipeline), and the node one more per execution: purchases across every provider, spend per currency.
 */
function reserveAcrossProviders(ctx: IExecuteFunctions, offer: Offer, itemIndex: number) {
	const raw = (ctx.getNodeParameter('spendLimits', itemIndex, {}) ?? {}) as IDataObject;
	const own = limitsIn(raw, offer.currency);
	const node = `bestOffer:${ctx.getNode().id ?? ctx.getNode().name}`;
	const count = reserve(
		ctx,
		ledgerOf(ctx, node),
		joinLimits({ maxPurchases: own.maxPurchases }, {}, offer.currency),
		{ price: null, hold: null },
		itemIndex,
	);
	const spendLimits = joinLimits({ maxSpend: own.maxSpend }, {}, offer.currency);
	// An unlisted price under Max Spend is refused by the pipeline (PRICE_UNKNOWN), a skip, not a budget stop.
	if (spendLimits.maxSpend === undefined || offer.price === null) return [count];
	const spend = settledSync(() =>
		reserve(
			ctx,
			ledgerOf(ctx, `${node}:${offer.currency}`),
			spendLimits,
			{ price: offer.price, hold: offer.price },
			itemIndex,
		),
	);
	if ('error' in spend) {
		count.release();
		throw spend.error;
	}
	return [count, spend.value];
}

function settledSync<T>(run: () => T): { value: T } | { error: unknown } {
	try {
		return { value: run() };
	} catch (error) {
		return { error };
	}
}

async function attempt(ctx: IExecuteFunctions, offer: Offer, itemIndex: number) {
	const held = reserveAcrossProviders(ctx, offer, itemIndex);
	const outcome = await buyOffer(ctx, offer, itemIndex).then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if ('value' in outcome) {
		const paid = outcome.value.stamp.price;
		for (const r of held) r.settle(typeof paid === 'number' ? paid : null);
		return outcome.value;
	}
	// Given back only when nothing was bought; a lost answer keeps its place, like the pipeline's own reservation.
	const refused =
		outcome.error instanceof SpendRefusal ||
		nothingBought(errorCodeOf(outcome.error), moneyAtRisk(outcome.error));
	for (const r of held) {
		if (refused) r.release();
		else r.settle(null);
	}
	throw outcome.error;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providers = listedProviders(this, itemIndex);
	const ranking = requireOneOf.call(this, 'ranking', 'Ranking', RANKINGS, itemIndex) as Ranking;
	const pkrPerInr = Number(this.getNodeParameter('options.pkrPerInr', itemIndex, 0)) || 0;
	// Every field is checked before any request.
	const choices = providers.map((p) => [p, readChoice(this, DIALECTS[p], itemIndex)] as const);

	const offers: Offer[] = [];
	const skipped: Skip[] = [];
	for (const [p, choice] of choices) {
		const found = await offersOf(this, DIALECTS[p], choice, itemIndex);
		offers.push(...found.offers);
		skipped.push(...found.skipped);
	}
	const { ranked, skipped: outOfStock } = rank(offers, providers, ranking, pkrPerInr);
	skipped.push(...outOfStock);

	const tried: Skip[] = [];
	for (const offer of ranked) {
		try {
			const { order, stamp } = await attempt(this, offer, itemIndex);
			const d = DIALECTS[offer.provider];
			return {
				orderId: order.orderId,
				phone: order.phone,
				country: offer.country ?? order.countryCode ?? null,
				service: offer.service,
				providerType: offer.providerType ?? null,
				source: 'smsActivation',
				...orderExtras(order),
				...stamp,
				...providerFields(d),
				listedPrice: offer.price,
				tried: [...tried, { ...where(offer), price: offer.price, reason: 'bought' }].map(toJson),
				skipped: skipped.map(toJson),
			};
		} catch (error) {
			const code = errorCodeOf(error);
			if (!nothingBought(code, moneyAtRisk(error))) {
				// Unknown outcome (never bought again), a budget reached, or a fault of ours: the search stops here.
				const failure = toNodeError(this.getNode(), error, { itemIndex });
				const before = tried.length ? ` Refused before: ${tried.map(describe).join('; ')}.` : '';
				failure.description =
					`${failure.description ?? ''} Best Offer stopped at ${describe({ ...where(offer), reason: 'this offer' })}.${before}`.trim();
				throw failure;
			}
			const reason = error instanceof Error ? error.message : String(error);
			tried.push({ ...where(offer), price: offer.price, code, reason });
		}
	}
	const all = [...tried, ...skipped];
	throw new SpendRefusal(
		this.getNode(),
		'NO_OFFER',
		`No offer could be bought among ${providers.map((p) => DIALECTS[p].name).join(', ')} — nothing was bought`,
		{
			itemIndex,
			description: all.length
				? `Offers: ${all.map(describe).join('; ')}.`
				: 'No provider lists the service for the allowed countries and servers.',
		},
	);
}

import {
	DURATION_PRESETS,
	RENTAL_COUNTRIES,
	RENTAL_PRICING,
	SERVER2_DURATIONS,
	rentalCountry,
	rentalPrice,
	serverName,
} from '../catalog';
import { formatDateTime, formatIso } from '../clock';
import { formatMoney, toCents } from '../money';
import { jsonReply } from '../reply';
import type { SandboxState } from '../state';
import type { RentalRecord, Reply } from '../types';
import type { Query } from './otp';

const HOUR_MS = 3600 * 1000;

/** rental-handler.php: JSON, "status" is a string; HTTP 200 unless rentalHttpStatus mirrors it. */
export function handleRental(state: SandboxState, q: Query): Reply {
	const reply = (status: string, fields: Record<string, unknown> = {}) =>
		jsonReply(state.config.rentalHttpStatus, status, fields);
	const fail = (status: string, message: string) => reply(status, { message });

	const check = state.checkKey(q.api_key);
	if (check === 'missing') return fail('401', 'API key is required.');
	if (check === 'bad') return fail('401', 'Invalid API key.');
	if (check === 'blocked' || check === 'inactive')
		return fail('403', 'Account is blocked or inactive.');
	if (!q.action) return fail('400', 'Action parameter is required.');

	const ctx: Ctx = { state, q, reply, fail };
	switch (q.action) {
		case 'getRentalCountries':
			return getRentalCountries(ctx);
		case 'getRentalPricing':
			return getRentalPricing(ctx);
		case 'getAvailableRentals':
			return getAvailableRentals(ctx);
		case 'rentNumber':
			return rentNumber(ctx);
		case 'getMyRentals':
			return getMyRentals(ctx);
		case 'getRentalSMS':
			return getRentalSMS(ctx);
		case 'renewRental':
			return renewRental(ctx);
		default:
			// Not documented as an action here, so getBalance also lands in this branch.
			return fail('400', `Unknown action: ${q.action}`);
	}
}

interface Ctx {
	state: SandboxState;
	q: Query;
	reply: (status: string, fields?: Record<string, unknown>) => Reply;
	fail: (status: string, message: string) => Reply;
}

/** country_code is compared lower-case, as the docs' codes are. */
function countryAndProvider({
	q,
	fail,
}: Ctx): { error: Reply } | { error?: undefined; cc: string; provider: string } {
	if (!q.country_code) return { error: fail('400', 'country_code is required.') };
	if (!q.provider) return { error: fail('400', 'provider is required.') };
	return { cc: q.country_code.toLowerCase(), provider: q.provider };
}

/** Optional provider filter; an unknown provider gives an empty list. */
function getRentalCountries({ q, reply }: Ctx): Reply {
	const countries = RENTAL_COUNTRIES.filter((c) => !q.provider || c.provider === q.provider).map(
		(c) => ({
			id: c.id,
			provider: c.provider,
			name: c.name,
			country_code: c.countryCode,
		}),
	);
	return reply('200', { countries });
}

/** Unknown country/provider: 200 with an empty list (the docs define no error for it). */
function getRentalPricing(ctx: Ctx): Reply {
	const r = countryAndProvider(ctx);
	if (r.error) return r.error;
	const country = rentalCountry(r.provider, r.cc);
	const pricing = RENTAL_PRICING.filter(
		(p) => p.provider === r.provider && p.countryCode === r.cc,
	).map((p) => ({
		id: p.id,
		duration_hours: String(p.durationHours),
		duration_preset: DURATION_PRESETS[p.durationHours],
		price: formatMoney(toCents(p.price)),
		country_name: country?.name ?? '',
	}));
	return ctx.reply('200', { pricing });
}

/** Live stock (decreases with each rentNumber). Server 2 rows carry min_month. */
function getAvailableRentals(ctx: Ctx): Reply {
	const r = countryAndProvider(ctx);
	if (r.error) return r.error;
	const c = rentalCountry(r.provider, r.cc);
	const available = c
		? [
				{
					area_code: c.countryCode,
					area_title: c.name,
					unit_price: c.unitPrice,
					available: ctx.state.rentalStock.get(`${c.provider}:${c.countryCode}`) ?? 0,
					...(c.minMonth !== undefined ? { min_month: c.minMonth } : {}),
				},
			]
		: [];
	return ctx.reply('200', { country_code: r.cc, provider: r.provider, available });
}

/**
 * Validation order: country_code, provider, duration_hours, Server 2 months-only, pricing (404),
 * stock (502, as an upstream failure would be), balance (402). So ca/2/12 gives the Server 2 message;
 * the 404 "No pricing found ..." comes from e.g. ca on provider 1 or nl/1/12.
 */
function rentNumber(ctx: Ctx): Reply {
	const { state, q, reply, fail } = ctx;
	const r = countryAndProvider(ctx);
	if (r.error) return r.error;
	if (!q.duration_hours) return fail('400', 'duration_hours is required.');
	if (r.provider === '2' && !SERVER2_DURATIONS.includes(Number(q.duration_hours))) {
		return fail('400', 'Server 2 only supports monthly durations (720, 4320, 8640 hours).');
	}
	const price = rentalPrice(r.provider, r.cc, q.duration_hours);
	const country = rentalCountry(r.provider, r.cc);
	if (!price || !country) {
		return fail(
			'404',
			`No pricing found for country_code=${r.cc} provider=${r.provider} duration_hours=${q.duration_hours}`,
		);
	}
	const stockKey = `${country.provider}:${country.countryCode}`;
	const stock = state.rentalStock.get(stockKey) ?? 0;
	if (stock <= 0) return fail('502', `${serverName(country.provider)} error: No numbers available`);
	const priceCents = toCents(price.price);
	if (state.balanceCents(q.api_key) < priceCents) return fail('402', 'Insufficient balance.');

	const now = state.clock.now();
	const orderId = state.newRentalOrderId();
	state.charge(q.api_key, priceCents, 'rental', 'purchase', orderId, now);
	state.rentalStock.set(stockKey, stock - 1);
	const rental: RentalRecord = {
		id: state.newRentalId(),
		key: q.api_key,
		orderId,
		provider: country.provider,
		countryCode: country.countryCode,
		countryName: country.name,
		phone: state.phone(country.localStart, country.localLength),
		durationHours: price.durationHours,
		priceCents,
		createdAt: now,
		expiresAt: now + price.durationHours * HOUR_MS,
		messages: [],
	};
	// A first SMS shows up after otpDelayMs so "new SMS on a rented number" can be demonstrated.
	const firstAt = state.arrivalFrom(now);
	if (firstAt !== null) {
		const c = state.code();
		rental.messages.push({
			at: firstAt,
			from: serverName(country.provider),
			text: `<#> Your WhatsApp Business code ${c.slice(0, 3)}-${c.slice(3)}`,
			code: '',
		});
	}
	state.rentals.set(rental.id, rental);
	return reply('200', {
		message: 'Number rented successfully',
		phone: rental.phone,
		order_id: orderId,
		server: serverName(country.provider),
		duration_hours: price.durationHours,
		price_paid: formatMoney(priceCents),
		new_balance: formatMoney(state.balanceCents(q.api_key)),
		expires: formatDateTime(rental.expiresAt),
	});
}

/**
 * Newest first. duration_hours / price_paid are those of the original rental (a renewal moves
 * expiry_time only); status is computed from the clock.
 */
function getMyRentals({ state, q, reply }: Ctx): Reply {
	const now = state.clock.now();
	const rentals = [...state.rentals.values()]
		.filter((r) => r.key === q.api_key)
		.sort((a, b) => b.id - a.id)
		.map((r) => ({
			id: String(r.id),
			server: serverName(r.provider),
			phone_number: r.phone,
			order_id: r.orderId,
			status: now < r.expiresAt ? 'active' : 'expired',
			country_code: r.countryCode,
			country_name: r.countryName,
			duration_hours: String(r.durationHours),
			price_paid: formatMoney(r.priceCents),
			expiry_time: formatDateTime(r.expiresAt),
		}));
	return reply('200', { total: rentals.length, rentals });
}

/** Messages oldest first. A missing order_id is not in the docs' table; we answer 400 "order_id is required.". */
function getRentalSMS({ state, q, reply, fail }: Ctx): Reply {
	if (!q.order_id) return fail('400', 'order_id is required.');
	const r = state.findRental(q.order_id);
	if (!r || r.key !== q.api_key) return fail('404', 'Order not found or access denied.');
	const now = state.clock.now();
	const messages = r.messages
		.filter((m) => m.at <= now)
		.map((m) => ({ from: m.from, text: m.text, code: m.code, timestamp: formatIso(m.at) }));
	return reply('200', {
		phone_number: r.phone,
		order_id: r.orderId,
		total: messages.length,
		messages,
	});
}

/**
 * New expiry = current expiry + duration (docs: "calculated from the current expiry time (not today)").
 * Applied literally, also to an already expired rental.
 */
function renewRental({ state, q, reply, fail }: Ctx): Reply {
	if (!q.rental_id) return fail('400', 'rental_id is required.');
	if (!q.duration_hours) return fail('400', 'duration_hours is required.');
	const id = Number(q.rental_id);
	const r = Number.isInteger(id) ? state.rentals.get(id) : undefined;
	if (!r || r.key !== q.api_key) return fail('404', 'Rental not found or does not belong to you.');
	const price = rentalPrice(r.provider, r.countryCode, q.duration_hours);
	if (!price) return fail('404', 'No pricing found for this duration.');
	const priceCents = toCents(price.price);
	if (!state.charge(q.api_key, priceCents, 'rental', 'renewal', r.orderId))
		return fail('402', 'Insufficient balance.');
	r.expiresAt += price.durationHours * HOUR_MS;
	return reply('200', {
		message: 'Renewed successfully',
		rental_id: r.id,
		phone_number: r.phone,
		duration_hours: price.durationHours,
		price_paid: formatMoney(priceCents),
		new_balance: formatMoney(state.balanceCents(q.api_key)),
		new_expiry: formatDateTime(r.expiresAt),
	});
}

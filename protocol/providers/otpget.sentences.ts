import type { Sentence } from '../errorShapes';
import type { ErrorEntry, ErrorTable } from '../errors';
import { entry } from './familyErrors';

/**
 * The sentences of the Rental and Email error tables, each with what it means for the user. Matched on the
 * JSON "message" before the table's HTTP-like statuses; group 1, when present, is detail worth showing.
 */
export function otpgetSentences(t: ErrorTable): ReadonlyArray<Sentence<ErrorEntry>> {
	return [
		{ match: /^Invalid API key\.?$/i, entry: t.httpErrors['401'] },
		{ match: /^API key is required\.?$/i, entry: t.errors.NO_API_KEY },
		{ match: /^Account is blocked or inactive\.?$/i, entry: t.httpErrors['403'] },
		{
			match: /^Action parameter is required\.?$/i,
			entry: entry(
				'input',
				false,
				'The provider received no action',
				'Check the base URL in the credential: it must be the folder that holds the OTPGet endpoints',
			),
		},
		{ match: /^Unknown action:\s*(.*)$/i, entry: t.errors.BAD_ACTION },
		{
			match: /^(\w+) is required\.?$/i,
			entry: entry(
				'input',
				false,
				'A required parameter is missing',
				'Fill in every required field of the operation',
			),
		},
		{
			match: /^Server 2 only supports monthly durations/i,
			entry: entry(
				'input',
				false,
				'Server 2 only rents by the month',
				'Choose 1 Month (720), 6 Months (4320) or 12 Months (8640) as the duration',
			),
		},
		{
			match: /^No pricing found for (country_code=.*)$/i,
			entry: entry(
				'notFound',
				false,
				'No rental price for this country, server and duration',
				'Pick a duration from the Duration list, which shows the prices of the selected country and server',
			),
		},
		{
			match: /^Rental not found or does not belong to you\.?$/i,
			entry: entry(
				'notFound',
				false,
				'Rental not found',
				'Use the rentalId of Get My Rentals (the API\'s "id"), not the smsOrderId',
			),
		},
		{
			match: /^No pricing found for this duration\.?$/i,
			entry: entry(
				'notFound',
				false,
				"This duration is not sold for the rental's country and server",
				'Pick another duration: Get Pricing lists the ones on sale',
			),
		},
		{
			match: /^Order not found or access denied\.?$/i,
			entry: entry(
				'notFound',
				false,
				'Rental order not found',
				'Use the smsOrderId of Rent Number or Get My Rentals (the API\'s "order_id"), not the rentalId',
			),
		},
		{ match: /^Insufficient balance\.?\s*(.*)$/i, entry: t.httpErrors['402'] },
		{
			match: /^(Server \S+) is currently (?:unavailable|disabled)/i,
			entry: entry(
				'availability',
				true,
				'Rental server disabled by OTPGet for now',
				'Choose the other server, or retry later',
			),
		},
		{
			match: /^(Server \S+ error:.*)$/i,
			entry: entry(
				'provider',
				true,
				'The upstream rental provider returned an error; nothing was rented',
				'Retry in a few seconds or choose the other server',
			),
		},
		{
			match: /^Provider returned an empty phone number/i,
			entry: entry(
				'provider',
				true,
				'The provider returned no phone number',
				'Check Get My Rentals and your balance, then try again',
			),
		},
		{
			// The Email row: the address was bought, then the database failed; whether the charge was undone is unknown.
			match: /^Database error\.\s*Email cancelled/i,
			uncertain: true,
			entry: entry(
				'server',
				false,
				'OTPGet bought the email, then its database failed and it cancelled the email; whether you were charged is unknown',
				'Check Email → Get History and Account → Get Balance before buying again',
			),
		},
		{
			match: /^Database error[.:]?\s*(.*)$/i,
			entry: entry(
				'server',
				true,
				'Provider database error; the balance was not deducted',
				'Retry in a few seconds',
			),
		},
		{
			match: /^Service not available for this domain/i,
			entry: entry(
				'notFound',
				false,
				'This service is not offered on this email domain',
				'Pick the service from the list of the selected domain (Get Services)',
			),
		},
		{
			match: /^No stock available for this service/i,
			entry: entry(
				'availability',
				true,
				'No email addresses left for this service',
				'Try another domain, or retry later',
			),
		},
		{
			match: /^Email activation not found/i,
			entry: entry(
				'notFound',
				false,
				'Email activation not found',
				'Use the emailId returned by Buy Email, with the same API key',
			),
		},
		{
			match: /^API connection error/i,
			entry: entry(
				'server',
				true,
				'OTPGet could not reach its mail provider; nothing was charged',
				'Retry in a few seconds',
			),
		},
		{
			match: /^No email available:?\s*(.*)$/i,
			entry: entry(
				'availability',
				true,
				'No email address available; nothing was charged',
				'Try another domain or service, or retry later',
			),
		},
		{
			match: /^Email service not configured/i,
			entry: entry(
				'availability',
				false,
				'The email service is not configured at OTPGet',
				'Contact OTPGet support',
			),
		},
		{
			match: /^Email service is currently disabled/i,
			entry: entry(
				'availability',
				true,
				'The email service is temporarily disabled',
				'Retry later',
			),
		},
	];
}

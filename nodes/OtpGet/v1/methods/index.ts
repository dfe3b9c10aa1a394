/** The dropdowns of the OTPGet node: every loadOptions method, listed once. */
export {
	getCheapServers,
	getEmailServices,
	getRentalCountries,
	getRentalDurations,
	getRentalsById,
	getRentalsBySmsOrderId,
	getSmsCountries,
	getSmsServices,
} from './loadOptions';

/** The dropdowns of the OTPGet node: every loadOptions method, listed once; Best Offer's per provider. */
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
export { offerMethods } from './offerOptions';

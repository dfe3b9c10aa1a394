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
export {
	getOfferCountries_otpget,
	getOfferCountries_sastaotp,
	getOfferServices_instaotp,
	getOfferServices_otpget,
	getOfferServices_sastaotp,
} from './offerOptions';

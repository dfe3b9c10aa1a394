/**
 * Names shared by the request layer and the provider modules. They live apart from both so neither imports
 * the other's types (request.ts ↔ dialects.ts was an import circle).
 */

/** Every provider the package speaks to; each has one module in ./providers. */
export type ProviderId = 'otpget' | 'otpx' | 'instaotp' | 'sastaotp';

/** The four OTPGet APIs; compatible providers implement only `sms`. */
export type ApiName = 'sms' | 'cheap' | 'rental' | 'email';

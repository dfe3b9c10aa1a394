/**
 * handler_api.php, the SMS-Activate family's API: request builders (requests.ts) and the readers of its answers
 * (number.ts, status.ts, lists.ts, orders.ts), each reading the provider's dialect, never its name.
 */
export * from './requests';
export * from './number';
export * from './status';
export * from './lists';
export * from './orders';

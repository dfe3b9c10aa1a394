export * from './text';
export * from './errors';
export * from './request';
export * from './decode';
export * from './dialects';
export * from './sms';
export * from './code';

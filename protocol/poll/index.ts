export * from './clock';
export * from './heap';
export * from './rate';
export * from './scheduler';
export * from './sources';
export * from './wait';

// Dates are tested away from UTC (Pakistan, +05:00): a date read in the machine's zone instead of the documented
// one shows up as a 5-hour error. Workers inherit it from here.
process.env.TZ = process.env.TZ || 'Asia/Karachi';

/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	// Purchases share the one rate cap (10/s by default): a 45-purchase test takes ~5 s on its own.
	testTimeout: 20_000,
	// Most test time is spent waiting (rate caps, poll intervals, timeouts over real HTTP), not computing: four
	// workers on two cores finish in less than half the time of jest's default (cores - 1 = one worker).
	maxWorkers: 4,
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
};

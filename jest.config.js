// Dates are tested away from UTC (Pakistan, +05:00): a date read in the machine's zone instead of the documented
// one shows up as a 5-hour error. Workers inherit it from here.
process.env.TZ = process.env.TZ || 'Asia/Karachi';

/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
};

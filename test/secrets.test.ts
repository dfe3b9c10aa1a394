import { KEYS, secretsSuite } from './secrets.harness';

// One key per file: the three run side by side (test/secrets.harness.ts has the matrix).
secretsSuite(KEYS[0]);

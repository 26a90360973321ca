import { defineConfig } from 'vitest/config';

/**
 * `npm run fuzz`: the long runs. Doc fuzzing over the corpora
 * (`test/fuzz/*.fuzz.ts`, FUZZ_DOC_CASES, default 10,000: about 0.1 s a case,
 * most of it in the MDX parser) and the SQL safety properties at FUZZ_RUNS
 * cases each (default here 100,000; 10,000 in the normal test run).
 */
export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.fuzz.ts', 'test/hardening/sql-safety.test.ts'],
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '100000' },
    testTimeout: 4 * 60 * 60 * 1000,
    hookTimeout: 300_000,
  },
});

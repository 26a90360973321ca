import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Golden packages carry their own generated tests; test/emit runs them inside the package, with its own config.
    exclude: ['**/node_modules/**', 'test/cases/*/package/**'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});

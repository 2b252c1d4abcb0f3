import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // DuckDB allows one writer per file; tests use their own temp files, but the
    // browser tests start servers, so keep files in separate workers.
    pool: 'forks',
  },
});

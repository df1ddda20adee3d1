import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/templates-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every JSON answer is checked against what it would be without its route's response schema.
    env: { TOLLGATE_CHECK_RESPONSE_SCHEMAS: '1' },
    // The default report, then the unhandled errors once more where CI's kept tail shows them.
    reporters: ['default', './test/helpers/unhandled-errors-reporter.ts'],
  },
});

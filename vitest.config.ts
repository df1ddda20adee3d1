import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/templates-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The default report, then the unhandled errors once more where CI's kept tail shows them.
    reporters: ['default', './test/helpers/unhandled-errors-reporter.ts'],
  },
});

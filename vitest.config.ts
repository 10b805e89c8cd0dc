import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'scripts/**/*.test.ts', 'addin/**/*.test.ts', 'tests/**/*.test.ts'],
    // the JSON report lets .ci/run print "N passed, N failed"
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

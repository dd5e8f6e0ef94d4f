import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/isolation.ts'],
    // CLI tests spawn processes and the corpus tests read hundreds of files.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

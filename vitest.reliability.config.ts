import { defineConfig } from 'vitest/config';

/** `npm run test:reliability`: crash safety, backup/restore, failing dependencies, fuzzing. */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each file starts servers and databases of its own; one at a time keeps a 2-core CI machine sane.
    fileParallelism: false,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The reliability suite has its own config and command (npm run test:reliability).
    exclude: ['test/reliability/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each worker imports the application once for all its files (each file still builds its own app and
    // database): importing it per file was a fifth of the run. No test mocks modules or timers.
    isolate: false,
    globalSetup: ['test/global-setup.ts'],
  },
});

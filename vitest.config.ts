import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One worker per core: vitest's default keeps a core for its main process, which is idle here,
    // and on a 2-core CI machine that halves the speed of the suite.
    maxWorkers: availableParallelism(),
  },
});

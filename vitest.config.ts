import { defineConfig } from 'vitest/config';

// The project's own tests. Conformance suites run through harness/runner (its own vitest config).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Several files wait on real links (pty pairs, libmbus timeouts, spawned CLIs) rather than on the CPU;
    // three workers on the 2-core machines keep both cores busy while those wait.
    maxWorkers: 3,
  },
});

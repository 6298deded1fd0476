import type { ViteUserConfig } from 'vitest/config'

/** Every workspace's vitest settings: real databases and sockets, so generous timeouts and few workers. */
export const sharedTestConfig: NonNullable<ViteUserConfig['test']> = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: 'forks',
  maxWorkers: 2,
  // A JSON report per workspace, summed by .ci/run into one "N passed, N failed" line.
  reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
}

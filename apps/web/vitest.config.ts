import { defineConfig } from 'vitest/config'
import { sharedTestConfig } from '../../vitest.shared.ts'

// Unit tests beside the code (src/**/*.test.ts) and the end-to-end suite in Debian's Chromium (e2e/**/*.e2e.test.ts),
// which runs against the built app served by the real server: `npm test` builds first (turbo.json).
export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ['src/**/*.test.ts', 'e2e/**/*.e2e.test.ts'],
    // One browser-driving file at a time: the machine has two cores and Chromium wants both.
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})

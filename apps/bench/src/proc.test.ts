import { describe, expect, it } from 'vitest'
import { machineCpuSeconds } from './proc.ts'

describe('machineCpuSeconds', () => {
  it("counts this process's own work among the machine's busy seconds", () => {
    const before = machineCpuSeconds()!
    const until = performance.now() + 300
    while (performance.now() < until) Math.sqrt(Math.random())
    const after = machineCpuSeconds()!
    // 0.3 s of spinning on one core: the machine was busy at least most of that (ticks are 10 ms).
    expect(after.busy - before.busy).toBeGreaterThanOrEqual(0.2)
    expect(after.steal).toBeGreaterThanOrEqual(before.steal)
  })
})

import { describe, expect, it } from 'vitest'
import { RENEW_EVERY_MS, RENEW_LATEST_MS, Renewals } from './renewals.ts'

/** Servers that count their renewals, on a clock the test moves. */
function servers(count: number) {
  let now = 0
  const runs = Array.from({ length: count }, () => ({ renewals: 0, renew() { this.renewals++ } }))
  const renewals = new Renewals(runs, () => now)
  return { runs, renewals, advance: (ms: number) => { now += ms; renewals.check() } }
}

describe('Renewals', () => {
  it("renews every server's clients at the start, then every RENEW_EVERY_MS", () => {
    const { runs, renewals, advance } = servers(2)
    renewals.start()
    expect(runs.map((r) => r.renewals)).toEqual([1, 1])
    advance(RENEW_EVERY_MS - 1)
    expect(runs.map((r) => r.renewals)).toEqual([1, 1])
    advance(1)
    expect(runs.map((r) => r.renewals)).toEqual([2, 2])
    renewals.stop()
  })

  it("holds back every renewal due in a window, the timed server's own included, until it ends", async () => {
    const { runs, renewals, advance } = servers(2)
    renewals.start()
    const [timed, idle] = runs as [(typeof runs)[0], (typeof runs)[0]]
    await renewals.during(async () => {
      advance(RENEW_EVERY_MS + 1000)
      expect(timed.renewals).toBe(1)
      expect(idle.renewals).toBe(1)
    })
    expect(timed.renewals).toBe(2)
    expect(idle.renewals).toBe(2)
    renewals.stop()
  })

  it('holds a renewal back no longer than RENEW_LATEST_MS', async () => {
    const { runs, renewals, advance } = servers(2)
    renewals.start()
    await renewals.during(async () => {
      advance(RENEW_LATEST_MS - 1)
      expect(runs.map((r) => r.renewals)).toEqual([1, 1])
      advance(1)
      expect(runs.map((r) => r.renewals)).toEqual([2, 2])
    })
    renewals.stop()
  })
})

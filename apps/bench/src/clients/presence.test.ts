import { afterEach, describe, expect, it, vi } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { presenceRenewal } from './presence.ts'

describe('presenceRenewal', () => {
  afterEach(() => vi.useRealTimers())

  /**
   * The timers an awareness leaves running (its own renews a state 15 s old; lib0 reads the clock it compares with
   * before fake timers can replace it, so the test counts timers), and its clock after one renewal by hand.
   */
  function presence(takeOver: boolean): { timers: number; clockAfterRenew: number } {
    vi.useFakeTimers()
    const awareness = new Awareness(new Y.Doc())
    const renew = presenceRenewal(awareness, takeOver)
    const timers = vi.getTimerCount()
    renew()
    const clockAfterRenew = awareness.meta.get(awareness.clientID)!.clock
    awareness.destroy()
    return { timers, clockAfterRenew }
  }

  it("stops the awareness's own timer, and renews when called", () => {
    expect(presence(true)).toEqual({ timers: 0, clockAfterRenew: 1 })
  })

  it('leaves the timer alone unless asked', () => {
    expect(presence(false)).toEqual({ timers: 1, clockAfterRenew: 1 })
  })
})

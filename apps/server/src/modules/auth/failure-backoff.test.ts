import { describe, expect, it } from 'vitest'
import { FailureBackoff } from './failure-backoff.ts'

const clock = () => {
  let now = 1_000_000
  return { now: () => now, advance: (ms: number) => (now += ms) }
}
const options = { freeTries: 3, firstDelayMs: 1_000, maxDelayMs: 60_000, forgetAfterMs: 3_600_000 }

describe('FailureBackoff', () => {
  it('lets the free failures through, then doubles the wait after each further one, up to the cap', () => {
    const time = clock()
    const backoff = new FailureBackoff({ ...options, now: time.now })
    const waits: number[] = []
    for (let i = 0; i < 10; i++) {
      time.advance(backoff.waitSeconds('a') * 1000)
      expect(backoff.waitSeconds('a')).toBe(0)
      backoff.fail('a')
      waits.push(backoff.waitSeconds('a'))
    }
    expect(waits).toEqual([0, 0, 1, 2, 4, 8, 16, 32, 60, 60])
    expect(backoff.waitSeconds('b')).toBe(0)
  })

  it('starts afresh after a success', () => {
    const time = clock()
    const backoff = new FailureBackoff({ ...options, now: time.now })
    for (let i = 0; i < 3; i++) backoff.fail('a')
    expect(backoff.waitSeconds('a')).toBe(1)
    backoff.succeeded('a')
    expect(backoff.waitSeconds('a')).toBe(0)
    expect(backoff.size).toBe(0)
  })

  it('forgets a key whose last failure is older than forgetAfterMs', () => {
    const time = clock()
    const backoff = new FailureBackoff({ ...options, now: time.now })
    for (let i = 0; i < 6; i++) backoff.fail('a')
    expect(backoff.waitSeconds('a')).toBe(8)
    time.advance(3_600_000)
    expect(backoff.waitSeconds('a')).toBe(0)
    backoff.fail('a')
    expect(backoff.waitSeconds('a')).toBe(0) // counted from one again
  })

  it('stays bounded: forgotten keys go first, then the least recently used', () => {
    const time = clock()
    const backoff = new FailureBackoff({ ...options, freeTries: 1, maxKeys: 50, now: time.now })
    for (let i = 0; i < 50; i++) backoff.fail(`old-${i}`)
    time.advance(3_600_000)
    backoff.fail('new')
    expect(backoff.size).toBe(1)
    for (let i = 0; i < 49; i++) backoff.fail(`live-${i}`)
    backoff.fail('one-more')
    expect(backoff.size).toBeLessThanOrEqual(50)
    expect(backoff.waitSeconds('one-more')).toBe(1)
    expect(backoff.waitSeconds('new')).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { TokenBuckets } from './token-buckets.ts'

const clock = () => {
  let now = 1_000_000
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('TokenBuckets', () => {
  it('allows a burst of `capacity`, then one per `refillEveryMs`, and says how long to wait', () => {
    const time = clock()
    const buckets = new TokenBuckets({ capacity: 3, refillEveryMs: 10_000, now: time.now })
    for (let i = 0; i < 3; i++) {
      expect(buckets.waitSeconds('a')).toBe(0)
      buckets.take('a')
    }
    expect(buckets.waitSeconds('a')).toBe(10)
    expect(buckets.waitSeconds('b')).toBe(0)
    time.advance(9_001)
    expect(buckets.waitSeconds('a')).toBe(1)
    time.advance(999)
    expect(buckets.waitSeconds('a')).toBe(0)
    buckets.take('a')
    expect(buckets.waitSeconds('a')).toBe(10)
  })

  it('refills up to the capacity and no further, then forgets the key', () => {
    const time = clock()
    const buckets = new TokenBuckets({ capacity: 2, refillEveryMs: 1_000, now: time.now })
    buckets.take('a')
    buckets.take('a')
    time.advance(60_000)
    buckets.take('a')
    buckets.take('a')
    expect(buckets.waitSeconds('a')).toBe(1)
    buckets.giveBack('a')
    buckets.giveBack('a')
    expect(buckets.size).toBe(0)
    buckets.giveBack('unknown')
    expect(buckets.size).toBe(0)
  })

  it('keeps a steady pace at the rate forever: never refused, never a window that runs out', () => {
    const time = clock()
    const buckets = new TokenBuckets({ capacity: 1, refillEveryMs: 6_000, now: time.now })
    for (let i = 0; i < 1_000; i++) {
      expect(buckets.waitSeconds('a')).toBe(0)
      buckets.take('a')
      time.advance(6_000)
    }
  })

  it('stays bounded: full buckets go first, then the least recently used', () => {
    const time = clock()
    const buckets = new TokenBuckets({ capacity: 1, refillEveryMs: 1_000, maxKeys: 100, now: time.now })
    for (let i = 0; i < 100; i++) buckets.take(`old-${i}`)
    time.advance(2_000)
    buckets.take('new')
    expect(buckets.size).toBe(1)
    for (let i = 0; i < 99; i++) buckets.take(`live-${i}`)
    expect(buckets.size).toBe(100)
    buckets.take('one-more')
    expect(buckets.size).toBeLessThanOrEqual(100)
    expect(buckets.waitSeconds('one-more')).toBe(1)
    expect(buckets.waitSeconds('new')).toBe(0) // the least recently used was forgotten
  })
})

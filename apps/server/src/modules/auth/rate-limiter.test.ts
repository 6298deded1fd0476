import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limiter.ts'

describe('RateLimiter', () => {
  const clock = () => {
    let now = 1_000_000
    return { now: () => now, advance: (ms: number) => (now += ms) }
  }

  it('allows `limit` attempts per window, then says how long to wait', () => {
    const time = clock()
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, now: time.now })
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('a')).toBe(0)
      limiter.consume('a')
    }
    expect(limiter.retryAfterSeconds('a')).toBe(60)
    expect(limiter.retryAfterSeconds('b')).toBe(0)
    time.advance(59_001)
    expect(limiter.retryAfterSeconds('a')).toBe(1)
    time.advance(999)
    expect(limiter.retryAfterSeconds('a')).toBe(0)
  })

  it('gives attempts back', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000 })
    limiter.consume('a')
    limiter.consume('a')
    limiter.refund('a')
    expect(limiter.retryAfterSeconds('a')).toBe(0)
    limiter.refund('a')
    expect(limiter.size).toBe(0)
    limiter.refund('unknown')
    expect(limiter.size).toBe(0)
  })

  it('stays bounded: expired keys go first, then the oldest', () => {
    const time = clock()
    const limiter = new RateLimiter({ limit: 1, windowMs: 1_000, maxKeys: 100, now: time.now })
    for (let i = 0; i < 100; i++) limiter.consume(`old-${i}`)
    time.advance(2_000)
    limiter.consume('new')
    expect(limiter.size).toBe(1)
    for (let i = 0; i < 99; i++) limiter.consume(`live-${i}`)
    expect(limiter.size).toBe(100)
    limiter.consume('one-more')
    expect(limiter.size).toBeLessThanOrEqual(100)
    expect(limiter.retryAfterSeconds('one-more')).toBe(1)
    expect(limiter.retryAfterSeconds('new')).toBe(0) // the oldest was forgotten
  })
})

import { describe, expect, it } from 'vitest'
import { formatRetryAfter } from './retry-after.ts'

describe('formatRetryAfter', () => {
  it('rounds up to the unit a person reads', () => {
    expect(formatRetryAfter(30, 'en')).toBe('in 30 seconds')
    expect(formatRetryAfter(61, 'en')).toBe('in 2 minutes')
    expect(formatRetryAfter(900, 'en')).toBe('in 15 minutes')
    expect(formatRetryAfter(3601, 'en')).toBe('in 2 hours')
  })
  it('speaks the reader’s language', () => {
    expect(formatRetryAfter(900, 'fr')).toBe('dans 15 minutes')
    expect(formatRetryAfter(900, 'de')).toBe('in 15 Minuten')
  })
})

import { describe, expect, it } from 'vitest'
import { withChoice } from './checkbox.tsx'

describe('withChoice', () => {
  it('adds a ticked item at the end, once', () => {
    expect(withChoice([3, 1], 7, true)).toEqual([3, 1, 7])
    expect(withChoice([3, 1], 1, true)).toEqual([3, 1])
  })
  it('removes an unticked item and keeps the others in order', () => {
    expect(withChoice(['b', 'a', 'c'], 'a', false)).toEqual(['b', 'c'])
  })
})

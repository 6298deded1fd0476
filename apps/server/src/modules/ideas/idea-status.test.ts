import { describe, expect, it } from 'vitest'
import { allowedNextStatuses, canMoveStatus } from './idea-status.ts'

describe('idea lifecycle', () => {
  it('moves one step at a time along idea → draft → proposal → submitted', () => {
    expect(canMoveStatus('idea', 'draft')).toBe(true)
    expect(canMoveStatus('draft', 'proposal')).toBe(true)
    expect(canMoveStatus('proposal', 'submitted')).toBe(true)
    expect(canMoveStatus('proposal', 'draft')).toBe(true)
  })
  it('refuses jumps', () => {
    expect(canMoveStatus('idea', 'submitted')).toBe(false)
    expect(canMoveStatus('idea', 'proposal')).toBe(false)
    expect(canMoveStatus('withdrawn', 'submitted')).toBe(false)
  })
  it('withdraws from any stage and reopens as a draft', () => {
    for (const from of ['idea', 'draft', 'proposal', 'submitted'] as const) expect(canMoveStatus(from, 'withdrawn')).toBe(true)
    expect(allowedNextStatuses('withdrawn')).toEqual(['draft'])
  })
})

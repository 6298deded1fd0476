import { describe, expect, it } from 'vitest'
import { regionWorthShowing } from './network-region.ts'

describe('regionWorthShowing', () => {
  it('leaves out a region that repeats the name', () => {
    expect(regionWorthShowing({ name: 'Asia', region: 'Asia' })).toBeNull()
    expect(regionWorthShowing({ name: 'Latin America', region: 'latin america ' })).toBeNull()
    expect(regionWorthShowing({ name: 'Middle East & North Africa', region: 'Middle East and North Africa' })).toBeNull()
    expect(regionWorthShowing({ name: 'Amérique latine', region: 'Amerique Latine' })).toBeNull()
  })
  it('leaves out a region the name already says, and an empty one', () => {
    expect(regionWorthShowing({ name: 'Sub-Saharan Africa', region: 'Africa' })).toBeNull()
    expect(regionWorthShowing({ name: 'South-East Europe', region: 'Europe' })).toBeNull()
    expect(regionWorthShowing({ name: 'Asia', region: '  ' })).toBeNull()
  })
  it('shows a region that adds something', () => {
    expect(regionWorthShowing({ name: 'Coastal cities', region: 'Mediterranean' })).toBe('Mediterranean')
    expect(regionWorthShowing({ name: 'Eurasia network', region: 'Asia' })).toBe('Asia')
    expect(regionWorthShowing({ name: 'Africa', region: 'Sub-Saharan Africa' })).toBe('Sub-Saharan Africa')
  })
})

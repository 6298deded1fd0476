import { describe, expect, it } from 'vitest'
import { firstStrongDirection } from './text-direction.ts'

describe('firstStrongDirection', () => {
  it('follows the first letter, as dir="auto" does', () => {
    expect(firstStrongDirection('Green corridors')).toBe('ltr')
    expect(firstStrongDirection('ممرات خضراء في المدن')).toBe('rtl')
    expect(firstStrongDirection('שלום')).toBe('rtl')
    expect(firstStrongDirection('Tandem: ممرات خضراء')).toBe('ltr')
    expect(firstStrongDirection('ممرات Tandem')).toBe('rtl')
  })
  it('skips digits, punctuation and spaces before the first letter', () => {
    expect(firstStrongDirection('2026 — (ممرات)')).toBe('rtl')
    expect(firstStrongDirection('1. Summary')).toBe('ltr')
  })
  it('says nothing for text without a letter', () => {
    expect(firstStrongDirection('')).toBeNull()
    expect(firstStrongDirection('12 000 €')).toBeNull()
  })
})

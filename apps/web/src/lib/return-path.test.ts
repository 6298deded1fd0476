import { describe, expect, it } from 'vitest'
import { safeReturnPath, withReturnPath } from './return-path.ts'

describe('safeReturnPath', () => {
  it('keeps a path of this site', () => {
    expect(safeReturnPath('/invitations/abc')).toBe('/invitations/abc')
  })
  it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null])(
    'falls back for %s',
    (value) => {
      expect(safeReturnPath(value)).toBe('/networks')
    },
  )
  it('round-trips through withReturnPath', () => {
    const link = withReturnPath('/signin', '/invitations/a b?x=1')
    expect(safeReturnPath(new URLSearchParams(link.split('?')[1]).get('next'))).toBe('/invitations/a b?x=1')
  })
  it('leaves out ?next= when it would lead where sign-in goes anyway', () => {
    expect(withReturnPath('/signup', '/networks')).toBe('/signup')
    expect(withReturnPath('/signin', '/networks/lagos')).toBe('/signin?next=%2Fnetworks%2Flagos')
  })
})

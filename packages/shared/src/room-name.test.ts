import { describe, expect, it } from 'vitest'
import { parseRoomName } from './room-name.ts'

const id = '3f1e9b3c-2d7a-4b8e-9a51-0c6d2e7f8a90'

describe('parseRoomName', () => {
  it('accepts <networkSlug>/<ideaId>', () => {
    expect(parseRoomName(`sub-saharan-africa/${id}`)).toEqual({ networkSlug: 'sub-saharan-africa', ideaId: id })
  })
  it.each([
    ['empty', ''],
    ['no idea', 'asia'],
    ['empty network', `/${id}`],
    ['empty idea', 'asia/'],
    ['dot-dot', `../${id}`],
    ['dot-dot in idea', 'asia/..'],
    ['encoded slash', `asia%2F${id}`],
    ['encoded dot', `%2E%2E/${id}`],
    ['three parts', `asia/${id}/x`],
    ['trailing slash', `asia/${id}/`],
    ['upper case', `Asia/${id}`],
    ['not a uuid', 'asia/123'],
    ['leading hyphen', `-asia/${id}`],
  ])('rejects %s', (_label, raw) => {
    expect(parseRoomName(raw)).toBeNull()
  })
})

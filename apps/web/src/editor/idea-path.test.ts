import { describe, expect, it } from 'vitest'
import { ideaPath, ideaScreenOf, matchIdeaPath } from './idea-path.ts'

describe('an idea’s path', () => {
  it('is matched on the idea’s own screen only, and round-trips', () => {
    const id = '0b0e4a36-52cf-4c7e-9f0e-1b2c3d4e5f60'
    expect(matchIdeaPath(`/networks/asia/ideas/${id}`)).toEqual({ slug: 'asia', id })
    expect(matchIdeaPath(`/networks/asia/ideas/${id}/`)).toEqual({ slug: 'asia', id })
    expect(ideaPath('asia', id)).toBe(`/networks/asia/ideas/${id}`)
    for (const other of [`/networks/asia/ideas/${id}/history`, '/networks/asia', '/networks/asia/ideas/', '/signin']) {
      expect(matchIdeaPath(other), other).toBeNull()
    }
  })

  it('refuses a malformed escape instead of throwing', () => {
    expect(matchIdeaPath('/networks/%E0%A4%A/ideas/x')).toBeNull()
  })
})

describe('an idea’s screen', () => {
  it('tells the editor from the history', () => {
    expect(ideaScreenOf('/networks/asia/ideas/x/history')).toEqual({ slug: 'asia', id: 'x', screen: 'history' })
    expect(ideaScreenOf('/networks/asia/ideas/x/history/')).toEqual({ slug: 'asia', id: 'x', screen: 'history' })
    expect(ideaScreenOf('/networks/asia/ideas/x')).toEqual({ slug: 'asia', id: 'x', screen: 'editor' })
    expect(ideaScreenOf('/networks/asia/ideas/x/other')).toBeNull()
  })
})

import { proposalSectionHeadings } from '@tandem/editor'
import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { demoIdeas } from './demo-ideas.ts'

const textOf = (node: JSONContent): string => node.text ?? (node.content ?? []).map(textOf).join('')

describe.each(demoIdeas.map((idea) => [idea.title, idea] as const))('the demo idea “%s”', (_title, idea) => {
  const blocks = idea.document.content ?? []

  it('has the concept note’s 11 sections, numbered 1 to 11 as a new idea’s are', () => {
    const sections = blocks.filter((b) => b.type === 'heading' && b.attrs?.level === 2).map(textOf)
    expect(sections).toEqual([...proposalSectionHeadings])
    expect(sections.map((s) => Number(s.split('.')[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  })

  it('gives every section something to write in', () => {
    blocks.forEach((block, index) => {
      if (block.type !== 'heading' || block.attrs?.level !== 2) return
      const next = blocks[index + 1]
      expect(next, textOf(block)).toBeDefined()
      expect(next!.type === 'heading', textOf(block)).toBe(false)
    })
  })
})

import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { blocksOf, countChanges, diffDocuments, diffText } from './snapshot-diff.ts'

const p = (text: string): JSONContent => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' })
const h = (level: number, text: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] })
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content })

describe('blocksOf', () => {
  it('reads headings, paragraphs, lists, tasks and table cells in order', () => {
    const blocks = blocksOf(
      doc(
        h(1, 'Title'),
        p('Intro'),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p('one'), { type: 'orderedList', content: [{ type: 'listItem', content: [p('inner')] }] }] }] },
        { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [p('done')] }] },
        { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [p('cell')] }] }] },
      ),
    )
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, depth: 0, text: 'Title' },
      { kind: 'paragraph', depth: 0, text: 'Intro' },
      { kind: 'bullet', depth: 0, text: 'one' },
      { kind: 'ordered', depth: 1, text: 'inner' },
      { kind: 'task', depth: 0, checked: true, text: 'done' },
      { kind: 'cell', depth: 0, text: 'cell' },
    ])
  })
})

describe('diffDocuments', () => {
  it('marks an unchanged document as the same throughout', () => {
    const a = doc(h(1, 'Water'), p('Context'))
    expect(countChanges(diffDocuments(a, a))).toEqual({ added: 0, removed: 0, changed: 0 })
  })

  it('shows a word changed inside a paragraph, and an added paragraph', () => {
    const before = doc(h(1, 'Water'), p('The pumps fail every summer'))
    const after = doc(h(1, 'Water'), p('The pumps fail every dry summer'), p('New budget line'))
    const changes = diffDocuments(before, after)
    expect(changes.map((c) => c.op)).toEqual(['same', 'changed', 'added'])
    const changed = changes[1]!
    if (changed.op !== 'changed') throw new Error('expected a change')
    expect(changed.parts.filter((part) => part.op === 'added').map((part) => part.text.trim())).toEqual(['dry'])
    expect(changed.parts.some((part) => part.op === 'removed')).toBe(false)
  })

  it('shows a removed paragraph as removed, not as a change of its neighbour', () => {
    const before = doc(p('Keep this'), p('Drop this entirely please'), p('Also keep'))
    const after = doc(p('Keep this'), p('Also keep'))
    expect(diffDocuments(before, after).map((c) => c.op)).toEqual(['same', 'removed', 'same'])
  })

  it('diffs words in Arabic', () => {
    const parts = diffText('إدارة المياه في المدينة', 'إدارة النفايات في المدينة')
    expect(parts.filter((part) => part.op === 'removed').map((part) => part.text.trim())).toEqual(['المياه'])
    expect(parts.filter((part) => part.op === 'added').map((part) => part.text.trim())).toEqual(['النفايات'])
  })
})

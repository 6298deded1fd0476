import { resolveExtensions } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { editorExtensions } from './extensions.ts'
import { editorSchema } from './schema.ts'

describe('editorExtensions', () => {
  const names = resolveExtensions(editorExtensions).map((extension) => extension.name)

  it('leaves history to Collaboration and does not include collaboration itself', () => {
    expect(names).not.toContain('undoRedo')
    expect(names.filter((name) => name.toLowerCase().includes('collaboration'))).toEqual([])
  })

  it('has no duplicate extensions', () => {
    expect(new Set(names).size).toBe(names.length)
  })

  it('defines the schema a proposal writer needs', () => {
    expect(Object.keys(editorSchema.nodes).sort()).toEqual(
      [
        'blockquote', 'bulletList', 'codeBlock', 'doc', 'hardBreak', 'heading', 'horizontalRule', 'listItem',
        'orderedList', 'paragraph', 'table', 'tableCell', 'tableHeader', 'tableRow', 'taskItem', 'taskList', 'text',
      ].sort(),
    )
    expect(Object.keys(editorSchema.marks).sort()).toEqual(['bold', 'code', 'italic', 'link', 'strike', 'underline'])
  })
})

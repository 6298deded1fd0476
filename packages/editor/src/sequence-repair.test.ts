import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEFAULT_FIELD, editorSchema } from './schema.ts'
import { allContainers, containersChangedBy, mayLeaveSequence, repairSequences, sequenceProblem } from './sequence-repair.ts'
import { proseMirrorJsonToYUpdate } from './ydoc-content.ts'

const cell = (text: string) => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
const item = (text: string) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

function docOf(...content: object[]): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, proseMirrorJsonToYUpdate({ type: 'doc', content }))
  return doc
}
const fragment = (doc: Y.Doc) => doc.getXmlFragment(DEFAULT_FIELD)
const child = (parent: Y.XmlFragment, ...path: number[]): Y.XmlElement =>
  path.reduce<Y.XmlFragment>((at, i) => at.get(i) as Y.XmlElement, parent) as Y.XmlElement

/** Reads the fragment as the binding does, on a copy; fails if the reading drops anything. */
function readWhole(doc: Y.Doc) {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateAsUpdate(copy)
  const node = yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(DEFAULT_FIELD), editorSchema)
  expect(Y.encodeStateAsUpdate(copy)).toEqual(before)
  return node
}

describe('repairSequences', () => {
  it('removes a table whose rows two people deleted one each, and the binding then reads everything', () => {
    const a = docOf({ type: 'paragraph' }, { type: 'table', content: [{ type: 'tableRow', content: [cell('one')] }, { type: 'tableRow', content: [cell('two')] }] })
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    child(fragment(a), 1).delete(0, 1)
    child(fragment(b), 1).delete(1, 1)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(sequenceProblem(child(fragment(a), 1))).toMatch(/<table> holding nothing/)
    // What the binding does with it: drops (and deletes) the table.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(a))
    const before = Y.encodeStateAsUpdate(copy)
    yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(DEFAULT_FIELD), editorSchema)
    expect(Y.encodeStateAsUpdate(copy)).not.toEqual(before)

    a.transact(() => expect(repairSequences(allContainers(a))).toBe(1))
    expect(fragment(a).length).toBe(1)
    expect(readWhole(a).childCount).toBe(1)
  })

  it('gives an empty cell, list item and document an empty paragraph (with its text), and a list item its first one', () => {
    const doc = docOf(
      { type: 'table', content: [{ type: 'tableRow', content: [cell('keep'), cell('emptied')] }] },
      { type: 'bulletList', content: [item('first'), item('second')] },
    )
    doc.transact(() => {
      child(fragment(doc), 0, 0, 1).delete(0, 1) // the second cell's paragraph
      child(fragment(doc), 1, 1).delete(0, 1) // the second item's paragraph
      child(fragment(doc), 1, 0).insert(0, [new Y.XmlElement('horizontalRule')]) // before the first item's paragraph
    })
    doc.transact(() => expect(repairSequences(allContainers(doc))).toBe(3))
    expect(allContainers(doc).map(sequenceProblem).filter(Boolean)).toEqual([])
    expect(child(fragment(doc), 0, 0, 1, 0).get(0)).toBeInstanceOf(Y.XmlText)
    expect(readWhole(doc).textContent).toBe('keepfirst')

    const empty = docOf({ type: 'paragraph' })
    empty.transact(() => fragment(empty).delete(0, 1))
    empty.transact(() => repairSequences(allContainers(empty)))
    expect(fragment(empty).toString()).toBe('<paragraph></paragraph>')
  })

  it('finds the containers a change touched, and the elements it made inside them', () => {
    const doc = docOf({ type: 'paragraph' })
    let found: Y.XmlFragment[] = []
    doc.on('afterTransaction', (transaction: Y.Transaction) => (found = containersChangedBy(transaction)))
    const list = new Y.XmlElement('orderedList')
    const listItem = new Y.XmlElement('listItem')
    doc.transact(() => {
      fragment(doc).insert(1, [list])
      list.insert(0, [listItem])
    })
    expect(found).toEqual(expect.arrayContaining([fragment(doc), list, listItem]))
    expect(sequenceProblem(listItem)).toMatch(/<listItem> holding nothing/)
  })

  it('says which additions may leave a sequence to complete: never a text block, a leaf or a row', () => {
    expect(mayLeaveSequence(null, 'paragraph')).toBe(false)
    expect(mayLeaveSequence('tableCell', 'heading')).toBe(false)
    expect(mayLeaveSequence('paragraph', 'hardBreak')).toBe(false)
    expect(mayLeaveSequence('table', 'tableRow')).toBe(false)
    expect(mayLeaveSequence(null, 'bulletList')).toBe(true)
    expect(mayLeaveSequence('tableRow', 'tableCell')).toBe(true)
    expect(mayLeaveSequence('listItem', 'paragraph')).toBe(true)
  })
})

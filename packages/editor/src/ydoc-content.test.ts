import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docNodeFromJson } from './doc-node.ts'
import { sampleDocument } from './sample-document.fixture.ts'
import { proseMirrorJsonToYUpdate, replaceYDocContent, yDocToProseMirrorJson } from './ydoc-content.ts'

/** The JSON ProseMirror itself produces for `json` (default attrs filled in, marks ordered). */
const normalized = (json: JSONContent): JSONContent => docNodeFromJson(json).toJSON() as JSONContent

const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text: value }] })

const docOf = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content })

function syncBothWays(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB)
  Y.applyUpdate(a, toA)
}

/** Records every update `doc` emits while `fn` runs. */
function captureUpdates(doc: Y.Doc, fn: () => void): { update: Uint8Array; origin: unknown }[] {
  const seen: { update: Uint8Array; origin: unknown }[] = []
  const listener = (update: Uint8Array, origin: unknown) => seen.push({ update, origin })
  doc.on('update', listener)
  try {
    fn()
  } finally {
    doc.off('update', listener)
  }
  return seen
}

const allText = (json: JSONContent): string =>
  (json.text ?? '') + (json.content ?? []).map(allText).join('\n')

describe('yDocToProseMirrorJson', () => {
  it('reads an empty document as one empty paragraph', () => {
    expect(yDocToProseMirrorJson(new Y.Doc())).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
  })

  it('reads the named fragment only', () => {
    const doc = new Y.Doc()
    replaceYDocContent(doc, docOf(paragraph('in other')), undefined, 'other')
    expect(allText(yDocToProseMirrorJson(doc, 'other'))).toBe('in other')
    expect(yDocToProseMirrorJson(doc)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
  })

  it('never modifies the Y.Doc, even when it holds content the schema does not know', () => {
    const doc = new Y.Doc()
    replaceYDocContent(doc, docOf(paragraph('kept')))
    doc.getXmlFragment('default').insert(1, [new Y.XmlElement('notInTheSchema')])
    const before = Y.encodeStateAsUpdate(doc)

    const updates = captureUpdates(doc, () => {
      expect(yDocToProseMirrorJson(doc)).toEqual(normalized(docOf(paragraph('kept'))))
    })

    expect(updates).toHaveLength(0)
    expect(doc.getXmlFragment('default').length).toBe(2)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })
})

describe('JSON -> Y.Doc -> JSON round trip', () => {
  it('keeps headings, lists, task list, table, link and marks', () => {
    const doc = new Y.Doc()
    replaceYDocContent(doc, sampleDocument)
    const read = yDocToProseMirrorJson(doc)

    expect(read).toEqual(normalized(sampleDocument))
    // Guard against a vacuous comparison: the content really is there.
    expect(read.content?.map((node) => node.type)).toEqual([
      'heading', 'heading', 'paragraph', 'paragraph', 'bulletList', 'taskList', 'table', 'paragraph',
    ])
    expect(read.content?.[5]?.content?.map((item) => item.attrs?.checked)).toEqual([true, false])
    expect(JSON.stringify(read)).toContain('"href":"https://example.org/?a=1&b=2"')
    expect(JSON.stringify(read)).toContain('{"type":"bold"},{"type":"italic"}')
  })

  it('works through proseMirrorJsonToYUpdate for seeding a new document', () => {
    const seeded = new Y.Doc()
    Y.applyUpdate(seeded, proseMirrorJsonToYUpdate(sampleDocument))
    expect(yDocToProseMirrorJson(seeded)).toEqual(normalized(sampleDocument))
  })

  it('seeds the requested fragment name', () => {
    const seeded = new Y.Doc()
    Y.applyUpdate(seeded, proseMirrorJsonToYUpdate(docOf(paragraph('x')), 'notes'))
    expect(seeded.getXmlFragment('default').length).toBe(0)
    expect(allText(yDocToProseMirrorJson(seeded, 'notes'))).toBe('x')
  })
})

describe('replaceYDocContent', () => {
  it('applies the change as one transaction carrying the origin', () => {
    const doc = new Y.Doc()
    replaceYDocContent(doc, sampleDocument)
    const origin = { reason: 'restore snapshot' }
    const target = docOf(paragraph('Only this is left'), { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'And this' }] })

    const updates = captureUpdates(doc, () => replaceYDocContent(doc, target, origin))

    expect(updates).toHaveLength(1)
    expect(updates[0]?.origin).toBe(origin)
    expect(yDocToProseMirrorJson(doc)).toEqual(normalized(target))
  })

  it('does nothing when the content is already equal', () => {
    const doc = new Y.Doc()
    replaceYDocContent(doc, sampleDocument)
    const updates = captureUpdates(doc, () => replaceYDocContent(doc, sampleDocument))
    expect(updates).toHaveLength(0)
  })

  it('rejects invalid documents without touching the Y.Doc', () => {
    const doc = new Y.Doc()
    replaceYDocContent(doc, docOf(paragraph('safe')))
    const updates = captureUpdates(doc, () => {
      // Text directly inside doc breaks the schema's `block+` rule.
      expect(() => replaceYDocContent(doc, docOf({ type: 'text', text: 'loose' }))).toThrow(RangeError)
      expect(() => replaceYDocContent(doc, docOf({ type: 'noSuchNode' }))).toThrow(RangeError)
      expect(() => replaceYDocContent(doc, paragraph('not a doc'))).toThrow(RangeError)
    })
    expect(updates).toHaveLength(0)
    expect(allText(yDocToProseMirrorJson(doc))).toBe('safe')
  })

  it('restoring an old version merges with a concurrent edit instead of rewinding it', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const oldVersion = docOf(paragraph('Intro stays'), paragraph('Old wording of the goal'), paragraph('Closing stays'))
    replaceYDocContent(a, oldVersion)
    syncBothWays(a, b)

    // Later edit that will be undone by the restore.
    replaceYDocContent(a, docOf(paragraph('Intro stays'), paragraph('New wording of the goal'), paragraph('Closing stays')))
    syncBothWays(a, b)
    expect(allText(yDocToProseMirrorJson(b))).toContain('New wording')

    // Concurrently: A restores the old version, B edits an untouched paragraph and appends one.
    replaceYDocContent(a, oldVersion, 'restore')
    const bFragment = b.getXmlFragment('default')
    b.transact(() => {
      const closingText = (bFragment.get(2) as Y.XmlElement).get(0) as Y.XmlText
      closingText.insert(closingText.length, ' (edited by B)')
      const appended = new Y.XmlElement('paragraph')
      appended.insert(0, [new Y.XmlText('Paragraph added by B')])
      bFragment.insert(bFragment.length, [appended])
    })
    syncBothWays(a, b)

    const expected = normalized(
      docOf(
        paragraph('Intro stays'),
        paragraph('Old wording of the goal'),
        paragraph('Closing stays (edited by B)'),
        paragraph('Paragraph added by B'),
      ),
    )
    expect(yDocToProseMirrorJson(a)).toEqual(expected)
    expect(yDocToProseMirrorJson(b)).toEqual(expected)
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b))
  })

  it('only writes what differs: one changed paragraph out of 50 gives a small update', () => {
    const paragraphs = Array.from({ length: 50 }, (_, i) =>
      paragraph(`Paragraph ${i}: municipal partners agree on shared indicators and a common timeline for the pilot.`),
    )
    const original = docOf(...paragraphs)
    const changed = docOf(...paragraphs.slice(0, 25), paragraph('Paragraph 25 was rewritten.'), ...paragraphs.slice(26))

    const doc = new Y.Doc()
    replaceYDocContent(doc, original)
    const fullRewrite = proseMirrorJsonToYUpdate(changed)

    const updates = captureUpdates(doc, () => replaceYDocContent(doc, changed))

    expect(updates).toHaveLength(1)
    const size = updates[0]?.update.byteLength ?? Infinity
    expect(size).toBeLessThan(fullRewrite.byteLength / 20)
    expect(yDocToProseMirrorJson(doc)).toEqual(normalized(changed))
  })
})

import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newIdeaDocumentUpdate, titleLivesInRecord } from './doc-format.ts'
import { docNodeFromJson } from './doc-node.ts'
import { repairDocument, titleHeadingToRecord } from './doc-repairs.ts'
import { proposalTemplateJson, templateLanguages } from './proposal-template.ts'
import { rewriteTheOldWay, ideaDocumentStoredTheOldWay as storedTheOldWay } from './testing.ts'
import { yDocToProseMirrorJson } from './ydoc-content.ts'

/** A Y.Doc of its own (its own client id) holding `updates`: a room loading the document, or a browser's copy. */
function docOf(...updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc
}

const blocks = (doc: Y.Doc): JSONContent[] => yDocToProseMirrorJson(doc).content ?? []
const textOf = (block: JSONContent | undefined): string => (block?.text ?? '') + (block?.content ?? []).map(textOf).join('')
const isTitleHeading = (block: JSONContent | undefined) => block?.type === 'heading' && block.attrs?.level === 1

/** The first block's Y.XmlText (the old template's title). */
function titleText(doc: Y.Doc): Y.XmlText {
  const heading = doc.getXmlFragment('default').get(0) as Y.XmlElement
  return heading.get(0) as Y.XmlText
}

function updatesOf(doc: Y.Doc, run: () => void): Uint8Array[] {
  const seen: Uint8Array[] = []
  const listener = (update: Uint8Array) => seen.push(update)
  doc.on('update', listener)
  run()
  doc.off('update', listener)
  return seen
}

const normalized = (json: JSONContent) => docNodeFromJson(json).toJSON() as JSONContent

describe('the title heading moves to the record (repairDocument)', () => {
  it('removes the old template’s title heading when it is the record’s title, in every language', () => {
    for (const language of templateLanguages) {
      const doc = docOf(storedTheOldWay('  Green corridors  ', language))
      expect(isTitleHeading(blocks(doc)[0]), language).toBe(true)

      expect(repairDocument(doc, { title: 'Green corridors' })).toContain('title-heading-to-record')

      expect(yDocToProseMirrorJson(doc), language).toEqual(normalized(proposalTemplateJson(language)))
      expect(titleLivesInRecord(doc)).toBe(true)
    }
  })

  it('runs once: a repaired document is left alone, and no update is made', () => {
    const doc = docOf(storedTheOldWay('Green corridors'))
    repairDocument(doc, { title: 'Green corridors' })
    // People then write a heading 1 of their own at the top: it is theirs, not a title to move.
    const fragment = doc.getXmlFragment('default')
    const own = new Y.XmlElement('heading')
    own.setAttribute('level', 1 as unknown as string)
    own.insert(0, [new Y.XmlText('Annex: letters of support')])
    fragment.insert(0, [own])

    expect(updatesOf(doc, () => expect(repairDocument(doc, { title: 'Green corridors' })).toEqual([]))).toEqual([])
    expect(textOf(blocks(doc)[0])).toBe('Annex: letters of support')
  })

  it('removes a heading nobody edited in the document when the record was renamed since (the old title)', () => {
    const doc = docOf(storedTheOldWay('Green corridors'))
    repairDocument(doc, { title: 'Green and blue corridors for Kisumu' })
    expect(blocks(doc).some(isTitleHeading)).toBe(false)
    expect(blocks(doc)).toHaveLength(22)
  })

  it('removes a heading edited in the document into the record’s title (both renamed alike)', () => {
    const doc = docOf(storedTheOldWay('Green corridors'))
    titleText(doc).insert('Green corridors'.length, ' for Kisumu')
    repairDocument(doc, { title: 'Green corridors  for Kisumu' })
    expect(blocks(doc).some(isTitleHeading)).toBe(false)
  })

  it('keeps the words of a heading people edited into something else, as a paragraph in its place', () => {
    const writer = docOf(storedTheOldWay('Green corridors'))
    titleText(writer).insert('Green corridors'.length, ' – phase 2', { bold: {} })
    const stored = Y.encodeStateAsUpdate(writer)
    const room = docOf(stored)

    expect(repairDocument(room, { title: 'Green corridors' })).toContain('title-heading-to-record')

    const [first, second] = blocks(room)
    expect(first).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Green corridors' },
        { type: 'text', text: ' – phase 2', marks: [{ type: 'bold' }] },
      ],
    })
    expect(second).toMatchObject({ type: 'heading', attrs: { level: 2 } })
    expect(blocks(room).some(isTitleHeading)).toBe(false)
  })

  it('keeps a heading whose words people deleted some of (the title they left is theirs)', () => {
    const writer = docOf(storedTheOldWay('Green corridors for Kisumu'))
    titleText(writer).delete('Green corridors'.length, ' for Kisumu'.length)
    const room = docOf(Y.encodeStateAsUpdate(writer))
    repairDocument(room, { title: 'Green corridors for Kisumu' })
    expect(blocks(room)[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: 'Green corridors' }] })
  })

  it('removes the empty heading a blank title gave', () => {
    const doc = docOf(storedTheOldWay('   '))
    repairDocument(doc, { title: 'Named later' })
    expect(yDocToProseMirrorJson(doc)).toEqual(normalized(proposalTemplateJson()))
  })

  it('only marks a document whose title heading people had already removed', () => {
    const doc = docOf(storedTheOldWay('Green corridors'))
    doc.getXmlFragment('default').delete(0, 1)
    const before = yDocToProseMirrorJson(doc)
    expect(repairDocument(doc, { title: 'Green corridors' })).toContain('title-heading-to-record')
    expect(yDocToProseMirrorJson(doc)).toEqual(before)
    expect(titleLivesInRecord(doc)).toBe(true)
  })

  it('does nothing without the record’s title', () => {
    const doc = docOf(storedTheOldWay('Green corridors'))
    expect(repairDocument(doc, { title: null })).not.toContain('title-heading-to-record')
    expect(isTitleHeading(blocks(doc)[0])).toBe(true)
    expect(titleLivesInRecord(doc)).toBe(false)
  })

  it('leaves a new idea’s document alone: it is marked from its first state', () => {
    const doc = docOf(newIdeaDocumentUpdate(proposalTemplateJson('fr')))
    expect(titleLivesInRecord(doc)).toBe(true)
    expect(updatesOf(doc, () => expect(titleHeadingToRecord.apply(doc, { title: 'Corridors verts' })).toBe(false))).toEqual([])
  })

  it('repairs a new idea’s document that a test rewrote the old way (the e2e test’s old idea)', () => {
    const doc = docOf(newIdeaDocumentUpdate(proposalTemplateJson()))
    rewriteTheOldWay(doc, 'Green corridors')
    expect(titleLivesInRecord(doc)).toBe(false)
    expect(textOf(blocks(doc)[0])).toBe('Green corridors')
    repairDocument(doc, { title: 'Green corridors' })
    expect(yDocToProseMirrorJson(doc)).toEqual(normalized(proposalTemplateJson()))
  })

  it('reaches a browser’s older copy as any change: one title, and the browser’s offline words kept', () => {
    const stored = storedTheOldWay('Green corridors')
    const browser = docOf(stored)
    // Offline, the browser wrote in section 2.
    const section2 = browser.getXmlFragment('default').get(4) as Y.XmlElement
    section2.insert(0, [new Y.XmlText('Written offline')])
    const room = docOf(stored)
    repairDocument(room, { title: 'Green corridors' })

    Y.applyUpdate(browser, Y.encodeStateAsUpdate(room, Y.encodeStateVector(browser)))
    Y.applyUpdate(room, Y.encodeStateAsUpdate(browser, Y.encodeStateVector(room)))

    expect(yDocToProseMirrorJson(browser)).toEqual(yDocToProseMirrorJson(room))
    expect(blocks(browser).some(isTitleHeading)).toBe(false)
    expect(blocks(browser).map(textOf)).toContain('Written offline')
    expect(titleLivesInRecord(browser)).toBe(true)
  })
})

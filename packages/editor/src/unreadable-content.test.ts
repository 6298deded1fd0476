import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { proposalTemplateJson } from './proposal-template.ts'
import { sampleDocument } from './sample-document.fixture.ts'
import { attributeValues } from './schema-placement.ts'
import { DEFAULT_FIELD, editorSchema } from './schema.ts'
import { findUnreadableContent, removeUnreadableContent, unreadableAdditions } from './unreadable-content.ts'
import { proseMirrorJsonToYUpdate, yDocToProseMirrorJson } from './ydoc-content.ts'

/** The sample document and the nodes and marks it lacks: every node and mark of the schema. */
const everyNode: JSONContent = {
  type: 'doc',
  content: [
    ...sampleDocument.content!,
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quoted', marks: [{ type: 'strike' }] }] }] },
    { type: 'codeBlock', attrs: { language: 'js' }, content: [{ type: 'text', text: 'let x = 1' }] },
    { type: 'horizontalRule' },
    {
      type: 'paragraph',
      content: [{ type: 'text', text: 'one', marks: [{ type: 'code' }] }, { type: 'hardBreak' }, { type: 'text', text: 'two' }],
    },
  ],
}

function docWith(json = everyNode): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, proseMirrorJsonToYUpdate(json))
  return doc
}

const fragment = (doc: Y.Doc) => doc.getXmlFragment(DEFAULT_FIELD)
const paragraphWith = (text: string) => {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  return paragraph
}
/** The first element of the fragment named `name`, searched depth first. */
function find(parent: Y.XmlFragment | Y.XmlElement, name: string): Y.XmlElement {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue
    if (child.nodeName === name) return child
    try {
      return find(child, name)
    } catch {
      // not under this one
    }
  }
  throw new Error(`no <${name}>`)
}
const firstText = (doc: Y.Doc, block: string) => find(fragment(doc), block).get(0) as Y.XmlText

/** Reads the fragment as the editor's binding does, on a copy; throws if the converter throws or drops anything. */
function readStrictly(doc: Y.Doc) {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateAsUpdate(copy)
  const node = yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(DEFAULT_FIELD), editorSchema)
  expect(Buffer.from(Y.encodeStateAsUpdate(copy)).equals(Buffer.from(before)), 'the converter deleted something').toBe(true)
  return node
}

describe('findUnreadableContent', () => {
  it('finds nothing in what the editor writes: every node and mark, and the template', () => {
    expect(findUnreadableContent(docWith())).toEqual([])
    const kinds = new Set<string>()
    readStrictly(docWith()).descendants((node) => {
      kinds.add(node.type.name)
      for (const mark of node.marks) kinds.add(mark.type.name)
    })
    expect([...kinds].sort()).toEqual([...Object.keys(editorSchema.nodes), ...Object.keys(editorSchema.marks)].filter((k) => k !== 'doc').sort())
    expect(findUnreadableContent(docWith(proposalTemplateJson('ar')))).toEqual([])
  })

  const broken: Array<[string, (doc: Y.Doc) => void, RegExp]> = [
    ['a Y.XmlText at the top', (d) => fragment(d).insert(1, [new Y.XmlText('stray')]), /Y.XmlText at the top/],
    ['a Y.Map in the fragment', (d) => fragment(d).insert(0, [new Y.Map() as unknown as Y.XmlElement]), /Y.Map at the top/],
    ['an unknown element', (d) => fragment(d).insert(0, [new Y.XmlElement('script')]), /does not know \(<script>\)/],
    ['a list item at the top', (d) => fragment(d).insert(0, [new Y.XmlElement('listItem')]), /<listItem> at the top/],
    ['a paragraph straight in a table', (d) => find(fragment(d), 'table').insert(0, [paragraphWith('x')]), /<paragraph> inside <table>/],
    ['text straight in a list', (d) => find(fragment(d), 'bulletList').insert(0, [new Y.XmlText('x')]), /Y.XmlText inside <bulletList>/],
    ['a cell outside a row', (d) => find(fragment(d), 'blockquote').insert(0, [new Y.XmlElement('tableCell')]), /<tableCell> inside <blockquote>/],
    ['an unknown mark', (d) => firstText(d, 'paragraph').format(0, 2, { blink: {} }), /"blink", which is no mark/],
    ['bold in a code block', (d) => firstText(d, 'codeBlock').format(0, 2, { bold: {} }), /"bold" in <codeBlock>/],
    ['a link whose address is a number', (d) => firstText(d, 'paragraph').format(0, 2, { link: { href: 42 } }), /with a href it does not take/],
    ['an embed in a text', (d) => firstText(d, 'paragraph').insertEmbed(0, { image: 'x' }), /an embed inside a text/],
    ['an attribute no node has', (d) => find(fragment(d), 'heading').setAttribute('onclick', 'x'), /"onclick" on <heading>, which has no such/],
    ['a huge column span', (d) => find(fragment(d), 'tableCell').setAttribute('colspan', 1e9 as unknown as string), /"colspan" on <tableCell> to a value it does not take/],
    ['an attribute on a text', (d) => firstText(d, 'paragraph').setAttribute('x', 'y'), /sets "x" on a text/],
    ['another root type', (d) => d.getMap('meta').set('big', 'x'.repeat(100)), /root type "meta"/],
  ]

  it.each(broken)('finds %s, and taking it out leaves a document the binding reads whole', (_label, breakIt, reason) => {
    const doc = docWith()
    const wordsBefore = fragment(doc).toString().length
    breakIt(doc)
    const parts = findUnreadableContent(doc)
    expect(parts.map((p) => p.reason)).toEqual([expect.stringMatching(reason)])
    removeUnreadableContent(doc)
    expect(findUnreadableContent(doc)).toEqual([])
    expect(readStrictly(doc).childCount).toBe(fragment(doc).length)
    // What was readable stays (a part deleted from inside a block takes only itself).
    expect(fragment(doc).toString().length).toBeGreaterThan(wordsBefore * 0.5)
  })

  it('only the fragment: reading leaves other root types alone', () => {
    const doc = docWith()
    doc.getMap('meta').set('k', 'v')
    fragment(doc).insert(0, [new Y.XmlText('stray')])
    expect(findUnreadableContent(doc, { only: 'fragment' }).map((p) => p.where)).toEqual(['fragment'])
    expect(findUnreadableContent(doc).map((p) => p.where).sort()).toEqual(['fragment', 'root'])
  })

  it('every attribute of the schema has its allowed values written down', () => {
    const attributes = [
      ...Object.values(editorSchema.nodes).flatMap((t) => Object.keys(t.spec.attrs ?? {}).map((a) => `${t.name}.${a}`)),
      ...Object.values(editorSchema.marks).flatMap((t) => Object.keys(t.spec.attrs ?? {}).map((a) => `${t.name}.${a}`)),
    ]
    expect(attributes.filter((a) => !(a in attributeValues))).toEqual([])
  })
})

describe('yDocToProseMirrorJson on a document the editor cannot read', () => {
  it('reads what it can instead of throwing, and changes nothing', () => {
    const doc = docWith(proposalTemplateJson())
    fragment(doc).insert(3, [new Y.XmlText('stray')])
    const state = Y.encodeStateAsUpdate(doc)
    // The binding itself cannot: this is the failure the issue saw.
    expect(() => yXmlFragmentToProseMirrorRootNode(fragment(doc), editorSchema)).toThrow()
    const json = yDocToProseMirrorJson(doc)
    expect(json.content).toHaveLength(22)
    expect(Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Buffer.from(state))).toBe(true)
  })
})

describe('unreadableAdditions', () => {
  it('names what a transaction added that the editor cannot read, and nothing for an ordinary edit', () => {
    const doc = docWith()
    const seen: string[][] = []
    doc.on('afterTransaction', (transaction: Y.Transaction) => seen.push(unreadableAdditions(transaction)))
    firstText(doc, 'paragraph').insert(0, 'typed ')
    firstText(doc, 'paragraph').format(0, 5, { bold: {} })
    fragment(doc).insert(0, [paragraphWith('a new paragraph')])
    doc.getMap('meta').set('k', 'v') // not the editor's document: the editor does not care
    fragment(doc).insert(0, [new Y.XmlText('stray')])
    // Formatting runs a second transaction of its own (Yjs cleans up redundant formats); the stray text's characters
    // are named too (they stand in a text outside any text block).
    expect(seen.slice(0, -1).flat()).toEqual([])
    expect(seen.at(-1)![0]).toMatch(/Y.XmlText at the top/)
  })

  it('sees additions that arrive from elsewhere (an update) as well as local ones', () => {
    const doc = docWith()
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    find(fragment(other), 'bulletList').insert(0, [new Y.XmlText('x')])
    let reasons: string[] = []
    doc.on('afterTransaction', (transaction: Y.Transaction) => (reasons = unreadableAdditions(transaction)))
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)))
    expect(reasons[0]).toMatch(/Y.XmlText inside <bulletList>/)
  })
})

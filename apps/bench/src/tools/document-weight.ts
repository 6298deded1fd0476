/**
 * What a long proposal weighs as a Yjs document, to set MAX_DOCUMENT_BYTES (apps/server/src/env.ts) with room to
 * spare: the concept-note template grown to about 50 pages (25,000 words in paragraphs and lists, and 10 tables of
 * 12 rows by 5 columns), typed letter by letter by three co-authors who sync now and then, with the cursor jumping
 * now and then and one keystroke in seven a deletion, as people write. Prints the encoded state (what a joining client
 * is sent and the database keeps as its snapshot), the text it holds, and the bytes per character.
 *   node --import tsx apps/bench/src/tools/document-weight.ts [pages]
 */
import { proposalTemplateJson, proseMirrorJsonToYUpdate } from '@tandem/editor'
import * as Y from 'yjs'
import { random } from '../scenarios/trace.ts'

const PAGES = Number(process.argv[2] ?? 50)
const WORDS_PER_PAGE = 500
const TABLES = Math.round(PAGES / 5)
const WORDS = ['municipal', 'water', 'kiosk', 'partner', 'city', 'budget', 'the', 'of', 'and', 'to', 'waste', 'mobility', 'training', 'indicator', 'local', 'ownership', 'climate', 'co-financing']

const next = random(2026)
const authors = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
Y.applyUpdate(authors[0]!, proseMirrorJsonToYUpdate(proposalTemplateJson()))
const sync = () => {
  for (const a of authors) for (const b of authors) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
}
sync()

/** Types `text` into a new text block after `index` of the author's fragment, letter by letter, as people type. */
function typeBlock(author: Y.Doc, parent: Y.XmlFragment | Y.XmlElement, index: number, name: string, text: string): void {
  const block = new Y.XmlElement(name)
  if (name === 'heading') block.setAttribute('level', 3 as unknown as string)
  const yText = new Y.XmlText()
  author.transact(() => {
    parent.insert(index, [block])
    block.insert(0, [yText])
  })
  let cursor = 0
  for (const letter of text) {
    if (next() < 0.02) cursor = Math.floor(next() * (yText.length + 1))
    if (cursor > 0 && next() < 1 / 7) {
      yText.delete(cursor - 1, 1)
      cursor--
    }
    yText.insert(cursor, letter)
    cursor++
  }
  if (yText.length > 8 && next() < 0.3) yText.format(0, 8, { bold: {} })
}

function sentence(words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ') + '. '
}

const started = performance.now()
let words = 0
let tables = 0
for (let step = 0; words < PAGES * WORDS_PER_PAGE; step++) {
  const author = authors[step % authors.length]!
  const fragment = author.getXmlFragment('default')
  const at = Math.floor(next() * fragment.length) + 1
  const kind = next()
  if (kind < 0.7) {
    const length = 40 + Math.floor(next() * 80)
    typeBlock(author, fragment, at, 'paragraph', sentence(length))
    words += length
  } else if (kind < 0.9) {
    const list = new Y.XmlElement('bulletList')
    fragment.insert(at, [list])
    for (let i = 0; i < 4; i++) {
      const item = new Y.XmlElement('listItem')
      list.insert(i, [item])
      typeBlock(author, item, 0, 'paragraph', sentence(12))
      words += 12
    }
  } else if (tables < TABLES) {
    tables++
    const table = new Y.XmlElement('table')
    fragment.insert(at, [table])
    for (let r = 0; r < 12; r++) {
      const row = new Y.XmlElement('tableRow')
      table.insert(r, [row])
      for (let c = 0; c < 5; c++) {
        const cell = new Y.XmlElement(r === 0 ? 'tableHeader' : 'tableCell')
        cell.setAttribute('colspan', 1 as unknown as string)
        cell.setAttribute('rowspan', 1 as unknown as string)
        row.insert(c, [cell])
        typeBlock(author, cell, 0, 'paragraph', sentence(3))
        words += 3
      }
    }
  } else {
    typeBlock(author, fragment, at, 'heading', sentence(5))
    words += 5
  }
  if (step % 5 === 4) sync()
}
sync()

const doc = authors[0]!
const state = Y.encodeStateAsUpdate(doc)
let text = 0
const count = (type: Y.XmlFragment | Y.XmlElement) => {
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlElement) count(child)
    else if (child instanceof Y.XmlText) text += child.length
  }
}
count(doc.getXmlFragment('default'))
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`
console.log(`${PAGES} pages: ${words.toLocaleString('en')} words, ${tables} tables, ${text.toLocaleString('en')} characters`)
console.log(`encoded state: ${state.byteLength.toLocaleString('en')} bytes (${mib(state.byteLength)}), ${(state.byteLength / text).toFixed(1)} bytes per character`)
console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`)

import * as Y from 'yjs'

/**
 * Tests write into the editor's document as the editor does: the room refuses any other root type, and anything the
 * editor could not read. An idea's concept-note template ends with an empty paragraph: its text is the tests' own.
 */
export function bodyText(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment('default')
  const last = fragment.length > 0 ? fragment.get(fragment.length - 1) : null
  if (!(last instanceof Y.XmlElement) || last.nodeName !== 'paragraph') {
    throw new Error('the document does not end with a paragraph (not synced with an idea yet?)')
  }
  const text = last.get(0)
  if (text instanceof Y.XmlText) return text
  const made = new Y.XmlText()
  last.insert(0, [made])
  return made
}

/** The text of the document's last paragraph ('' while the document is empty). */
export function bodyTextOf(doc: Y.Doc): string {
  const fragment = doc.getXmlFragment('default')
  const last = fragment.length > 0 ? fragment.get(fragment.length - 1) : null
  const text = last instanceof Y.XmlElement ? last.get(0) : null
  return text instanceof Y.XmlText ? text.toString() : ''
}

/** A document of a client of its own that holds one paragraph reading `text` (its update adds it to any idea). */
export function paragraphDoc(text: string): Y.Doc {
  const doc = new Y.Doc()
  addParagraph(doc, text)
  return doc
}

/** Adds a paragraph reading `text` at the top of the document (a change of the document's own client). */
export function addParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph')
  doc.transact(() => {
    doc.getXmlFragment('default').insert(0, [paragraph])
    paragraph.insert(0, [new Y.XmlText(text)])
  })
}

/** paragraphDoc's update. */
export function paragraphUpdate(text: string): Uint8Array {
  const doc = paragraphDoc(text)
  try {
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/** The text of every paragraph at the top of the document, in order. */
export function paragraphTexts(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment('default')
    .toArray()
    .filter((block): block is Y.XmlElement => block instanceof Y.XmlElement && block.nodeName === 'paragraph')
    .map((block) => (block.get(0) instanceof Y.XmlText ? (block.get(0) as Y.XmlText).toString() : ''))
}

/**
 * For a client that does not sync the idea's document (a raw socket): the text of a paragraph of its own, made at
 * the top of its document the first time.
 */
export function ownText(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment('default')
  const first = fragment.length > 0 ? fragment.get(0) : null
  if (first instanceof Y.XmlElement && first.get(0) instanceof Y.XmlText) return first.get(0) as Y.XmlText
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  doc.transact(() => {
    fragment.insert(0, [paragraph])
    paragraph.insert(0, [text])
  })
  return text
}

/**
 * The tests' list of short strings (what a Y.Array was to them before the room refused other root types): paragraphs
 * added at the top of an idea's document, before its title heading.
 */
export const itemList = {
  push(doc: Y.Doc, item: string): void {
    addParagraph(doc, item)
  },
  /** The items, in the document's order. */
  read(doc: Y.Doc): string[] {
    const items: string[] = []
    for (const block of doc.getXmlFragment('default').toArray()) {
      if (!(block instanceof Y.XmlElement) || block.nodeName !== 'paragraph') break
      items.push(block.get(0) instanceof Y.XmlText ? (block.get(0) as Y.XmlText).toString() : '')
    }
    return items
  },
  /** Calls `onAdded` with the items each change of the document adds. */
  observe(doc: Y.Doc, onAdded: (items: string[]) => void): void {
    doc.getXmlFragment('default').observe((event) => {
      const added: string[] = []
      for (const delta of event.changes.delta) {
        if (!Array.isArray(delta.insert)) continue
        for (const block of delta.insert) {
          if (block instanceof Y.XmlElement && block.nodeName === 'paragraph' && block.get(0) instanceof Y.XmlText) {
            added.push((block.get(0) as Y.XmlText).toString())
          }
        }
      }
      if (added.length > 0) onAdded(added)
    })
  },
}

import * as Y from 'yjs'
import { markTitleInRecord, titleLivesInRecord } from './doc-format.ts'
import { DEFAULT_FIELD } from './schema.ts'
import { untouchedSinceCreated } from './yjs-authorship.ts'

/** What became of a document's title heading when the title moved to the idea's record. */
export type TitleHeadingOutcome = 'no-heading' | 'removed' | 'kept-as-paragraph'

/**
 * Takes the idea's title out of a document written by the old concept-note template, whose first heading (level 1)
 * repeated the title of the idea's record, and marks the document as one whose title lives in the record. The
 * heading is removed when it holds no words of its own: empty, the record's title, or exactly what the template wrote
 * (nobody edited it in the document, so the record was renamed since). A heading people edited into something else
 * keeps its words as a paragraph in its place. Idempotent: a marked document is left alone.
 * Call inside a transaction.
 */
export function moveTitleOutOfDocument(doc: Y.Doc, title: string): TitleHeadingOutcome | null {
  if (titleLivesInRecord(doc)) return null
  const fragment = doc.getXmlFragment(DEFAULT_FIELD)
  const blocks = fragment.toArray()
  const index = blocks.findIndex((block) => block instanceof Y.XmlElement && block.nodeName === 'heading')
  const heading = blocks[index]
  let outcome: TitleHeadingOutcome = 'no-heading'
  if (heading instanceof Y.XmlElement && Number(heading.getAttribute('level')) === 1) {
    const text = normalized(plainText(heading))
    if (text === '' || text === normalized(title) || untouchedSinceCreated(heading)) {
      fragment.delete(index, 1)
      outcome = 'removed'
    } else {
      const paragraph = new Y.XmlElement('paragraph')
      // Hooks are not written by the editor; every child it writes is an element or a text.
      const children = heading.toArray().filter((child) => child instanceof Y.XmlElement || child instanceof Y.XmlText)
      paragraph.insert(0, children.map((child) => child.clone()))
      fragment.delete(index, 1)
      fragment.insert(index, [paragraph])
      outcome = 'kept-as-paragraph'
    }
  }
  markTitleInRecord(doc)
  return outcome
}

function plainText(element: Y.XmlElement): string {
  let text = ''
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as Array<{ insert: unknown }>) text += typeof op.insert === 'string' ? op.insert : ' '
    } else text += ' '
  }
  return text
}

const normalized = (text: string) => text.normalize('NFC').replace(/\s+/gu, ' ').trim()

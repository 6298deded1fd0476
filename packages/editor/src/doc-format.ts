import type { JSONContent } from '@tiptap/core'
import * as Y from 'yjs'
import { replaceYDocContent } from './ydoc-content.ts'

/**
 * A top-level Y.Map where a document records how it is written, beside the editor's fragment (no editor binds it).
 * It travels with the document (snapshots, browsers' offline copies) and changes in the same transaction as the
 * content it describes.
 */
export const DOC_FORMAT_MAP = 'format'

/** `format.title = 'record'`: the idea's title lives in its record (ideas.title), not as the document's first heading. */
export const TITLE_FORMAT_KEY = 'title'
const TITLE_IN_RECORD = 'record'

export function titleLivesInRecord(doc: Y.Doc): boolean {
  return doc.getMap(DOC_FORMAT_MAP).get(TITLE_FORMAT_KEY) === TITLE_IN_RECORD
}

export function markTitleInRecord(doc: Y.Doc): void {
  doc.getMap(DOC_FORMAT_MAP).set(TITLE_FORMAT_KEY, TITLE_IN_RECORD)
}

/**
 * A new idea's first state (`Y.encodeStateAsUpdate` of a fresh Y.Doc): `json` in the editor's fragment, marked as a
 * document whose title lives in the idea's record, so no repair ever looks for a title heading in it.
 */
export function newIdeaDocumentUpdate(json: JSONContent): Uint8Array {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      replaceYDocContent(doc, json)
      markTitleInRecord(doc)
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

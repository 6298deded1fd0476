import type { JSONContent } from '@tiptap/core'
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { docNodeFromJson } from './doc-node.ts'
import { DEFAULT_FIELD, editorSchema } from './schema.ts'
import { makeReadable } from './unreadable-content.ts'

/**
 * Reads the document stored in `doc.getXmlFragment(field)` as ProseMirror JSON.
 *
 * The result is always a schema-valid document: an empty (or never written)
 * fragment gives `{ type: 'doc', content: [{ type: 'paragraph' }] }`, the same
 * single empty paragraph the editor shows for it.
 *
 * `doc` is never modified. Whatever the editor cannot read (schema-placement.ts: a
 * stray Y.XmlText at the top, an unknown mark, …; sequence-repair.ts: a table
 * cell left empty, …) is left out or completed rather than failing the read: it
 * runs on a private copy of the state, made readable first (y-tiptap's converter
 * would throw on some of it, and drop the rest while reading).
 */
export function yDocToProseMirrorJson(doc: Y.Doc, field: string = DEFAULT_FIELD): JSONContent {
  const copy = new Y.Doc()
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    makeReadable(copy, { field, only: 'fragment' })
    const read = yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(field), editorSchema)
    const valid = editorSchema.topNodeType.createAndFill(null, read.content) ?? read
    return valid.toJSON() as JSONContent
  } finally {
    copy.destroy()
  }
}

/**
 * Makes `doc.getXmlFragment(field)` equal to `json` in ONE Yjs transaction
 * (with `origin`, if given) applied on top of the current state.
 *
 * Only what differs is changed: unchanged blocks at the start and the end are
 * kept, changed blocks are updated in place and text is diffed, so concurrent
 * edits of other clients merge with this change instead of being rewound.
 * Used e.g. to restore a named snapshot as a new change.
 *
 * Throws (without touching `doc`) if `json` is not a valid document of
 * {@link editorSchema}.
 */
export function replaceYDocContent(
  doc: Y.Doc,
  json: JSONContent,
  origin?: unknown,
  field: string = DEFAULT_FIELD,
): void {
  const node = docNodeFromJson(json)
  const fragment = doc.getXmlFragment(field)
  doc.transact(() => {
    // A fresh, empty mapping: every Yjs child is compared by content with the
    // new ProseMirror node (nothing is matched by object identity).
    updateYFragment(doc, fragment, node, { mapping: new Map(), isOMark: new Map() })
  }, origin)
}

/**
 * A complete Yjs update (`Y.encodeStateAsUpdate` of a fresh Y.Doc) whose
 * `field` fragment holds `json`. For seeding a NEW document only: applying it
 * to a document that already has content adds this content a second time.
 */
export function proseMirrorJsonToYUpdate(json: JSONContent, field: string = DEFAULT_FIELD): Uint8Array {
  const doc = new Y.Doc()
  try {
    replaceYDocContent(doc, json, undefined, field)
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

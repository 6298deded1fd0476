import { repairDocument, yDocToProseMirrorJson } from '@tandem/editor'
import type { JSONContent } from '@tiptap/core'
import * as Y from 'yjs'
import { docFromUpdates } from './doc-from-updates.ts'
import type { DocStore } from './persistence/doc-store.ts'
import type { RoomRegistry } from './room-registry.ts'

/**
 * A document as it is now: the live room's when it is loaded (keystrokes not yet stored are in it), else what the
 * database holds (a room leaves memory only once everything it received is stored). Never loads a room.
 */
export interface DocumentSource {
  registry: Pick<RoomRegistry, 'get'>
  store: Pick<DocStore, 'load'>
}

export async function currentState({ registry, store }: DocumentSource, docId: string): Promise<Uint8Array> {
  const room = registry.get(docId)
  if (room) return Y.encodeStateAsUpdate(room.doc)
  const doc = docFromUpdates((await store.load(docId)).updates)
  try {
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/**
 * The same, read as ProseMirror JSON of the editor's schema. A stored document an older Tandem wrote is read as its
 * room would load it: with the repairs (packages/editor doc-repairs.ts) made on this copy, so an old template's title
 * heading is not read as a second title. `title` is the idea's record's.
 */
export async function currentDocumentJson({ registry, store }: DocumentSource, docId: string, title: string): Promise<JSONContent> {
  const room = registry.get(docId)
  if (room) return yDocToProseMirrorJson(room.doc)
  const doc = docFromUpdates((await store.load(docId)).updates)
  try {
    repairDocument(doc, { title })
    return yDocToProseMirrorJson(doc)
  } finally {
    doc.destroy()
  }
}

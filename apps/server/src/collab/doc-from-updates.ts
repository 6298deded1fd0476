import * as Y from 'yjs'

/**
 * Applies stored updates in one transaction. (Not Y.mergeUpdates: it is quadratic in the number of updates, and a
 * log tail can hold thousands.)
 */
export function applyUpdates(doc: Y.Doc, updates: Uint8Array[], origin: unknown = null): void {
  if (updates.length === 0) return
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update)
  }, origin)
}

export function docFromUpdates(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  applyUpdates(doc, updates)
  return doc
}

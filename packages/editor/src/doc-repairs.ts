import * as Y from 'yjs'
import { editorSchema } from './schema.ts'
import { DEFAULT_FIELD } from './ydoc-content.ts'

/**
 * A one-time repair of a stored document: changes `doc` (inside the caller's transaction) when the document needs
 * it, and says whether it did. Repairs run every time a room loads, so each must be idempotent and cheap when there is
 * nothing to do.
 */
export interface DocRepair {
  name: string
  apply(doc: Y.Doc): boolean
}

/**
 * Gives every empty text block (paragraph, heading, …) an empty Y.XmlText child. Documents written before the patched
 * binding (patches/@tiptap+y-tiptap+3.0.9.patch) hold empty blocks as elements without one, and two people who start
 * typing in such a block at once each create a Y.XmlText; the binding's merge of the two can write a letter twice.
 */
export const seedEmptyTextBlocks: DocRepair = {
  name: 'seed-empty-text-blocks',
  apply(doc) {
    let changed = false
    const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
      for (const child of parent.toArray()) {
        if (!(child instanceof Y.XmlElement)) continue
        if (editorSchema.nodes[child.nodeName]?.isTextblock) {
          if (child.length === 0) {
            child.insert(0, [new Y.XmlText()])
            changed = true
          }
        } else visit(child)
      }
    }
    visit(doc.getXmlFragment(DEFAULT_FIELD))
    return changed
  },
}

/** Every repair, in the order they run. */
export const docRepairs: readonly DocRepair[] = [seedEmptyTextBlocks]

/**
 * Runs every repair on `doc` in one transaction with `origin`; returns the names of those that changed something
 * (none: no Yjs update is made).
 */
export function repairDocument(doc: Y.Doc, origin?: unknown): string[] {
  const applied: string[] = []
  doc.transact(() => {
    for (const repair of docRepairs) if (repair.apply(doc)) applied.push(repair.name)
  }, origin)
  return applied
}

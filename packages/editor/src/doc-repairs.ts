import * as Y from 'yjs'
import { DEFAULT_FIELD, editorSchema } from './schema.ts'
import { moveTitleOutOfDocument } from './title-heading.ts'

/** What a repair may need to know besides the document. */
export interface RepairContext {
  /** The title in the idea's record; null when unknown (a repair that needs it then does nothing). */
  title: string | null
}

/**
 * A one-time repair of a stored document: changes `doc` (inside the caller's transaction) when the document needs
 * it, and says whether it did. Repairs run every time a room loads, so each must be idempotent and cheap when there is
 * nothing to do.
 */
export interface DocRepair {
  name: string
  /** `context` may be left out where nothing is known of the idea: a repair that needs it then does nothing. */
  apply(doc: Y.Doc, context?: RepairContext): boolean
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

/**
 * The idea's title lives in its record only: the old template's title heading leaves the document (title-heading.ts
 * says what is kept of one people edited), and the document is marked so this runs once.
 */
export const titleHeadingToRecord: DocRepair = {
  name: 'title-heading-to-record',
  apply(doc, context) {
    const title = context?.title ?? null
    return title !== null && moveTitleOutOfDocument(doc, title) !== null
  },
}

/** Every repair, in the order they run. */
export const docRepairs: readonly DocRepair[] = [seedEmptyTextBlocks, titleHeadingToRecord]

/**
 * Runs every repair on `doc` in one transaction with `origin`; returns the names of those that changed something
 * (none: no Yjs update is made).
 */
export function repairDocument(doc: Y.Doc, context: RepairContext, origin?: unknown): string[] {
  const applied: string[] = []
  doc.transact(() => {
    for (const repair of docRepairs) if (repair.apply(doc, context)) applied.push(repair.name)
  }, origin)
  return applied
}

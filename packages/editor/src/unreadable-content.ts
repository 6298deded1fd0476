import * as Y from 'yjs'
import { DOC_FORMAT_MAP } from './doc-format.ts'
import { DEFAULT_FIELD } from './schema.ts'
import { misplacement, pieceOf, placeInside, typeName, type Place } from './schema-placement.ts'
import { allContainers, repairSequences, sequenceProblem } from './sequence-repair.ts'

/**
 * Finding and taking out what the editor cannot read in a whole document (schema-placement.ts says what it can).
 *
 * Reaches into Yjs 13's types (`_start`, `_map`, `_item`: the items of a type's list and map, and the item holding a
 * type): the public API gives a type's values, not the items that hold them, and only an item can be judged where it
 * stands and deleted whatever it holds. The unit tests of this file fail if a Yjs upgrade renames them.
 */

export interface UnreadablePart {
  /** The item to delete to take the part out. */
  item: Y.Item
  /**
   * `fragment`: in the editor's document (the binding throws on it, or drops it); `root`: in another root type, which
   * the editor never reads but every joining client is sent.
   */
  where: 'fragment' | 'root'
  reason: string
}

export interface UnreadableOptions {
  /** The root type read as the editor's document (default: `default`). */
  field?: string
  /** Only the parts in the editor's document; by default every other root type's content too. */
  only?: 'fragment'
}

/**
 * Every visible item of the document that the editor cannot read, outermost only (a part's own content is not
 * listed): in the editor's fragment, and in any root type but the fragment and the document's format record.
 */
export function findUnreadableContent(doc: Y.Doc, { field = DEFAULT_FIELD, only }: UnreadableOptions = {}): UnreadablePart[] {
  const found: UnreadablePart[] = []
  for (const [name, root] of doc.share) {
    // Tandem's own record of how the document is written (doc-format.ts): the server's, kept as it is.
    if (name === DOC_FORMAT_MAP) continue
    const where = name === field ? 'fragment' : 'root'
    if (only === 'fragment' && where === 'root') continue
    const place: Place = where === 'fragment' ? { kind: 'document' } : { kind: 'root', name }
    // An explicit stack: a document nested deep (a legacy one, written by anything) must not overflow the call stack.
    const stack: Array<{ type: Y.AbstractType<any>; place: Place }> = [{ type: root, place }]
    while (stack.length > 0) {
      const { type, place } = stack.pop()!
      for (let item = type._start; item !== null; item = item.right) {
        if (item.deleted) continue
        const piece = pieceOf(item.content)
        const reason = misplacement(place, null, piece)
        if (reason !== null) found.push({ item, where, reason })
        else if (piece.kind === 'element' || piece.kind === 'text') {
          stack.push({ type: (item.content as Y.ContentType).type, place: placeInside(piece, place) })
        }
      }
      for (const [key, item] of type._map) {
        if (item.deleted) continue
        const reason = misplacement(place, key, pieceOf(item.content))
        if (reason !== null) found.push({ item, where, reason })
      }
    }
  }
  return found
}

/**
 * Deletes every part the editor cannot read, in one transaction with `origin` (inside the caller's, if any): the
 * editor's fragment keeps all it can read, every other root type is emptied. Returns what was taken out.
 */
export function removeUnreadableContent(doc: Y.Doc, options: UnreadableOptions & { origin?: unknown } = {}): UnreadablePart[] {
  const parts = findUnreadableContent(doc, options)
  if (parts.length > 0) {
    doc.transact((transaction) => {
      for (const part of parts) part.item.delete(transaction)
    }, options.origin)
  }
  return parts
}

/** Whether the editor reads the whole document: nothing misplaced, every element's children a valid sequence. */
export function isReadable(doc: Y.Doc, options: UnreadableOptions = {}): boolean {
  return (
    findUnreadableContent(doc, options).length === 0 &&
    allContainers(doc, options.field).every((container) => sequenceProblem(container) === null)
  )
}

/**
 * Makes the whole document readable by the editor, in one transaction with `origin`: removes what it cannot read
 * (removeUnreadableContent), then completes (or removes) every element whose children are no valid sequence
 * (sequence-repair.ts). Returns what was removed, and what each completed or removed element was.
 */
export function makeReadable(doc: Y.Doc, options: UnreadableOptions & { origin?: unknown } = {}): { removed: UnreadablePart[]; fixed: string[] } {
  let result: { removed: UnreadablePart[]; fixed: string[] } = { removed: [], fixed: [] }
  doc.transact(() => {
    const removed = removeUnreadableContent(doc, options)
    const containers = allContainers(doc, options.field)
    const fixed = containers.map(sequenceProblem).filter((problem): problem is string => problem !== null)
    if (fixed.length > 0) repairSequences(containers)
    result = { removed, fixed }
  }, options.origin)
  return result
}

/** Where an integrated item stands. */
export function placeOf(item: Y.Item): Place {
  const parent = item.parent as Y.AbstractType<any>
  if (parent._item === null) {
    const name = Y.findRootTypeKey(parent)
    return name === DEFAULT_FIELD ? { kind: 'document' } : { kind: 'root', name }
  }
  if (parent instanceof Y.XmlElement) return { kind: 'element', name: parent.nodeName }
  if (parent instanceof Y.XmlText) {
    const holder = parent._item.parent
    return { kind: 'text', element: holder instanceof Y.XmlElement ? holder.nodeName : null }
  }
  return { kind: 'other', what: typeName(parent) }
}

/** The root type an integrated item is in, by name. */
export function rootOf(item: Y.Item): string {
  let type = item.parent as Y.AbstractType<any>
  while (type._item !== null) type = type._item.parent as Y.AbstractType<any>
  return Y.findRootTypeKey(type)
}

/**
 * What the editor could not read among the items a transaction added to the editor's fragment (visible ones only: an
 * item added inside something deleted is deleted too). Cheap: it looks at the new items alone, each where it stands.
 */
export function unreadableAdditions(transaction: Y.Transaction): string[] {
  const reasons: string[] = []
  const store = transaction.doc.store
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0
    if (after <= before) continue
    const structs = store.clients.get(client)
    if (!structs) continue
    for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i]!.id.clock < after; i++) {
      const item = structs[i]
      if (!(item instanceof Y.Item) || item.deleted || rootOf(item) !== DEFAULT_FIELD) continue
      const reason = misplacement(placeOf(item), item.parentSub, pieceOf(item.content))
      if (reason !== null) reasons.push(reason)
    }
  }
  return reasons
}

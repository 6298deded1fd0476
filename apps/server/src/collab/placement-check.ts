import { mayLeaveSequence, misplacement, pieceOf, placeOf, type Place } from '@tandem/editor'
import * as Y from 'yjs'

/**
 * Whether a client's change leaves the editor a document it can read, judged from the change's decoded structs
 * (protocol.ts decodes every update) against the document the room holds, before anything is forwarded or applied.
 *
 * Each new item is judged where it will stand (schema-placement.ts in @tandem/editor): its parent is named in the
 * struct (a root type's name or an item's id), or, for an item with a left or right origin, it is that neighbour's
 * parent, found in the document or earlier in the same change. A keystroke is one struct whose origin is looked up
 * in the document (a binary search in its client's structs): cheap.
 *
 * An item whose parent cannot be found yet (its origin is in a change still on its way: a client that reconnects
 * sends what it types before its sync step 2) is left to Yjs, which keeps it pending, neither stored nor sent on; the
 * change that releases it is judged together with it (see the Room).
 */

/** Where a struct will stand once integrated; `gone`: it will be garbage (its parent is); `unknown`: not known yet. */
type Standing = { place: Place; key: string | null } | 'gone' | 'unknown' | { cycle: true }

type Struct = Y.Item | Y.GC | Y.Skip

export interface PlacementVerdict {
  /** Why the change may not be applied, or null. */
  change: string | null
  /** Why what the document holds pending (from earlier changes) may not be released, or null. */
  pending: string | null
  /** The change adds an element that may leave a sequence to complete (sequence-repair.ts: mayLeaveSequence). */
  sequences: boolean
}

/**
 * Judges a change's structs, and the document's pending structs (which this change may release) with them. Items
 * already in the document are skipped (Yjs ignores them).
 */
export function checkPlacement(doc: Y.Doc, change: Struct[], pending: Struct[] = []): PlacementVerdict {
  const resolver = new Resolver(doc, pending.length === 0 ? change : [...change, ...pending])
  const verdict = { change: resolver.firstProblem(change), pending: pending.length === 0 ? null : resolver.firstProblem(pending) }
  return { ...verdict, sequences: resolver.sequences }
}

class Resolver {
  private readonly store: Y.Doc['store']
  /** The change's (and pending) structs by client, in clock order. */
  private readonly byClient = new Map<number, Struct[]>()
  private readonly memo = new Map<Y.Item, Standing>()
  /** Some item judged is an element that may leave a sequence to complete. */
  sequences = false

  constructor(doc: Y.Doc, structs: Struct[]) {
    this.store = doc.store
    for (const struct of structs) {
      let list = this.byClient.get(struct.id.client)
      if (!list) this.byClient.set(struct.id.client, (list = []))
      list.push(struct)
    }
    for (const list of this.byClient.values()) {
      if (list.some((s, i) => i > 0 && s.id.clock < list[i - 1]!.id.clock)) list.sort((a, b) => a.id.clock - b.id.clock)
    }
  }

  firstProblem(structs: Struct[]): string | null {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue
      // Held whole already: Yjs skips it.
      if (struct.id.clock + struct.length <= Y.getState(this.store, struct.id.client)) continue
      const standing = this.standing(struct)
      if (standing === 'gone' || standing === 'unknown') continue
      if ('cycle' in standing) return 'items whose origins form a cycle'
      const piece = pieceOf(struct.content)
      const reason = misplacement(standing.place, standing.key, piece)
      if (reason !== null) return reason
      if (piece.kind === 'element' && !this.sequences) {
        this.sequences = mayLeaveSequence(standing.place.kind === 'element' ? standing.place.name : null, piece.name)
      }
    }
    return null
  }

  /** The struct holding `id`: the document's (integrated) first, else the change's; null when neither has it. */
  private find(id: Y.ID): { doc: Y.Item | Y.GC } | { change: Struct } | null {
    if (id.clock < Y.getState(this.store, id.client)) return { doc: Y.getItem(this.store, id) as Y.Item | Y.GC }
    const list = this.byClient.get(id.client)
    if (!list) return null
    let low = 0
    let high = list.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const struct = list[mid]!
      if (id.clock < struct.id.clock) high = mid - 1
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1
      else return { change: struct }
    }
    return null
  }

  /**
   * Where the item will stand. Iterative: a pasted paragraph is a chain of items each placed by the one before, and a
   * recursion as deep as a long change would overflow the stack.
   */
  private standing(item: Y.Item): Standing {
    const known = this.memo.get(item)
    if (known) return known
    // The common case (a keystroke: its neighbour is in the document) needs no walk.
    if (this.dependency(item) === null) {
      const standing = this.compute(item)
      this.memo.set(item, standing)
      return standing
    }
    const stack: Y.Item[] = [item]
    const onStack = new Set<Y.Item>([item])
    while (stack.length > 0) {
      const current = stack[stack.length - 1]!
      const needed = this.dependency(current)
      if (needed !== null && !this.memo.has(needed)) {
        if (onStack.has(needed)) {
          this.memo.set(current, { cycle: true })
        } else {
          stack.push(needed)
          onStack.add(needed)
          continue
        }
      } else {
        this.memo.set(current, this.compute(current))
      }
      stack.pop()
      onStack.delete(current)
    }
    return this.memo.get(item)!
  }

  /** The item of the change whose standing decides this one's (its parent, or the neighbour it takes its parent from). */
  private dependency(item: Y.Item): Y.Item | null {
    if (item.parent instanceof Y.ID) {
      const found = this.find(item.parent)
      return found && 'change' in found && found.change instanceof Y.Item ? found.change : null
    }
    if (item.parent !== null) return null
    const neighbour = this.neighbour(item)
    return neighbour && 'change' in neighbour && neighbour.change instanceof Y.Item ? neighbour.change : null
  }

  /** The neighbour Yjs takes an item's parent from: its left origin if it has one, else its right origin. */
  private neighbour(item: Y.Item): { doc: Y.Item | Y.GC } | { change: Struct } | null {
    const id = item.origin ?? item.rightOrigin
    return id === null ? null : this.find(id)
  }

  private compute(item: Y.Item): Standing {
    const parent = item.parent as unknown
    if (typeof parent === 'string') {
      return { place: parent === 'default' ? { kind: 'document' } : { kind: 'root', name: parent }, key: item.parentSub }
    }
    if (parent instanceof Y.ID) {
      const found = this.find(parent)
      if (found === null) return 'unknown'
      const holder = 'doc' in found ? found.doc : found.change
      return this.inside(holder, 'doc' in found, item.parentSub)
    }
    // The parent comes from the neighbours; Yjs makes the item garbage when either origin is garbage.
    // undefined: no such origin; null: an origin neither the document nor the change holds (yet).
    const left = item.origin === null ? undefined : this.find(item.origin)
    const right = item.rightOrigin === null ? undefined : this.find(item.rightOrigin)
    if (left === null || right === null) return 'unknown'
    const leftStruct = left && ('doc' in left ? left.doc : left.change)
    const rightStruct = right && ('doc' in right ? right.doc : right.change)
    if (leftStruct instanceof Y.GC || rightStruct instanceof Y.GC) return 'gone'
    const from = leftStruct instanceof Y.Item ? left! : rightStruct instanceof Y.Item ? right! : null
    if (from === null) return 'gone'
    if ('doc' in from) {
      const neighbour = from.doc as Y.Item
      return { place: placeOf(neighbour), key: neighbour.parentSub }
    }
    return this.memo.get(from.change as Y.Item) ?? 'unknown'
  }

  /** The standing of a child of `holder` (an item holding a type, integrated or in the change) under `key`. */
  private inside(holder: Struct, integrated: boolean, key: string | null): Standing {
    if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return 'gone'
    const type = holder.content.type
    if (type instanceof Y.XmlElement) return { place: { kind: 'element', name: type.nodeName }, key }
    if (type instanceof Y.XmlText) {
      // A text's marks depend on its block: the element the text stands in.
      const outer = integrated ? { place: placeOf(holder), key: holder.parentSub } : this.memo.get(holder)
      if (outer === undefined || outer === 'unknown' || outer === 'gone' || 'cycle' in outer) return outer ?? 'unknown'
      return { place: { kind: 'text', element: outer.place.kind === 'element' ? outer.place.name : null }, key }
    }
    return { place: { kind: 'other', what: 'a type the editor does not read' }, key }
  }
}

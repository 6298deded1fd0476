import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/**
 * What a client lacks of a document (what `Y.encodeStateAsUpdate(doc, stateVector)` holds), as several Yjs updates of
 * about `chunkBytes` each, in an order the client integrates as they come: joining a large document then never needs
 * one socket buffer, nor one websocket message on a slow link, to hold it whole.
 *
 * Each chunk holds every item it depends on, or comes after the one that does: an item's left and right origins and
 * the item holding its parent are sent first (a walk in Yjs's own order, as its integrateStructs does), so the client
 * keeps nothing pending. Unordered chunks would leave most of each pending, merged again with every next one:
 * quadratic. The delete set goes in the last chunk, whole. Structs the server itself holds pending are left out: they
 * have not been judged yet (placement-check.ts), and the client could not integrate them either.
 *
 * Reaches into Yjs 13's struct store and its V1 encoder (`Item.write`, `UpdateEncoderV1.restEncoder`), which are
 * exported but not documented; the chunked-join integration test applies the chunks to a fresh document and fails if
 * an upgrade changes them.
 */
export function encodeStateInChunks(doc: Y.Doc, stateVector: Uint8Array, chunkBytes: number): Uint8Array[] {
  const has = Y.decodeStateVector(stateVector)
  const cursors = new Map<number, Cursor>()
  for (const [client, structs] of doc.store.clients) {
    const last = structs[structs.length - 1]!
    const from = has.get(client) ?? 0
    if (from >= last.id.clock + last.length) continue
    cursors.set(client, { structs, next: Y.findIndexSS(structs, from), sent: from })
  }
  const chunks: Uint8Array[] = []
  let chunk = new Chunk()
  /** Whether the client has, or was sent, the struct holding `id` (nothing to send of its client: it has it). */
  const sent = (id: Y.ID | null | undefined): boolean => {
    if (!id) return true
    const cursor = cursors.get(id.client)
    return cursor === undefined || id.clock < cursor.sent
  }
  const dependency = (struct: Y.Item | Y.GC): Y.ID | null => {
    if (!(struct instanceof Y.Item)) return null
    if (!sent(struct.origin)) return struct.origin
    if (!sent(struct.rightOrigin)) return struct.rightOrigin
    const holder = (struct.parent as Y.AbstractType<unknown> | null)?._item
    return holder && !sent(holder.id) ? holder.id : null
  }
  const sendUpTo = (target: Y.ID) => {
    const stack = [target]
    /** Clients whose next struct waits on the stack for a dependency: needing one again would be a cycle. */
    const waiting = new Set<number>()
    while (stack.length > 0) {
      const id = stack[stack.length - 1]!
      const cursor = cursors.get(id.client)
      if (!cursor || id.clock < cursor.sent) {
        stack.pop()
        waiting.delete(id.client)
        continue
      }
      const struct = cursor.structs[cursor.next]!
      const needed = dependency(struct)
      // A cycle cannot come from Yjs (an item depends only on what existed before it); should one appear, the struct
      // goes out anyway, and the client holds it pending as it would have without chunks.
      if (needed && !waiting.has(needed.client)) {
        waiting.add(id.client)
        stack.push(needed)
        continue
      }
      chunk.write(id.client, struct, cursor.sent)
      cursor.sent = struct.id.clock + struct.length
      cursor.next++
      if (chunk.bytes >= chunkBytes) {
        chunks.push(chunk.finish(null))
        chunk = new Chunk()
      }
    }
  }
  // Higher client ids first, as Yjs writes an update.
  for (const client of [...cursors.keys()].sort((a, b) => b - a)) {
    const cursor = cursors.get(client)!
    while (cursor.next < cursor.structs.length) sendUpTo(cursor.structs[cursor.next]!.id)
  }
  chunks.push(chunk.finish(Y.createDeleteSetFromStructStore(doc.store)))
  return chunks
}

interface Cursor {
  structs: Array<Y.Item | Y.GC>
  /** Index of the next struct to send. */
  next: number
  /** The client has (or was sent) every clock below this. */
  sent: number
}

type DeleteSet = ReturnType<typeof Y.createDeleteSetFromStructStore>

/** One chunk being written: per client, a run of consecutive structs, each written as Yjs's V1 encoding writes it. */
class Chunk {
  private readonly runs = new Map<number, { clock: number; count: number; encoder: Y.UpdateEncoderV1 }>()
  bytes = 0

  /** Writes the struct from clock `from` on (a client may hold its start already). */
  write(client: number, struct: Y.Item | Y.GC, from: number): void {
    let run = this.runs.get(client)
    if (!run) this.runs.set(client, (run = { clock: from, count: 0, encoder: new Y.UpdateEncoderV1() }))
    const before = encoding.length(run.encoder.restEncoder)
    struct.write(run.encoder, from - struct.id.clock)
    run.count++
    this.bytes += encoding.length(run.encoder.restEncoder) - before
  }

  /** The chunk as a Yjs (V1) update: its runs, then the delete set given (none: an empty one). */
  finish(deleteSet: DeleteSet | null): Uint8Array {
    const out = encoding.createEncoder()
    encoding.writeVarUint(out, this.runs.size)
    for (const [client, run] of [...this.runs].sort(([a], [b]) => b - a)) {
      encoding.writeVarUint(out, run.count)
      encoding.writeVarUint(out, client)
      encoding.writeVarUint(out, run.clock)
      encoding.writeUint8Array(out, encoding.toUint8Array(run.encoder.restEncoder))
    }
    const clients = deleteSet ? [...deleteSet.clients].filter(([, ranges]) => ranges.length > 0) : []
    encoding.writeVarUint(out, clients.length)
    for (const [client, ranges] of clients) {
      encoding.writeVarUint(out, client)
      encoding.writeVarUint(out, ranges.length)
      for (const range of ranges) {
        encoding.writeVarUint(out, range.clock)
        encoding.writeVarUint(out, range.len)
      }
    }
    return encoding.toUint8Array(out)
  }
}

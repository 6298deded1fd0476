import { containersChangedBy, DEFAULT_FIELD, repairSequences, rootOf } from '@tandem/editor'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { AwarenessGuard } from './awareness-guard.ts'
import { ChangeRefused } from './change-refused.ts'
import { Connection } from './connection.ts'
import { applyUpdates } from './doc-from-updates.ts'
import type { FanOut } from './fan-out.ts'
import { checkPlacement } from './placement-check.ts'
import { encodeStateInChunks } from './sync-chunks.ts'
import { binaryFrame } from './ws-frame.ts'
import {
  asksForEverything,
  type ClientStates,
  encodeAwareness,
  encodeIdeaChanged,
  encodeStored,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type IncomingMessage,
  type UpdateContents,
} from './protocol.ts'

const MERGE_RUN = 64

/**
 * Each frame a room publishes is one socket write per connection (5–9 µs each on loopback, most of it the kernel's):
 * with N writers each sending, N² writes a second. A room may make this many socket writes per millisecond on average,
 * with bursts of up to FAN_OUT_BURST_MS of them (a leaky bucket); past that, its next flush waits for the budget (never
 * longer than FAN_OUT_MAX_WAIT_MS), and every change that arrived meanwhile goes out in it, merged. 50 clients at
 * 2 updates/s never wait; 200 at 1 update/s are flushed every 20 ms instead of at each update.
 */
const FAN_OUT_WRITES_PER_MS = 10
const FAN_OUT_BURST_MS = 100
const FAN_OUT_MAX_WAIT_MS = 50

/**
 * A client's change up to this size (a keystroke, a paste) is passed on to the room as the frame it came in, before
 * the server applies it; a larger one (a whole document from a client's offline store, say) waits for the flush,
 * which sends only what was new to the server.
 */
const FORWARD_MAX_BYTES = 4096

/**
 * A document larger than this (by the room's estimate) is sent to a joining client in chunks of about CHUNK_BYTES
 * (sync-chunks.ts), one after another as the socket writes them out, never whole in its buffer; a smaller one goes as
 * one frame. A chunk takes ~10 s at 400 kbit/s: within the 30 s a provider waits for a message.
 */
export const CHUNKED_ABOVE_BYTES = 4 * 1024 * 1024
const CHUNK_BYTES = 512 * 1024

/**
 * How long a presence renewal may wait to go out with the room's others. Every provider renews its awareness state
 * every 15–18 s (y-protocols: checked every 3 s, renewed when 15 s old) and drops a peer not heard from for 30 s, so
 * a renewal may wait this long with 10 s to spare. Sent one by one, each renewal is a frame to every connection, and
 * every y-websocket provider that receives one sends it back (it echoes what its awareness applies): in a room of 50,
 * about 1,100 frames in and as many out within a second, every 15 s. Waiting, the room's renewals go out as one frame.
 */
export const RENEWAL_WAIT_MS = 2000

/** Where a room hands every change of its document to be stored. */
export interface UpdateSink {
  append(docId: string, update: Uint8Array, userId: string | null): void
}

/** Who made a change that did not come from a socket (a restore through the API, say). */
export interface ChangeOrigin {
  userId: string | null
}

export interface RoomOptions {
  /** A client's change that would take the document past this many bytes (encoded) is refused (4413). */
  maxDocumentBytes?: number
  /** Told what the room did that a log should say (it has no logger of its own). */
  warn?: (details: Record<string, unknown>, message: string) => void
}

/**
 * One loaded document and the connections editing it. No I/O of its own: changes go to the UpdateSink, frames
 * go out through the FanOut. A client's small change is passed on at once as the frame it came in (forwardAndApply);
 * everything else is batched per event-loop tick, so N writers cost O(N) sends per tick, not O(N²), and in a busy room
 * over a few milliseconds (see FAN_OUT_WRITES_PER_MS); presence renewals, over a couple of seconds (RENEWAL_WAIT_MS).
 */
export class Room {
  readonly doc = new Y.Doc()
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<Connection>()
  /** Which socket owns which presence state (see awareness-guard.ts). */
  private readonly awarenessGuard = new AwarenessGuard()
  private outbox: { update: Uint8Array; origin: Connection | null }[] = []
  /** Awareness states changed or renewed since they last went out, and who sent them all (null: several, or none). */
  private changedAwareness = new Set<number>()
  private awarenessOrigin: Connection | null = null
  /** Set by the awareness's 'change' event: the apply under way adds, changes or removes a state, not only renews. */
  private awarenessChanging = false
  /** The changed states go out at the next flush: one changed, or the renewals' wait is over. */
  private awarenessDue = false
  private renewalTimer: NodeJS.Timeout | null = null
  /** The flush scheduled: on the next tick, or later when the room's fan-out budget is spent. */
  private flushImmediate: NodeJS.Immediate | null = null
  private flushTimer: NodeJS.Timeout | null = null
  /** When the writes of the flushes so far are paid for at FAN_OUT_WRITES_PER_MS (on performance.now()'s clock). */
  private fanOutPaidAt = 0
  private readonly unsubscribe: () => void
  private unchangedState: Uint8Array | null
  /** What the database durably holds of this document: what was loaded, then what each commit stored. */
  private storedStates: ClientStates
  /**
   * At least the document's encoded size: exact when last measured, plus every change's bytes since (a change adds
   * at most its own size). Measured again only when it says a change would pass the limit.
   */
  private bytes: number
  private readonly maxDocumentBytes: number
  /** Set while a client's change is applied together with the room's completion of it (see applyClientChange). */
  private completed = false
  destroyed = false

  constructor(
    readonly name: string,
    readonly docId: string,
    storedUpdates: Uint8Array[],
    private readonly fanOut: FanOut,
    private readonly sink: UpdateSink,
    private readonly options: RoomOptions = {},
  ) {
    this.maxDocumentBytes = options.maxDocumentBytes ?? Number.POSITIVE_INFINITY
    // Stored state is applied before any listener exists: it is neither stored again nor broadcast.
    applyUpdates(this.doc, storedUpdates)
    this.bytes = storedUpdates.reduce((sum, update) => sum + update.byteLength, 0)
    this.storedStates = this.clientStates()
    // A document loaded from its snapshot alone: those bytes are its whole state, ready to send to a new client
    // without encoding the document again (for a large document, a good part of a cold join), until it changes.
    this.unchangedState = storedUpdates.length === 1 ? ownBytes(storedUpdates[0]!) : null
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)

    this.doc.on('update', this.onUpdate)
    // y-protocols emits 'change' (a state added, changed or removed) just before 'update' (the same, plus states
    // renewed unchanged), from the same apply.
    this.awareness.on('change', () => {
      this.awarenessChanging = true
    })
    this.awareness.on('update', this.onAwarenessUpdate)
    this.unsubscribe = fanOut.subscribe(name, (frame, except) => {
      let framed: Buffer | null = null
      for (const connection of this.connections) {
        if (connection === except) continue
        framed ??= binaryFrame(frame)
        connection.sendFramed(frame, framed)
      }
    })
  }

  /** Every change the document integrates, but for a forwarded one (see forwardAndApply): stored, then flushed. */
  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.unchangedState = null
    this.bytes += update.byteLength
    const connection = origin instanceof Connection ? origin : null
    const userId = connection ? connection.userId : ((origin as ChangeOrigin | null)?.userId ?? null)
    this.sink.append(this.docId, update, userId)
    // A change the room completed goes back to its writer too: it lacks the completion.
    this.outbox.push({ update, origin: this.completed ? null : connection })
    this.scheduleFlush()
  }

  /**
   * A change of presence (someone arrives, moves their caret, leaves) goes out at the next flush, to everyone but
   * the connection it came from; a renewal alone waits up to RENEWAL_WAIT_MS for the room's others (or a change) to
   * go out with.
   */
  private readonly onAwarenessUpdate = (changes: AwarenessChanges, origin: unknown): void => {
    const connection = origin instanceof Connection ? origin : null
    this.awarenessOrigin = this.changedAwareness.size === 0 || this.awarenessOrigin === connection ? connection : null
    for (const id of changes.added) this.changedAwareness.add(id)
    for (const id of changes.updated) this.changedAwareness.add(id)
    for (const id of changes.removed) this.changedAwareness.add(id)
    const changing = this.awarenessChanging
    this.awarenessChanging = false
    if (changing) {
      this.awarenessDue = true
      this.scheduleFlush()
    } else if (!this.awarenessDue && !this.renewalTimer && !this.destroyed) {
      this.renewalTimer = setTimeout(() => {
        this.renewalTimer = null
        this.awarenessDue = true
        this.scheduleFlush()
      }, RENEWAL_WAIT_MS)
    }
  }

  join(connection: Connection): void {
    this.connections.add(connection)
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    // A client that asked learns at once what is already stored (its edits from an earlier visit, say), not only
    // after the next commit.
    if (connection.wantsStoredAcks) connection.send(encodeStored(this.storedStates))
    const states = this.awareness.getStates()
    if (states.size > 0) {
      connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])))
    }
  }

  /** Removes the connection and, for everyone at once, the awareness states it owns. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    this.awarenessGuard.release(connection)
    this.dropPresence(connection)
  }

  /**
   * Removes the awareness states a connection owns, for everyone at once (the connection too: a client that hears its
   * own state was removed announces it again with a higher clock, which the socket, still their owner, may set). For
   * a socket that left, or went silent.
   */
  dropPresence(connection: Connection): void {
    if (connection.awarenessClientIds.size === 0) return
    awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClientIds], null)
  }

  handle(connection: Connection, message: IncomingMessage): void {
    switch (message.type) {
      case 'sync-step1': {
        if (this.bytes > CHUNKED_ABOVE_BYTES) {
          const chunks = encodeStateInChunks(this.doc, message.stateVector, CHUNK_BYTES)
          // All but the last as updates: a provider counts itself synced at the first step 2.
          connection.sendInTurn(chunks.map((chunk, i) => (i < chunks.length - 1 ? encodeUpdate(chunk) : encodeSyncStep2(chunk))))
          return
        }
        const fresh = this.unchangedState && asksForEverything(message.stateVector)
        connection.send(encodeSyncStep2(fresh ? this.unchangedState! : this.encodeState(message.stateVector)))
        return
      }
      case 'sync-step2':
        if (connection.access !== 'write') return
        this.applyClientChange(connection, message.update, this.admit(message.update, message.contents))
        return
      case 'sync-update': {
        if (connection.access !== 'write') return
        const mayBreakSequences = this.admit(message.update, message.contents)
        if (!mayBreakSequences && this.mayForward(message.update, message.contents)) {
          this.forwardAndApply(connection, message.update, message.frame, message.contents)
        } else this.applyClientChange(connection, message.update, mayBreakSequences)
        return
      }
      case 'awareness': {
        const admitted = this.awarenessGuard.admit(connection, message.update, this.awareness.meta)
        if (admitted) awarenessProtocol.applyAwarenessUpdate(this.awareness, admitted, connection)
        return
      }
      case 'query-awareness': {
        const ids = [...this.awareness.getStates().keys()]
        connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
        return
      }
    }
  }

  /**
   * Throws ChangeRefused, before anything is forwarded, applied or stored, for a client's change that would leave the
   * editor a document it cannot read (placement-check.ts) or take the document past maxDocumentBytes. Structs the
   * document holds pending (waiting for a change still on its way) are judged with the change that may release them;
   * should they not pass, they are dropped, not this change: they came earlier, maybe from another socket.
   *
   * Returns whether the change, once merged, may leave an element whose children are no valid sequence (it removes
   * an element, or adds one that must hold something or where order matters, or builds on what is pending):
   * applyClientChange then completes it.
   */
  private admit(update: Uint8Array, contents: UpdateContents): boolean {
    const pendingStructs = this.doc.store.pendingStructs
    const pending = pendingStructs ? Y.decodeUpdateV2(pendingStructs.update).structs : []
    const verdict = checkPlacement(this.doc, contents.structs, pending)
    if (verdict.change !== null) throw ChangeRefused.unreadable(verdict.change)
    if (verdict.pending !== null) {
      this.doc.store.pendingStructs = null
      this.options.warn?.({ room: this.name, reason: verdict.pending }, 'pending structs dropped')
    }
    const mayBreakSequences = verdict.sequences || pending.length > 0 || this.removesElements(contents.deleteSet)
    // A change of deletions only never grows the document (and is how a full one is made smaller).
    if (contents.structs.length === 0) return mayBreakSequences
    const incoming = update.byteLength + (this.doc.store.pendingStructs?.update.byteLength ?? 0)
    if (this.bytes + incoming <= this.maxDocumentBytes) return mayBreakSequences
    this.bytes = Y.encodeStateAsUpdate(this.doc).byteLength
    if (this.bytes + incoming > this.maxDocumentBytes) throw ChangeRefused.tooLarge(this.bytes + incoming, this.maxDocumentBytes)
    return mayBreakSequences
  }

  /**
   * Whether a delete set removes anything but characters and formatting (what stands in a text), or what the document
   * does not hold yet (it may be anything). Throws ChangeRefused for a deletion of anything outside the editor's
   * document (another root type: the server's own format record): a client writes nothing else, deleting included.
   * A keystroke's deletion is one range of one item: a lookup or two.
   */
  private removesElements(deleteSet: UpdateContents['deleteSet']): boolean {
    const store = this.doc.store
    let removes = false
    for (const [client, ranges] of deleteSet.clients) {
      const structs = store.clients.get(client)
      const state = Y.getState(store, client)
      for (const range of ranges) {
        if (!structs || range.clock + range.len > state) {
          removes = true
          continue
        }
        for (let i = Y.findIndexSS(structs, range.clock); i < structs.length && structs[i]!.id.clock < range.clock + range.len; i++) {
          const struct = structs[i]!
          if (!(struct instanceof Y.Item) || struct.deleted) continue
          if (struct.parent instanceof Y.XmlText) continue
          if (rootOf(struct) !== DEFAULT_FIELD) throw ChangeRefused.unreadable(`deletes from the root type "${rootOf(struct)}"`)
          removes = true
        }
      }
    }
    return removes
  }

  /**
   * Applies a client's change that was not passed on before (it waits for the flush). One that may leave an element
   * whose children are no valid sequence (two people each deleting one of a table's two rows) is completed in the
   * same transaction (sequence-repair.ts), so every reader gets both at once and none drops the element.
   */
  private applyClientChange(connection: Connection, update: Uint8Array, mayBreakSequences: boolean): void {
    if (!mayBreakSequences) {
      Y.applyUpdate(this.doc, update, connection)
      return
    }
    try {
      this.doc.transact((transaction) => {
        Y.applyUpdate(this.doc, update, connection)
        if (repairSequences(containersChangedBy(transaction)) > 0) this.completed = true
      }, connection)
    } finally {
      this.completed = false
    }
  }

  /**
   * Applies a change made outside any socket (restore, template), through the same path as a client's. Structs held
   * pending that wait for this server's own changes (no client's edit does: only a forged one) are dropped first: the
   * change would release them unjudged.
   */
  applyChange(change: (doc: Y.Doc) => void, origin: ChangeOrigin): void {
    if (this.doc.store.pendingStructs?.missing.has(this.doc.clientID)) this.doc.store.pendingStructs = null
    this.doc.transact(() => change(this.doc), origin)
  }

  /**
   * What a client with this state vector lacks, without the structs Yjs holds pending (Y.encodeStateAsUpdate adds
   * them): they wait for a change not yet here, and are judged only once it arrives (admit).
   */
  private encodeState(stateVector: Uint8Array): Uint8Array {
    const store = this.doc.store
    const pending = store.pendingStructs
    if (pending === null) return Y.encodeStateAsUpdate(this.doc, stateVector)
    store.pendingStructs = null
    try {
      return Y.encodeStateAsUpdate(this.doc, stateVector)
    } finally {
      store.pendingStructs = pending
    }
  }

  /** At least the document's encoded size, in bytes (exact after measure()). */
  get size(): number {
    return this.bytes
  }

  /** Measures the document's encoded size now (after a change that made it smaller, say). */
  measure(): number {
    this.bytes = Y.encodeStateAsUpdate(this.doc).byteLength
    return this.bytes
  }

  /**
   * What the document holds of each client now: taken for each group commit, so cheap (no encoding). Yjs's own
   * getStateVector, which this is, is not exported.
   */
  clientStates(): ClientStates {
    const states: ClientStates = new Map()
    for (const [client, structs] of this.doc.store.clients) {
      const last = structs[structs.length - 1]
      if (last) states.set(client, last.id.clock + last.length)
    }
    return states
  }

  /** Tells clients that asked what the database now durably holds. */
  sendStored(states: ClientStates): void {
    this.storedStates = states
    let frame: Uint8Array | null = null
    for (const connection of this.connections) {
      if (!connection.wantsStoredAcks) continue
      frame ??= encodeStored(states)
      connection.send(frame)
    }
  }

  /** Tells clients that asked for Tandem's messages that the idea's record changed (a rename, a status move). */
  sendIdeaChanged(): void {
    let frame: Uint8Array | null = null
    for (const connection of this.connections) {
      if (!connection.wantsStoredAcks) continue
      frame ??= encodeIdeaChanged()
      connection.send(frame)
    }
  }

  /**
   * Whether a client's change may go out now as the frame it came in, before the server applies it, rather than at
   * the next flush: it is small; its fan-out fits in the room's burst allowance, as a flush's must (so a room of 50
   * writing at 2/s forwards every change, while in a room of 400 a run of forwards soon gives way to merged, budgeted
   * flushes); nothing waits to be flushed (so frames keep their order); the server's document holds nothing pending
   * (structs waiting for a missing change, which this one could release: those must go out as the server integrates
   * them, through the flush); and the change itself integrates whole, now, and adds something (see integratesNow).
   */
  private mayForward(update: Uint8Array, contents: UpdateContents): boolean {
    return (
      update.byteLength <= FORWARD_MAX_BYTES &&
      this.outbox.length === 0 &&
      this.flushTimer === null &&
      this.fitsFanOutBurst(this.connections.size - 1) &&
      this.doc.store.pendingStructs === null &&
      this.doc.store.pendingDs === null &&
      integratesNow(this.doc.store, contents)
    )
  }

  /**
   * Sends a client's change as received to the room's other connections at once (no encoding, no wait for the end of
   * the loop's I/O phase, no wait for the server's own apply), then applies it: the shortest path from one writer to
   * the others. mayForward has checked, from the update as decoded by its validation, that the document will take it
   * whole: a frame that does not decode is never forwarded, and Yjs integrates any well-formed change (a peer may send
   * anything, so it does not throw on what it does not know). Should it throw all the same, the writer's socket is
   * closed with MALFORMED (collab-socket.ts) and the peers hold a change the server does not.
   */
  private forwardAndApply(connection: Connection, update: Uint8Array, frame: Uint8Array, contents: UpdateContents): void {
    this.fanOut.publish(this.name, frame, connection)
    this.chargeFanOut(this.connections.size - 1)
    // The change is stored as received (integratesNow found it whole and new, so it is what Yjs would emit, give or
    // take a part the document already held, which a later apply skips): with no 'update' listener Yjs does not
    // encode it once more (a third of the cost of applying a keystroke), and there is nothing to flush. Its structs
    // add something (integratesNow); a change of deletions only may repeat what is deleted already (forwarded all
    // the same: a peer applies it as a no-op), and then is not stored.
    let changed = contents.structs.length > 0
    this.doc.off('update', this.onUpdate)
    try {
      this.doc.transact((transaction) => {
        Y.applyUpdate(this.doc, update, connection)
        changed ||= transaction.deleteSet.clients.size > 0
      }, connection)
    } finally {
      this.doc.on('update', this.onUpdate)
    }
    if (!changed) return
    this.unchangedState = null
    this.bytes += update.byteLength
    this.sink.append(this.docId, update, connection.userId)
  }

  private scheduleFlush(): void {
    if (this.flushImmediate || this.flushTimer || this.destroyed) return
    const wait = this.fanOutPaidAt - FAN_OUT_BURST_MS - performance.now()
    if (wait > 0) this.flushTimer = setTimeout(() => this.flush(), wait)
    else this.flushImmediate = setImmediate(() => this.flush())
  }

  private cancelFlush(): void {
    if (this.flushImmediate) clearImmediate(this.flushImmediate)
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushImmediate = null
    this.flushTimer = null
  }

  /** Sends the document changes since the last flush as one frame, and the awareness changes, when due, as another. */
  flush(): void {
    this.cancelFlush()
    let frames = 0
    const outbox = this.outbox
    if (outbox.length > 0) {
      this.outbox = []
      // When several sockets contributed, each gets the merged frame, its own part included (applying it again is
      // a no-op in Yjs): one frame per peer per tick instead of one per peer per update. Merging is quadratic in the
      // number of updates, so a burst is sent in runs of MERGE_RUN.
      for (let i = 0; i < outbox.length; i += MERGE_RUN) {
        const run = outbox.slice(i, i + MERGE_RUN)
        const first = run[0]!
        const sameOrigin = run.every((entry) => entry.origin === first.origin)
        const update = run.length === 1 ? first.update : Y.mergeUpdates(run.map((entry) => entry.update))
        this.fanOut.publish(this.name, encodeUpdate(update), sameOrigin ? first.origin : null)
        frames++
      }
    }
    if (this.awarenessDue && this.changedAwareness.size > 0) {
      const ids = [...this.changedAwareness]
      const origin = this.awarenessOrigin
      this.changedAwareness.clear()
      this.awarenessOrigin = null
      this.awarenessDue = false
      if (this.renewalTimer) clearTimeout(this.renewalTimer)
      this.renewalTimer = null
      this.fanOut.publish(this.name, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)), origin)
      frames++
    }
    this.chargeFanOut(frames * this.connections.size)
  }

  /** Whether this many socket writes now stay within the room's burst allowance (FAN_OUT_BURST_MS). */
  private fitsFanOutBurst(writes: number): boolean {
    const now = performance.now()
    return Math.max(this.fanOutPaidAt, now) + writes / FAN_OUT_WRITES_PER_MS <= now + FAN_OUT_BURST_MS
  }

  /** Counts socket writes against the room's fan-out budget (FAN_OUT_WRITES_PER_MS). */
  private chargeFanOut(writes: number): void {
    if (writes <= 0) return
    const now = performance.now()
    const paidAt = Math.max(this.fanOutPaidAt, now) + writes / FAN_OUT_WRITES_PER_MS
    this.fanOutPaidAt = Math.min(paidAt, now + FAN_OUT_BURST_MS + FAN_OUT_MAX_WAIT_MS)
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.cancelFlush()
    if (this.renewalTimer) clearTimeout(this.renewalTimer)
    this.renewalTimer = null
    this.unsubscribe()
    this.awareness.destroy()
    this.doc.destroy()
  }
}

/**
 * The bytes in a buffer of their own. A database driver may hand out views into a larger buffer (pg decodes a small
 * bytea into its 8 KB pool), which a room that keeps the view would keep whole for as long as it is loaded.
 */
function ownBytes(bytes: Uint8Array): Uint8Array {
  // new Uint8Array(view) copies; a Buffer's slice() would be another view.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes)
}

/**
 * Whether an update, applied to the store now, integrates whole and adds something: every struct continues what the
 * store holds of its client (no gap) and points only at what the store or the update's earlier structs hold (the
 * checks of Yjs's Item.getMissing), every deletion is of something held, and at least one struct is new or something
 * is deleted. A change that would wait as pending, or that the document already holds, is not forwarded.
 */
export function integratesNow(store: Y.Doc['store'], contents: UpdateContents): boolean {
  const { structs, deleteSet } = contents
  let adds = deleteSet.clients.size > 0
  // What the store holds of each client, and then also what the update's earlier structs add to it.
  const states = new Map<number, number>()
  for (const struct of structs) {
    if (struct instanceof Y.Skip) return false
    const { client, clock } = struct.id
    const state = stateOf(store, states, client)
    if (clock > state) return false
    if (struct instanceof Y.Item) {
      const parent = struct.parent instanceof Y.ID ? struct.parent : null
      if (!holds(store, states, struct.origin) || !holds(store, states, struct.rightOrigin) || !holds(store, states, parent)) {
        return false
      }
    }
    if (clock + struct.length > state) {
      adds = true
      states.set(client, clock + struct.length)
    }
  }
  // Yjs applies the delete set after the structs: a range past what is then held would wait as pending.
  for (const [client, ranges] of deleteSet.clients) {
    const state = stateOf(store, states, client)
    for (const range of ranges) if (range.clock + range.len > state) return false
  }
  return adds
}

// integratesNow's helpers, at module level: this runs for every keystroke, and a closure made per call costs more
// than the check itself.
function stateOf(store: Y.Doc['store'], states: Map<number, number>, client: number): number {
  return states.get(client) ?? Y.getState(store, client)
}

function holds(store: Y.Doc['store'], states: Map<number, number>, id: Y.ID | null): boolean {
  return id === null || id.clock < stateOf(store, states, id.client)
}

interface AwarenessChanges {
  added: number[]
  updated: number[]
  removed: number[]
}

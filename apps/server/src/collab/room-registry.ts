import { repairDocument } from '@tandem/editor'
import type { Logger } from '../logger.ts'
import type { FanOut } from './fan-out.ts'
import type { Compactor } from './persistence/compactor.ts'
import type { DocStore } from './persistence/doc-store.ts'
import type { ClientStates } from './protocol.ts'
import { Room, type UpdateSink } from './room.ts'

export interface RoomRegistryOptions {
  store: Pick<DocStore, 'load'>
  sink: UpdateSink & { hasPending(docId: string): boolean }
  compactor: Compactor
  fanOut: FanOut
  logger: Logger
  /** The title in the idea's record, for the repairs (null: unknown; repairs that need it wait for a later load). */
  titleOf?: (docId: string) => Promise<string | null>
  /** A client's change that would take a document past this many bytes is refused (4413). */
  maxDocumentBytes?: number
}

/**
 * Get-or-load of rooms: one load in flight per document however many clients arrive at once; a failed load keeps
 * nothing (every waiting client is told, and the next attempt starts from the database again); a room is unloaded
 * once its last client has left and everything it received is stored.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly snapshotListeners = new Map<string, Set<(state: Uint8Array) => void>>()

  constructor(private readonly options: RoomRegistryOptions) {}

  get(docId: string): Room | undefined {
    return this.rooms.get(docId)
  }

  get size(): number {
    return this.rooms.size
  }

  get loadingCount(): number {
    return this.loading.size
  }

  all(): IterableIterator<Room> {
    return this.rooms.values()
  }

  /**
   * The loaded room. `onSnapshot`, when the document is loaded now from its snapshot alone, is given those bytes
   * (the whole state) before the room applies them, so a waiting client can receive them while the server works.
   */
  open(name: string, docId: string, onSnapshot?: (state: Uint8Array) => void): Promise<Room> {
    const room = this.rooms.get(docId)
    if (room) return Promise.resolve(room)
    if (onSnapshot) {
      let listeners = this.snapshotListeners.get(docId)
      if (!listeners) this.snapshotListeners.set(docId, (listeners = new Set()))
      listeners.add(onSnapshot)
    }
    let pending = this.loading.get(docId)
    if (!pending) {
      pending = this.load(name, docId).finally(() => {
        this.loading.delete(docId)
        this.snapshotListeners.delete(docId)
      })
      this.loading.set(docId, pending)
    }
    return pending
  }

  private async load(name: string, docId: string): Promise<Room> {
    const started = performance.now()
    // A room reopened right after it unloaded: its final compaction may still be writing. Reading after it means one
    // snapshot to load (and to send as is) instead of the snapshot's predecessor and a log.
    await this.options.compactor.settled(docId)
    const [stored, title] = await Promise.all([this.options.store.load(docId), this.titleOf(docId)])
    if (stored.updates.length === 1) for (const listener of this.snapshotListeners.get(docId) ?? []) listener(stored.updates[0]!)
    const { logger } = this.options
    const room = new Room(name, docId, stored.updates, this.options.fanOut, this.options.sink, {
      maxDocumentBytes: this.options.maxDocumentBytes,
      warn: (details, message) => logger.warn(details, message),
    })
    this.repair(room, title)
    this.rooms.set(docId, room)
    this.options.compactor.noteLoaded(docId, stored.stats)
    this.options.logger.info(
      { room: name, ms: Math.round(performance.now() - started), rows: stored.stats.tailRows },
      'room loaded',
    )
    return room
  }

  /**
   * Brings a document written by an older Tandem up to date (packages/editor/src/doc-repairs.ts) as a change of the
   * server's, stored and sent like any other. A repair that fails is logged and the document opens as it was.
   */
  private repair(room: Room, title: string | null): void {
    try {
      let applied: string[] = []
      room.applyChange((doc) => {
        applied = repairDocument(doc, { title })
      }, { userId: null })
      if (applied.length > 0) this.options.logger.info({ room: room.name, repairs: applied }, 'room repaired')
    } catch (error) {
      this.options.logger.error({ room: room.name, err: error }, 'room repair failed')
    }
  }

  private async titleOf(docId: string): Promise<string | null> {
    try {
      return (await this.options.titleOf?.(docId)) ?? null
    } catch (error) {
      this.options.logger.warn({ docId, err: error }, 'reading the idea\'s title for the repairs failed')
      return null
    }
  }

  /** Call when a connection left (or never joined): unloads the room if it is empty and fully stored. */
  release(room: Room): void {
    if (room.connections.size > 0 || room.destroyed) return
    if (this.options.sink.hasPending(room.docId)) return // retried from onStored once the commit lands
    void this.unload(room)
  }

  /** Forgets the room and destroys it; resolves once its final compaction is written (or has failed and logged). */
  private unload(room: Room): Promise<void> {
    if (this.rooms.get(room.docId) === room) this.rooms.delete(room.docId)
    // The final compaction takes the document's state now; the room can be destroyed right after.
    const compaction = this.options.compactor.release(room.docId, room.doc)
    room.destroy()
    this.options.logger.info({ room: room.name }, 'room unloaded')
    return compaction
  }

  /** A commit landed for this document: tell the room's clients, and unload it if it was waiting for that. */
  onStored(docId: string, states: ClientStates | null): void {
    const room = this.rooms.get(docId)
    if (!room) return
    if (states) room.sendStored(states)
    if (room.connections.size === 0) this.release(room)
  }

  /**
   * Shutdown (once the log is drained and every socket is told to close): every room unloads now, as when its last
   * client leaves, without waiting for the close handshakes, which may end after the database has closed. Resolves
   * once their final compactions are written (a failed one is logged; the log it would have folded is kept).
   */
  async unloadAll(): Promise<void> {
    await Promise.allSettled([...this.loading.values()])
    await Promise.all([...this.rooms.values()].map((room) => this.unload(room)))
  }
}

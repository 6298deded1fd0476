import type { Database } from '@tandem/db'
import { CloseCode } from '@tandem/shared'
import type { Kysely } from 'kysely'
import { WebSocketServer } from 'ws'
import type { Logger } from '../logger.ts'
import { authorize, RoomDenied, type AuthorizeDeps } from './authorize.ts'
import { collabSocketHandler } from './collab-socket.ts'
import { LocalFanOut, type FanOut } from './fan-out.ts'
import { Heartbeat } from './heartbeat.ts'
import { closeOversizedWith4413 } from './message-size-limit.ts'
import { Compactor } from './persistence/compactor.ts'
import { DocStore } from './persistence/doc-store.ts'
import { UpdateLog } from './persistence/update-log.ts'
import { RoomRegistry } from './room-registry.ts'

export interface CollabOptions {
  db: Kysely<Database>
  logger: Logger
  access: AuthorizeDeps
  maxMessageBytes: number
  persistWindowMs: number
  compactAfterUpdates: number
  fanOut?: FanOut
  keepaliveAfterMs?: number
  pingEveryMs?: number
  maxRetryDelayMs?: number
  /** The title in an idea's record (the ideas module's), for the repairs a document gets when its room loads. */
  ideaTitle?: (ideaId: string) => Promise<string | null>
  /**
   * A commit holding people's changes to an idea's document was stored (the ideas module's updated_at follows it);
   * the server's own repairs are not writing.
   */
  documentWritten?: (ideaId: string) => void
  /** Network presence: a socket in an idea's room makes its user online in the network. */
  enterPresence?: (networkSlug: string, user: { id: string; displayName: string }, ideaId: string) => () => void
}

/** Composes the room server's parts: store, group-committed log, compactor, registry, fan-out, heartbeat, route. */
export function createCollab(options: CollabOptions) {
  const { logger } = options
  const store = new DocStore(options.db)
  const fanOut = options.fanOut ?? new LocalFanOut()
  let registry: RoomRegistry
  const compactor = new Compactor({
    store,
    logger,
    minTailRows: options.compactAfterUpdates,
    docOf: (docId) => registry.get(docId)?.doc,
  })
  const updateLog = new UpdateLog({
    store,
    logger,
    windowMs: options.persistWindowMs,
    maxRetryDelayMs: options.maxRetryDelayMs,
    statesOf: (docId) => registry.get(docId)?.clientStates() ?? null,
    onStored: (docId, states, rows, bytes, lastSeq) => {
      compactor.noteStored(docId, rows, bytes, lastSeq)
      registry.onStored(docId, states)
    },
    onWritten: options.documentWritten,
  })
  registry = new RoomRegistry({ store, sink: updateLog, compactor, fanOut, logger, titleOf: options.ideaTitle })
  const heartbeat = new Heartbeat({
    keepaliveAfterMs: options.keepaliveAfterMs ?? 10_000,
    pingEveryMs: options.pingEveryMs ?? 25_000,
  })
  // ws refuses frames over maxPayload before buffering them; the handler's own check is then a second line.
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes })
  closeOversizedWith4413(wss)
  let accepting = true

  const route = collabSocketHandler({
    registry,
    heartbeat,
    logger,
    authorize: (request) => authorize(options.access, request),
    maxMessageBytes: options.maxMessageBytes,
    maxQueuedMessages: 1_000,
    maxBufferedBytes: Math.max(16 * 1024 * 1024, options.maxMessageBytes * 2),
    accepting: () => accepting,
    enterPresence: options.enterPresence,
  })

  /**
   * The user's access changed (membership revoked, role changed, signed out): decide again for each of their open
   * sockets now — close the ones no longer allowed, lower or raise the others.
   */
  async function recheck(userId: string): Promise<void> {
    const mine = [...heartbeat.connections].filter((connection) => connection.userId === userId)
    await Promise.all(
      mine.map(async (connection) => {
        try {
          connection.access = await connection.reauthorize()
        } catch (err) {
          if (err instanceof RoomDenied) connection.close(err.closeCode, err.message)
          else logger.warn({ err }, 'access recheck failed; socket kept as it was')
        }
      }),
    )
  }

  /** An idea was deleted: its sockets learn it is gone, and nothing more of it is stored. */
  function closeRoom(docId: string): void {
    updateLog.discard(docId)
    const room = registry.get(docId)
    if (!room) return
    for (const connection of [...room.connections]) connection.close(CloseCode.NOT_FOUND, 'this idea was deleted')
  }

  /** The idea's record changed: its open pages read it again (the title is shown from it, above the document). */
  function ideaChanged(ideaId: string): void {
    registry.get(ideaId)?.sendIdeaChanged()
  }

  /**
   * Stop accepting, store every unsaved change, close every socket with 1001, unload every room with its final
   * compaction. Returns updates left unstored.
   */
  async function shutdown(timeoutMs: number): Promise<number> {
    accepting = false
    heartbeat.stop()
    for (const room of registry.all()) room.flush()
    const left = await updateLog.drain(timeoutMs)
    for (const connection of heartbeat.connections) connection.close(CloseCode.GOING_AWAY, 'server is shutting down')
    await registry.unloadAll()
    await compactor.idle()
    wss.close()
    return left
  }

  return { route, wss, registry, updateLog, compactor, store, heartbeat, fanOut, shutdown, recheck, closeRoom, ideaChanged }
}

export type Collab = ReturnType<typeof createCollab>

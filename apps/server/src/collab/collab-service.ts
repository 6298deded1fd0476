import type { Database } from '@tandem/db'
import { CloseCode } from '@tandem/shared'
import type { Kysely } from 'kysely'
import { WebSocketServer, type ServerOptions } from 'ws'
import type { Logger } from '../logger.ts'
import { authorize, RoomDenied, type AuthorizeDeps } from './authorize.ts'
import { collabSocketHandler } from './collab-socket.ts'
import { LocalFanOut, type FanOut } from './fan-out.ts'
import { Heartbeat, HEARTBEAT_DEFAULTS, type HeartbeatOptions } from './heartbeat.ts'
import { closeOversizedWith4413 } from './message-size-limit.ts'
import { Compactor } from './persistence/compactor.ts'
import { DocStore } from './persistence/doc-store.ts'
import { UpdateLog } from './persistence/update-log.ts'
import { QueueBudget, type QueueBudgetOptions } from './queue-budget.ts'
import { RoomRegistry } from './room-registry.ts'
import { SESSION_LOOKUP_DEFAULTS, SessionLookupGuard, type SessionLookupGuardOptions } from './session-lookup-guard.ts'
import { SocketQuota } from './socket-quota.ts'

/**
 * How long a closing socket may take to answer our close frame before it is cut off (ws's default is 30 s): a client
 * that never answers, a stranger refused or a reader that stalled, keeps its socket and buffers no longer than this.
 */
const CLOSE_HANDSHAKE_MS = 5_000
/** A socket that holds more than its share of MAX_QUEUED_BYTES and writes nothing out for this long is dropped. */
const STALL_MS = 5_000

export interface CollabOptions {
  db: Kysely<Database>
  logger: Logger
  access: AuthorizeDeps
  maxMessageBytes: number
  /** A client's change that would take a document past this many bytes is refused (4413). */
  maxDocumentBytes: number
  persistWindowMs: number
  compactAfterUpdates: number
  fanOut?: FanOut
  /** Keepalive and liveness timings (tests shorten them); HEARTBEAT_DEFAULTS where unset. */
  heartbeat?: Partial<HeartbeatOptions>
  maxRetryDelayMs?: number
  /** The title in an idea's record (the ideas module's), for the repairs a document gets when its room loads. */
  ideaTitle?: (ideaId: string) => Promise<string | null>
  /**
   * A commit holding people's changes to an idea's document was stored (the ideas module's updated_at follows it);
   * the server's own repairs are not writing.
   */
  documentWritten?: (ideaId: string) => void
  /** Sockets one user may have open on this server (MAX_SOCKETS_PER_USER). */
  maxSocketsPerUser: number
  /** Bytes waiting to be sent, all sockets together (MAX_QUEUED_BYTES); tests may also set the stall time and clock. */
  queueBudget: Pick<QueueBudgetOptions, 'maxQueuedBytes'> & Partial<QueueBudgetOptions>
  /** Session lookups of upgrades per address; defaults in session-lookup-guard.ts (tests set a clock). */
  sessionLookups?: Partial<SessionLookupGuardOptions>
  /** How long a closing socket may take to answer the close frame; default CLOSE_HANDSHAKE_MS. */
  closeHandshakeMs?: number
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
  registry = new RoomRegistry({
    store,
    sink: updateLog,
    compactor,
    fanOut,
    logger,
    titleOf: options.ideaTitle,
    maxDocumentBytes: options.maxDocumentBytes,
  })
  const heartbeat = new Heartbeat({ ...HEARTBEAT_DEFAULTS, ...options.heartbeat })
  const quota = new SocketQuota(options.maxSocketsPerUser)
  const budget = new QueueBudget({ stallMs: STALL_MS, sweepEveryMs: 1_000, ...options.queueBudget })
  const sessionLookups = new SessionLookupGuard({ ...SESSION_LOOKUP_DEFAULTS, ...options.sessionLookups })
  // ws refuses frames over maxPayload before buffering them; the handler's own check is then a second line.
  // ws (8.18 and later) gives closeTimeout to the server's sockets too; @types/ws does not list it.
  const closeTimeout = options.closeHandshakeMs ?? CLOSE_HANDSHAKE_MS
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, closeTimeout } as ServerOptions)
  closeOversizedWith4413(wss)
  let accepting = true

  const route = collabSocketHandler({
    registry,
    heartbeat,
    logger,
    // A joining socket's session lookup goes through the per-address guard; a decision taken again (access changed)
    // is the server's own doing and does not.
    authorize: (request, address) =>
      authorize(
        address === null
          ? options.access
          : { ...options.access, userFromCookie: (cookie) => sessionLookups.userFromCookie(address, cookie, options.access.userFromCookie) },
        request,
      ),
    quota,
    budget,
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
    budget.stop()
    for (const room of registry.all()) room.flush()
    const left = await updateLog.drain(timeoutMs)
    for (const connection of heartbeat.connections) connection.close(CloseCode.GOING_AWAY, 'server is shutting down')
    await registry.unloadAll()
    await compactor.idle()
    wss.close()
    return left
  }

  return { route, wss, registry, updateLog, compactor, store, heartbeat, fanOut, quota, budget, sessionLookups, shutdown, recheck, closeRoom, ideaChanged }
}

export type Collab = ReturnType<typeof createCollab>

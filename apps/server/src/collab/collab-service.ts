import type { Database } from '@tandem/db'
import { CloseCode } from '@tandem/shared'
import type { Kysely } from 'kysely'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import { authorize, type AuthorizeDeps } from './authorize.ts'
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
  ideas: AuthorizeDeps
  maxMessageBytes: number
  persistWindowMs: number
  compactAfterUpdates: number
  fanOut?: FanOut
  keepaliveAfterMs?: number
  pingEveryMs?: number
  maxRetryDelayMs?: number
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
    stateVectorOf: (docId) => {
      const room = registry.get(docId)
      return room ? Y.encodeStateVector(room.doc) : null
    },
    onStored: (docId, stateVector, rows, bytes, lastSeq) => {
      compactor.noteStored(docId, rows, bytes, lastSeq)
      registry.onStored(docId, stateVector)
    },
  })
  registry = new RoomRegistry({ store, sink: updateLog, compactor, fanOut, logger })
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
    authorize: (request) => authorize(options.ideas, request),
    maxMessageBytes: options.maxMessageBytes,
    maxQueuedMessages: 1_000,
    maxBufferedBytes: Math.max(16 * 1024 * 1024, options.maxMessageBytes * 2),
    accepting: () => accepting,
  })

  /** Stop accepting, store every unsaved change, close every socket with 1001. Returns updates left unstored. */
  async function shutdown(timeoutMs: number): Promise<number> {
    accepting = false
    heartbeat.stop()
    for (const room of registry.all()) room.flush()
    const left = await updateLog.drain(timeoutMs)
    for (const connection of heartbeat.connections) connection.close(CloseCode.GOING_AWAY, 'server is shutting down')
    await compactor.idle()
    registry.clear()
    wss.close()
    return left
  }

  return { route, wss, registry, updateLog, compactor, store, heartbeat, fanOut, shutdown }
}

export type Collab = ReturnType<typeof createCollab>

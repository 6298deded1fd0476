import type { HttpBindings } from '@hono/node-server'
import { upgradeWebSocket } from '@hono/node-server'
import { CloseCode, parseRoomName, STORED_ACK_PARAM } from '@tandem/shared'
import type { Context } from 'hono'
import type { WebSocket } from 'ws'
import type { Logger } from '../logger.ts'
import { RoomDenied, type AuthorizeRequest, type RoomAccess } from './authorize.ts'
import { Connection } from './connection.ts'
import type { Heartbeat } from './heartbeat.ts'
import { asksForEverything, decodeMessage, encodeAuthDenied, encodeSyncStep2, ProtocolError, type IncomingMessage } from './protocol.ts'
import type { Room } from './room.ts'
import type { RoomRegistry } from './room-registry.ts'

export interface CollabSocketOptions {
  registry: RoomRegistry
  heartbeat: Heartbeat
  authorize: (request: AuthorizeRequest) => Promise<RoomAccess>
  logger: Logger
  maxMessageBytes: number
  /** While a room loads, a socket may queue at most this many messages… */
  maxQueuedMessages: number
  /** …and a socket's unsent bytes may not pass this. */
  maxBufferedBytes: number
  /** False while shutting down: new sockets are told to go elsewhere. */
  accepting: () => boolean
  /** Marks the user online in the network while the socket is in the room; returns the way out. */
  enterPresence?: (networkSlug: string, user: { id: string; displayName: string }, ideaId: string) => () => void
}

const PREFIX = '/collab/'

/**
 * The websocket route: validates the room name, asks authorize, waits for the room to load (queueing the socket's
 * messages, bounded, meanwhile), then hands decoded messages to the room. Any bad frame closes only its socket.
 */
export function collabSocketHandler(options: CollabSocketOptions) {
  const { registry, heartbeat, logger } = options
  return upgradeWebSocket((c: Context<{ Bindings: HttpBindings }>) => {
    const target = c.env.incoming.url ?? ''
    const queryAt = target.indexOf('?')
    const rawPath = queryAt === -1 ? target : target.slice(0, queryAt)
    const query = new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1))
    const roomName = rawPath.startsWith(PREFIX) ? parseRoomName(rawPath.slice(PREFIX.length)) : null
    // Kept for the socket's lifetime (access is decided again when it changes): only what authorize reads.
    const headers = new Headers()
    for (const name of ['cookie', 'origin']) {
      const value = c.req.header(name)
      if (value !== undefined) headers.set(name, value)
    }

    let connection: Connection | null = null
    let room: Room | null = null
    let socket: WebSocket | null = null
    let queue: IncomingMessage[] = []
    let queuedBytes = 0
    let closed = false
    let leavePresence: (() => void) | undefined

    const close = (code: number, reason: string) => {
      if (connection) connection.close(code, reason)
      else socket?.close(code, reason)
    }

    const join = async (ws: WebSocket) => {
      if (!roomName) return close(CloseCode.MALFORMED, 'bad room name: expected <networkSlug>/<ideaId>')
      if (!options.accepting()) return close(CloseCode.GOING_AWAY, 'server is shutting down')
      const decide = () => options.authorize({ room: roomName, headers, url: c.req.url })
      let access: RoomAccess
      try {
        access = await decide()
      } catch (err) {
        if (err instanceof RoomDenied) {
          if (err.closeCode === CloseCode.UNAUTHENTICATED || err.closeCode === CloseCode.FORBIDDEN) {
            ws.send(encodeAuthDenied(err.message))
          }
          return close(err.closeCode, err.message)
        }
        logger.error({ err }, 'authorize failed')
        return close(CloseCode.LOAD_FAILED, 'could not check access, try again')
      }
      if (closed) return
      const name = `${roomName.networkSlug}/${roomName.ideaId}`
      connection = new Connection(
        ws,
        name,
        access.userId,
        access.access,
        query.get(STORED_ACK_PARAM) === '1',
        options.maxBufferedBytes,
        async () => (await decide()).access,
      )
      heartbeat.add(connection)
      // A full turn of the event loop (through its I/O phase) lets the client's first frames in: its sync step 1 is
      // usually on the wire by now, and the embedded database answers without yielding to I/O. A cold load can then
      // answer it early.
      await new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
      let loaded: Room
      try {
        loaded = await registry.open(name, access.docId, (state) => answerEarly(connection!, state))
      } catch (err) {
        logger.error({ err, room: name }, 'room load failed')
        return close(CloseCode.LOAD_FAILED, 'document could not be loaded, try again')
      }
      if (closed) return registry.release(loaded)
      room = loaded
      room.join(connection)
      if (access.userId !== null) {
        leavePresence = options.enterPresence?.(roomName.networkSlug, { id: access.userId, displayName: access.displayName }, roomName.ideaId)
      }
      const pending = queue
      queue = []
      queuedBytes = 0
      for (const message of pending) if (!deliver(message)) return
    }

    /**
     * A cold load from a snapshot: a client that already asked for everything (sync step 1 with an empty state
     * vector) gets the snapshot's bytes now, while the server applies them to its own document.
     */
    const answerEarly = (joining: Connection, state: Uint8Array) => {
      const index = queue.findIndex((m) => m.type === 'sync-step1' && asksForEverything(m.stateVector))
      if (index === -1 || closed) return
      queue.splice(index, 1)
      joining.send(encodeSyncStep2(state))
    }

    const deliver = (message: IncomingMessage): boolean => {
      try {
        room!.handle(connection!, message)
        return true
      } catch (err) {
        logger.warn({ err, room: room!.name }, 'message rejected')
        close(CloseCode.MALFORMED, 'message could not be applied')
        return false
      }
    }

    return {
      onOpen(_event, ws) {
        socket = ws.raw as WebSocket
        join(socket).catch((err: unknown) => {
          logger.error({ err }, 'join failed')
          close(CloseCode.LOAD_FAILED, 'internal error')
        })
      },
      onMessage(event) {
        if (closed) return
        const data = event.data
        if (!(data instanceof ArrayBuffer)) return close(CloseCode.MALFORMED, 'text frames are not part of the protocol')
        if (data.byteLength > options.maxMessageBytes) return close(CloseCode.TOO_LARGE, 'message too large')
        let message: IncomingMessage
        try {
          message = decodeMessage(new Uint8Array(data))
        } catch (err) {
          logger.warn({ reason: err instanceof ProtocolError ? err.message : String(err) }, 'malformed message')
          return close(CloseCode.MALFORMED, 'malformed message')
        }
        if (room && connection) {
          deliver(message)
          return
        }
        queuedBytes += data.byteLength
        if (queue.length >= options.maxQueuedMessages || queuedBytes > options.maxBufferedBytes) {
          return close(CloseCode.OVERLOADED, 'too many messages before the document loaded')
        }
        queue.push(message)
      },
      onClose() {
        closed = true
        queue = []
        leavePresence?.()
        if (connection) {
          connection.closed = true
          heartbeat.remove(connection)
          if (room) {
            room.leave(connection)
            registry.release(room)
          }
        }
      },
      onError(event) {
        logger.debug({ err: (event as Event & { error?: unknown }).error }, 'socket error')
      },
    }
  })
}

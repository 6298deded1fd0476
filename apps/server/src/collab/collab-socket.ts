import type { HttpBindings, WebSocketLike } from '@hono/node-server'
import { upgradeWebSocket } from '@hono/node-server'
import { CloseCode, parseRoomName, STORED_ACK_PARAM, type RoomName } from '@tandem/shared'
import type { Context, Next } from 'hono'
import type { WSContext, WSEvents } from 'hono/ws'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import { RoomDenied, type AuthorizeRequest, type RoomAccess } from './authorize.ts'
import { ChangeRefused } from './change-refused.ts'
import { Connection, type Access, type ConnectionOwner } from './connection.ts'
import type { Heartbeat } from './heartbeat.ts'
import { asksForEverything, decodeMessage, encodeAuthDenied, encodeSyncStep2, encodeUpdate, ProtocolError, type IncomingMessage } from './protocol.ts'
import type { QueueBudget } from './queue-budget.ts'
import { CHUNKED_ABOVE_BYTES, type Room } from './room.ts'
import type { RoomRegistry } from './room-registry.ts'
import type { SocketQuota } from './socket-quota.ts'
import { SyncAnswerGate } from './sync-answer-gate.ts'

export interface CollabSocketOptions {
  registry: RoomRegistry
  heartbeat: Heartbeat
  /** The access decision; `address` is the client's when a socket joins, null when access is decided again. */
  authorize: (request: AuthorizeRequest, address: string | null) => Promise<RoomAccess>
  /** Sockets per user. */
  quota: SocketQuota
  /** Bytes waiting to be sent, all sockets together. */
  budget: QueueBudget
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

/** Where a raw socket keeps the CollabSocket its messages go to (see onSocketMessage). */
const OWNER = Symbol('collab socket')

/**
 * Every socket's message listener, one function for all (ws calls it with the socket as `this`): it hands ws's
 * Buffer straight to the socket's CollabSocket. @hono/node-server's own onMessage would wrap each message in a
 * MessageEvent and copy it into an ArrayBuffer first.
 */
function onSocketMessage(this: WebSocket & { [OWNER]?: CollabSocket }, data: Buffer, isBinary: boolean): void {
  this[OWNER]?.receive(data, isBinary)
}

/**
 * The websocket route: validates the room name, asks authorize (reading nothing of the socket meanwhile), counts the
 * socket against its user's quota, waits for the room to load (queueing the socket's messages, bounded, meanwhile),
 * then hands decoded messages to the room. Any bad frame closes only its socket.
 */
export function collabSocketHandler(options: CollabSocketOptions) {
  const upgrade = upgradeWebSocket((c) => new CollabSocket(options, c as unknown as UpgradeRequest))
  return (c: Context<{ Bindings: HttpBindings }>, next: Next) =>
    upgrade(new UpgradeRequest(c.env, c.req.url, c.get('clientIp')) as unknown as Context, next)
}

/**
 * All that @hono/node-server's upgradeWebSocket (2.1) reads of a request's context: the node bindings, the upgrade
 * header and the URL. It keeps the context it is given for the socket's whole life (its message, close and error
 * handlers close over it), so it is given this and not Hono's Context, which would keep the request with its headers,
 * the response and the router's match: ≈6.7 KB a socket (heap snapshot, 5,000 idle sockets). Should a later version
 * read more of the context, every socket test fails at the upgrade.
 */
class UpgradeRequest {
  constructor(
    readonly env: HttpBindings,
    readonly url: string,
    /** The client's address as the client-address middleware read it (X-Forwarded-For only under TRUST_PROXY). */
    readonly clientIp: string | undefined,
  ) {}

  get req(): this {
    return this
  }

  /** As Hono's: a header's first value, or undefined when absent or empty. */
  header(name: string): string | undefined {
    const value = this.env.incoming.headers[name.toLowerCase()]
    return (Array.isArray(value) ? value[0] : value) || undefined
  }

  /** Once the socket is open nothing reads the upgrade request again; the bindings (kept as above) let go of it. */
  releaseIncoming(): void {
    ;(this.env as Partial<HttpBindings>).incoming = undefined
  }
}

/**
 * One socket, from the upgrade until it closes. A class rather than closures: it is kept for the socket's lifetime,
 * and one object with its methods on the prototype is a fraction of a set of per-socket closures.
 */
class CollabSocket implements WSEvents<WebSocketLike>, ConnectionOwner {
  private readonly roomName: RoomName | null
  /** Only what authorize reads of the upgrade request, kept to decide again when access changes. */
  private readonly cookie: string | null
  private readonly origin: string | null
  private readonly url: string
  /** The peer's address: session lookups are budgeted per address (session-lookup-guard.ts). */
  private readonly address: string
  private readonly wantsStoredAcks: boolean
  private upgrade: UpgradeRequest | null
  private connection: Connection | null = null
  /** Who holds the socket, once authorized (for network presence). */
  private userId: string | null = null
  private displayName = ''
  private room: Room | null = null
  private socket: WebSocket | null = null
  private queue: IncomingMessage[] = []
  private queuedBytes = 0
  private closed = false
  /** The user whose quota this socket counts against, once counted. */
  private countedFor: string | null = null
  private readonly syncAnswers = new SyncAnswerGate<IncomingMessage>()
  private answerScheduled = false
  /** The snapshot this socket was answered with before its room existed (answerEarly), until it joins the room. */
  private answeredWith: Uint8Array | null = null
  private leavePresence: (() => void) | undefined = undefined
  /** The heartbeat found the socket silent: its presence is dropped until it answers again. */
  private silent = false

  constructor(
    private readonly options: CollabSocketOptions,
    upgrade: UpgradeRequest,
  ) {
    const target = upgrade.env.incoming.url ?? ''
    const queryAt = target.indexOf('?')
    const rawPath = queryAt === -1 ? target : target.slice(0, queryAt)
    this.roomName = rawPath.startsWith(PREFIX) ? parseRoomName(rawPath.slice(PREFIX.length)) : null
    this.wantsStoredAcks = queryAt !== -1 && new URLSearchParams(target.slice(queryAt + 1)).get(STORED_ACK_PARAM) === '1'
    this.cookie = upgrade.header('cookie') ?? null
    this.origin = upgrade.header('origin') ?? null
    this.url = upgrade.url
    this.address = upgrade.clientIp ?? upgrade.env.incoming.socket?.remoteAddress ?? 'unknown'
    this.upgrade = upgrade
  }

  onOpen(_event: Event, ws: WSContext<WebSocketLike>): void {
    this.upgrade?.releaseIncoming()
    this.upgrade = null
    const socket = ws.raw as WebSocket & { [OWNER]?: CollabSocket }
    this.socket = socket
    // Nothing the client sends is read until access is decided (join): a stranger's frames are never decoded, and
    // cost nothing but the kernel's buffer. Hono calls onOpen before ws has read anything after the upgrade.
    socket.pause()
    this.join(socket).catch((err: unknown) => {
      this.options.logger.error({ err }, 'join failed')
      this.close(CloseCode.LOAD_FAILED, 'internal error')
    })
  }

  /** One message from the socket, as ws delivers it. */
  receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return
    // Any message answers the heartbeat as a pong would (a ping may wait behind the client's own uploads).
    if (this.connection) this.connection.heard = true
    if (!isBinary) return this.close(CloseCode.MALFORMED, 'text frames are not part of the protocol')
    if (data.byteLength > this.options.maxMessageBytes) return this.close(CloseCode.TOO_LARGE, 'message too large')
    const ready = this.room !== null && this.connection !== null
    let message: IncomingMessage
    try {
      // A message queued while the room loads gets bytes of its own: ws's Buffer may be a view into a whole read.
      message = decodeMessage(ready ? data : new Uint8Array(data))
    } catch (err) {
      this.options.logger.warn({ reason: err instanceof ProtocolError ? err.message : String(err) }, 'malformed message')
      return this.close(CloseCode.MALFORMED, 'malformed message')
    }
    if (ready) {
      this.deliver(message)
      return
    }
    this.queuedBytes += data.byteLength
    if (this.queue.length >= this.options.maxQueuedMessages || this.queuedBytes > this.options.maxBufferedBytes) {
      return this.close(CloseCode.OVERLOADED, 'too many messages before the document loaded')
    }
    this.queue.push(message)
  }

  onClose(): void {
    this.closed = true
    this.queue = []
    this.leavePresence?.()
    if (this.countedFor !== null) this.options.quota.release(this.countedFor)
    this.countedFor = null
    const { connection, room } = this
    if (connection) {
      connection.closed = true
      connection.onWritten = null
      this.options.heartbeat.remove(connection)
      this.options.budget.detach(connection)
      if (room) {
        room.leave(connection)
        this.options.registry.release(room)
      }
    }
  }

  onError(event: Event): void {
    this.options.logger.debug({ err: (event as Event & { error?: unknown }).error }, 'socket error')
  }

  /**
   * The socket stopped answering (its network may have died without a word): the others stop seeing this person in
   * the document and in the network now, not when the socket is finally found dead. If the client was only slow, it
   * shows itself again on hearing it was dropped (Yjs raises its own clock), and is back in the network's list.
   */
  wentSilent(): void {
    if (this.silent || !this.room || !this.connection) return
    this.silent = true
    this.room.dropPresence(this.connection)
    this.leavePresence?.()
    this.leavePresence = undefined
  }

  answeredAgain(): void {
    if (!this.silent) return
    this.silent = false
    this.enterPresence()
  }

  private enterPresence(): void {
    const { roomName, userId, displayName } = this
    if (!roomName || userId === null || this.closed) return
    this.leavePresence = this.options.enterPresence?.(roomName.networkSlug, { id: userId, displayName }, roomName.ideaId)
  }

  /** The access decision again, for this socket's request (Connection.reauthorize, after a membership change). */
  async recheck(): Promise<Access> {
    return (await this.decide(null)).access
  }

  private decide(address: string | null): Promise<RoomAccess> {
    if (!this.roomName) return Promise.reject(new RoomDenied(CloseCode.MALFORMED, 'bad room name'))
    return this.options.authorize({ room: this.roomName, cookie: this.cookie, origin: this.origin, url: this.url }, address)
  }

  private close(code: number, reason: string): void {
    if (this.connection) this.connection.close(code, reason)
    else this.socket?.close(code, reason)
  }

  /**
   * Refuses a socket that was never let in: the close frame goes out, and reading resumes only so the client's close
   * frame can end the handshake (ws parses what comes meanwhile; nothing here decodes it). A client that never
   * answers is cut off at the server's close timeout.
   */
  private refuse(ws: WebSocket, code: number, reason: string): void {
    ws.close(code, reason)
    ws.resume()
  }

  private async join(ws: WebSocket & { [OWNER]?: CollabSocket }): Promise<void> {
    const { options, roomName } = this
    if (!roomName) return this.refuse(ws, CloseCode.MALFORMED, 'bad room name: expected <networkSlug>/<ideaId>')
    if (!options.accepting()) return this.refuse(ws, CloseCode.GOING_AWAY, 'server is shutting down')
    let access: RoomAccess
    try {
      access = await this.decide(this.address)
    } catch (err) {
      if (err instanceof RoomDenied) {
        if (err.closeCode === CloseCode.UNAUTHENTICATED || err.closeCode === CloseCode.FORBIDDEN) {
          ws.send(encodeAuthDenied(err.message))
        }
        return this.refuse(ws, err.closeCode, err.message)
      }
      options.logger.error({ err }, 'authorize failed')
      return this.refuse(ws, CloseCode.LOAD_FAILED, 'could not check access, try again')
    }
    if (this.closed) return
    if (access.userId !== null) {
      if (!options.quota.take(access.userId)) {
        return this.refuse(ws, CloseCode.TOO_MANY_SOCKETS, 'too many open sockets for this account: close some tabs')
      }
      this.countedFor = access.userId
    }
    const name = `${roomName.networkSlug}/${roomName.ideaId}`
    const connection = new Connection(
      ws, access.userId, access.access, this.wantsStoredAcks, options.maxBufferedBytes, this, access.displayName, options.budget,
    )
    this.connection = connection
    // Called from inside the budget's bookkeeping of a send: the waiting answer goes out after it, not within it.
    connection.onWritten = () => {
      if (this.answerScheduled || !this.syncAnswers.waiting) return
      this.answerScheduled = true
      queueMicrotask(() => {
        this.answerScheduled = false
        this.answerWaitingRequest()
      })
    }
    options.heartbeat.add(connection)
    options.budget.attach()
    // Let in: from here the socket's frames are read, decoded and (until the room is loaded) queued.
    ws[OWNER] = this
    ws.on('message', onSocketMessage)
    ws.resume()
    // A full turn of the event loop (through its I/O phase) lets the client's first frames in: its sync step 1 is
    // usually on the wire by now, and the embedded database answers without yielding to I/O. A cold load can then
    // answer it early.
    await new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
    let room: Room
    try {
      room = await options.registry.open(name, access.docId, (state) => this.answerEarly(connection, state))
    } catch (err) {
      options.logger.error({ err, room: name }, 'room load failed')
      return this.close(CloseCode.LOAD_FAILED, 'document could not be loaded, try again')
    }
    if (this.closed) return options.registry.release(room)
    this.room = room
    room.join(connection)
    this.sendWhatWasMissed(room, connection)
    this.userId = access.userId
    this.displayName = access.displayName
    this.enterPresence()
    const pending = this.queue
    this.queue = []
    this.queuedBytes = 0
    for (const message of pending) if (!this.deliver(message)) return
  }

  /**
   * A cold load from a snapshot: a client that already asked for everything (sync step 1 with an empty state
   * vector) gets the snapshot's bytes now, while the server applies them to its own document.
   */
  private answerEarly(joining: Connection, state: Uint8Array): void {
    // A large document is the room's to send, in chunks.
    if (state.byteLength > CHUNKED_ABOVE_BYTES) return
    const index = this.queue.findIndex((m) => m.type === 'sync-step1' && asksForEverything(m.stateVector))
    if (index === -1 || this.closed) return
    this.queue.splice(index, 1)
    joining.send(encodeSyncStep2(state))
    this.syncAnswers.answered(joining)
    this.answeredWith = state
  }

  /**
   * A socket answered early joins the room after every socket whose load finished first: one of them may have
   * changed the document meanwhile (its queued update applied and passed on before this socket was in the room).
   * What the room holds beyond the snapshot it was sent goes to it now; a provider never asks again.
   */
  private sendWhatWasMissed(room: Room, connection: Connection): void {
    const sent = this.answeredWith
    this.answeredWith = null
    if (!sent) return
    // Deletions advance no clock, so the difference is sent whether or not the state vector grew: one small frame.
    connection.send(encodeUpdate(Y.encodeStateAsUpdate(room.doc, Y.encodeStateVectorFromUpdate(sent))))
  }

  /** A request for the document that waited for the previous answer to go out (SyncAnswerGate) is answered now. */
  private answerWaitingRequest(): void {
    const { connection } = this
    if (!connection || !this.room || this.closed) return
    const request = this.syncAnswers.release(connection)
    if (request) this.deliver(request)
  }

  private deliver(message: IncomingMessage): boolean {
    const { room, connection } = this
    try {
      if (message.type === 'sync-step1') {
        // A large document's answer goes out in turns (Connection.sendInTurn): the next one waits for all of it.
        if (!this.syncAnswers.mayAnswer(connection!) || connection!.sendingInTurn) {
          this.syncAnswers.hold(message)
          return true
        }
        room!.handle(connection!, message)
        this.syncAnswers.answered(connection!)
        return true
      }
      room!.handle(connection!, message)
      return true
    } catch (err) {
      if (err instanceof ChangeRefused) {
        this.options.logger.warn({ room: room!.name, userId: connection!.userId, reason: err.reason }, 'change refused')
        this.close(err.closeCode, err.closeReason)
        return false
      }
      this.options.logger.warn({ err, room: room!.name }, 'message rejected')
      this.close(CloseCode.MALFORMED, 'message could not be applied')
      return false
    }
  }
}

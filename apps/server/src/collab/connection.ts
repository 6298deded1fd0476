import { CloseCode } from '@tandem/shared'
import type { WebSocket } from 'ws'
import type { QueueBudget, QueuedSocket } from './queue-budget.ts'
import { writeFrame } from './ws-frame.ts'

export type Access = 'write' | 'read'

/** A socket's owner (its collab socket): decides its access again, and hears when the socket stops answering. */
export interface ConnectionOwner {
  /** The access decision again (after a membership change or sign-out). */
  recheck(): Promise<Access>
  /** The socket has not answered a ping for a while (see Heartbeat): its presence is dropped. */
  wentSilent(): void
  /** A silent socket answered again. */
  answeredAgain(): void
}

let nextId = 1

/**
 * One client socket in one room. Owns the socket's outgoing side: sends, backpressure (its own cap and the budget of
 * all sockets), liveness bookkeeping. The awareness client ids it owns are removed for everyone when it closes.
 */
export class Connection implements QueuedSocket {
  readonly id = nextId++
  readonly awarenessClientIds = new Set<number>()
  lastSentAt = Date.now()
  /** Bytes of WebSocket frames handed to the socket so far (headers included, as ws's bufferedAmount counts them). */
  sentBytes = 0
  onWritten: (() => void) | null = null
  /** Set by a pong or any message from the client; read and cleared by the heartbeat. */
  heard = false
  /** Frames sendInTurn has yet to send, after the one being written out. */
  private inTurn: Uint8Array[] | null = null
  closed = false

  constructor(
    readonly socket: WebSocket,
    readonly userId: string | null,
    /** Lowered or raised when the user's role changes (see Collab.recheck). */
    public access: Access,
    /** The client asked for STORED messages (`?stored=1`). */
    readonly wantsStoredAcks: boolean,
    private readonly maxBufferedBytes: number,
    private readonly owner: ConnectionOwner,
    /** The user's name as the server knows it: written into each presence state the socket sets. */
    readonly displayName = '',
    private readonly budget: QueueBudget | null = null,
  ) {}

  /** Runs the room's access decision again for this socket (after a membership change or sign-out). */
  reauthorize(): Promise<Access> {
    return this.owner.recheck()
  }

  wentSilent(): void {
    if (!this.closed) this.owner.wentSilent()
  }

  answeredAgain(): void {
    if (!this.closed) this.owner.answeredAgain()
  }

  send(frame: Uint8Array): void {
    if (!this.mayWrite(frame.byteLength)) return
    this.socket.send(frame, { binary: true })
    this.budget?.sent(this)
  }

  /** send(), given also the frame as a WebSocket frame already (a room frames what it fans out once for all). */
  sendFramed(frame: Uint8Array, framed: Buffer): void {
    if (!this.mayWrite(frame.byteLength)) return
    if (!writeFrame(this.socket, framed)) this.socket.send(frame, { binary: true })
    this.budget?.sent(this)
  }

  queuedBytes(): number {
    return this.socket.bufferedAmount
  }

  /**
   * Sends the frames one after another, each once the previous one is written out to the socket (a large document in
   * chunks: only one in the socket's buffer at a time; the others wait here). The socket answers one request for the
   * document at a time (collab-socket.ts holds a repeat while this is busy); should frames come all the same, they
   * replace those still waiting (a later request asks for at least as much).
   */
  sendInTurn(frames: Uint8Array[]): void {
    const busy = this.inTurn !== null
    this.inTurn = frames.slice()
    if (!busy) this.sendNextInTurn()
  }

  /** An answer sent in turn is still going out. */
  get sendingInTurn(): boolean {
    return this.inTurn !== null
  }

  private readonly sendNextInTurn = (err?: Error | null): void => {
    const frame = this.inTurn?.shift()
    if (err || frame === undefined || !this.mayWrite(frame.byteLength)) {
      this.inTurn = null
      // A request for the document that waited for this answer may go now.
      this.onWritten?.()
      return
    }
    this.socket.send(frame, { binary: true }, this.sendNextInTurn)
    this.budget?.sent(this)
  }

  private mayWrite(bytes: number): boolean {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return false
    const frameBytes = bytes + (bytes < 126 ? 2 : bytes < 65_536 ? 4 : 10)
    // A client that does not read (a stalled phone) must not grow our memory without bound.
    if (this.socket.bufferedAmount + frameBytes > this.maxBufferedBytes) {
      this.drop(CloseCode.OVERLOADED, 'client is not reading fast enough')
      return false
    }
    if (this.budget && !this.budget.admit(this, frameBytes)) return false
    this.lastSentAt = Date.now()
    this.sentBytes += frameBytes
    return true
  }

  /**
   * Closes a socket that is not reading, letting go of what it holds at once: the close frame would only wait behind
   * it (ws keeps a closing socket's bytes until its close timeout). The client sees the connection reset.
   */
  drop(code: number, reason: string): void {
    const held = this.socket.bufferedAmount > 0
    this.close(code, reason)
    if (held) this.socket.terminate()
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    try {
      this.socket.close(code, reason)
    } catch {
      this.socket.terminate()
    }
  }
}

import { CloseCode } from '@tandem/shared'
import type { WebSocket } from 'ws'

export type Access = 'write' | 'read'

/** Decides a socket's access again (after a membership change or sign-out): its collab socket. */
export interface AccessCheck {
  recheck(): Promise<Access>
}

let nextId = 1

/**
 * One client socket in one room. Owns the socket's outgoing side: sends, backpressure, liveness bookkeeping.
 * The awareness client ids it introduced are removed for everyone when it closes.
 */
export class Connection {
  readonly id = nextId++
  readonly awarenessClientIds = new Set<number>()
  lastSentAt = Date.now()
  /** Set by a pong; cleared when a ping is sent. */
  alive = true
  closed = false

  constructor(
    readonly socket: WebSocket,
    readonly userId: string | null,
    /** Lowered or raised when the user's role changes (see Collab.recheck). */
    public access: Access,
    /** The client asked for STORED messages (`?stored=1`). */
    readonly wantsStoredAcks: boolean,
    private readonly maxBufferedBytes: number,
    private readonly accessCheck: AccessCheck,
  ) {}

  /** Runs the room's access decision again for this socket (after a membership change or sign-out). */
  reauthorize(): Promise<Access> {
    return this.accessCheck.recheck()
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return
    // A client that does not read (a stalled phone) must not grow our memory without bound.
    if (this.socket.bufferedAmount + frame.byteLength > this.maxBufferedBytes) {
      this.close(CloseCode.OVERLOADED, 'client is not reading fast enough')
      return
    }
    this.lastSentAt = Date.now()
    this.socket.send(frame, { binary: true })
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

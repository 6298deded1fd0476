import { CloseCode } from '@tandem/shared'
import type { WebSocket } from 'ws'
import { writeFrame } from './ws-frame.ts'

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
    if (this.mayWrite(frame.byteLength)) this.socket.send(frame, { binary: true })
  }

  /** send(), given also the frame as a WebSocket frame already (a room frames what it fans out once for all). */
  sendFramed(frame: Uint8Array, framed: Buffer): void {
    if (this.mayWrite(frame.byteLength) && !writeFrame(this.socket, framed)) this.socket.send(frame, { binary: true })
  }

  private mayWrite(bytes: number): boolean {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return false
    // A client that does not read (a stalled phone) must not grow our memory without bound.
    if (this.socket.bufferedAmount + bytes > this.maxBufferedBytes) {
      this.close(CloseCode.OVERLOADED, 'client is not reading fast enough')
      return false
    }
    this.lastSentAt = Date.now()
    return true
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

import { CloseCode } from '@tandem/shared'

/** MAX_QUEUED_BYTES's default. */
export const DEFAULT_MAX_QUEUED_BYTES = 256 * 1024 * 1024

/** What the budget reads of a socket and may do to it (a Connection). */
export interface QueuedSocket {
  /** Bytes handed to the socket so far. */
  readonly sentBytes: number
  /** Of those, bytes still held in this process (ws's and Node's buffers), not yet written to the kernel. */
  queuedBytes(): number
  /** Closes the socket and lets go of what it holds at once. */
  drop(code: number, reason: string): void
  /** Called when a held socket has written some of its bytes out (see SyncAnswerGate). */
  onWritten?: (() => void) | null
}

export interface QueueBudgetOptions {
  /** Bytes waiting to be sent, all sockets together. */
  maxQueuedBytes: number
  /** A socket that holds more than its share and writes nothing out for this long is dropped (1013). */
  stallMs: number
  /** How often held sockets are looked at; 0: only when sweep() is called (tests drive it with their own clock). */
  sweepEveryMs: number
  now?: () => number
}

interface Holding {
  /** queuedBytes() when last looked at (its part of `total`). */
  held: number
  /** sentBytes − held then: bytes written out so far. */
  written: number
  /** When it last wrote something out, or started to hold. */
  progressAt: number
}

/**
 * One bound on the bytes all sockets together keep waiting to be sent. A socket's own cap (maxBufferedBytes) bounds
 * one reader that stalls, not many: 200 observers' sockets that never read held 2.7 GB. A socket's share is the
 * budget divided among the open sockets. A socket that holds more than its share and writes nothing out for
 * `stallMs` is dropped; a send that would take the total past the budget drops the largest holders first, then the
 * sender itself. Dropped sockets close with 1013 (try again later) and lose what they held at once: they were not
 * reading it, and the close frame would only wait behind it.
 *
 * Only sockets holding something are tracked. A socket's queue is read after each send and at each sweep, so the
 * total may count bytes already written out until then; before refusing anything it is read again for all.
 */
export class QueueBudget {
  private readonly holders = new Map<QueuedSocket, Holding>()
  private total = 0
  private sockets = 0
  private readonly now: () => number
  private readonly timer: NodeJS.Timeout | null
  /** The highest total seen after a send (for tests and the abuse task). */
  peak = 0
  /** Sockets dropped so far. */
  dropped = 0

  constructor(private readonly options: QueueBudgetOptions) {
    this.now = options.now ?? Date.now
    this.timer = options.sweepEveryMs > 0 ? setInterval(() => this.sweep(), options.sweepEveryMs) : null
    this.timer?.unref()
  }

  /** Bytes held by all sockets as last seen. */
  get queuedBytes(): number {
    return this.total
  }

  /** What one socket may hold before it counts as holding too much: the budget shared among the open sockets. */
  get share(): number {
    return this.options.maxQueuedBytes / Math.max(1, this.sockets)
  }

  attach(): void {
    this.sockets++
  }

  /** The socket has closed: it holds nothing any more. */
  detach(socket: QueuedSocket): void {
    this.sockets = Math.max(0, this.sockets - 1)
    this.forget(socket)
  }

  /**
   * Before `bytes` more are handed to the socket: true when they fit in the budget, if need be after dropping the
   * largest holders over their share; false when the socket itself was dropped.
   */
  admit(socket: QueuedSocket, bytes: number): boolean {
    if (this.total + bytes <= this.options.maxQueuedBytes) return true
    for (const holder of [...this.holders.keys()]) this.look(holder)
    while (this.total + bytes > this.options.maxQueuedBytes) {
      const largest = this.largestOverShare()
      if (!largest || largest === socket) break
      this.drop(largest, 'the server is holding too much for slow readers')
    }
    if (this.total + bytes <= this.options.maxQueuedBytes) return true
    this.drop(socket, 'the server is holding too much for slow readers')
    return false
  }

  /** After bytes were handed to the socket: what it holds now. */
  sent(socket: QueuedSocket): void {
    this.look(socket)
    if (this.total > this.peak) this.peak = this.total
  }

  /** Looks at every holder: forgets those that wrote everything out, drops those stalled over their share. */
  sweep(): void {
    const now = this.now()
    const share = this.share
    for (const [socket, holding] of [...this.holders]) {
      this.look(socket)
      if (holding.held > share && now - holding.progressAt >= this.options.stallMs) {
        this.drop(socket, 'client stopped reading')
      }
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }

  /** Reads what the socket holds now and brings the total and its progress up to date. */
  private look(socket: QueuedSocket): void {
    const held = socket.queuedBytes()
    const holding = this.holders.get(socket)
    if (!holding) {
      if (held === 0) return
      this.holders.set(socket, { held, written: socket.sentBytes - held, progressAt: this.now() })
      this.total += held
      return
    }
    this.total += held - holding.held
    holding.held = held
    const written = socket.sentBytes - held
    const progressed = written > holding.written
    if (progressed) {
      holding.written = written
      holding.progressAt = this.now()
    }
    if (held === 0) this.holders.delete(socket)
    if (progressed) socket.onWritten?.()
  }

  private largestOverShare(): QueuedSocket | null {
    let largest: QueuedSocket | null = null
    let most = this.share
    for (const [socket, holding] of this.holders) {
      if (holding.held > most) {
        largest = socket
        most = holding.held
      }
    }
    return largest
  }

  private drop(socket: QueuedSocket, reason: string): void {
    this.forget(socket)
    this.dropped++
    socket.drop(CloseCode.OVERLOADED, reason)
  }

  private forget(socket: QueuedSocket): void {
    const holding = this.holders.get(socket)
    if (!holding) return
    this.total -= holding.held
    this.holders.delete(socket)
  }
}

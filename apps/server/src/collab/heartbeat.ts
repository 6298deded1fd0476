import { KEEPALIVE_FRAME } from './protocol.ts'
import type { Connection } from './connection.ts'

export interface HeartbeatOptions {
  /** A socket that was sent nothing for this long gets a keepalive frame (the provider drops a silent socket at 30 s). */
  keepaliveAfterMs: number
  /** ws ping every this often; a socket that did not answer the previous ping is terminated. */
  pingEveryMs: number
}

/**
 * Ping times are spread over a period in this many slots, by connection id: clients connect in crowds (a workshop
 * opening a document together, every client at once after a restart), and pinging them all in one tick stopped the
 * event loop for the pings and again for the pongs (≈ 10 µs a socket each: 50 ms at 5,000 sockets).
 */
const PING_SLOTS = 16

/**
 * One timer for all sockets (not one per socket): keeps idle viewers' providers connected and finds dead sockets.
 * Each socket is pinged every pingEveryMs, in a slot of its own within the period; one that has not answered by its
 * next ping is terminated. A dead socket is found within 2 × pingEveryMs.
 */
export class Heartbeat {
  /** Every socket kept, and when it is next pinged (Date.now()'s clock). */
  private readonly nextPingAt = new Map<Connection, number>()
  private readonly timer: NodeJS.Timeout

  constructor(private readonly options: HeartbeatOptions) {
    const tick = Math.max(50, Math.min(options.keepaliveAfterMs, options.pingEveryMs / PING_SLOTS * 2))
    this.timer = setInterval(() => this.tick(), tick)
    this.timer.unref()
  }

  /** Every open socket of the room server. */
  get connections(): MapIterator<Connection> {
    return this.nextPingAt.keys()
  }

  add(connection: Connection): void {
    const slot = (connection.id % PING_SLOTS) + 1
    this.nextPingAt.set(connection, Date.now() + (this.options.pingEveryMs * slot) / PING_SLOTS)
    connection.socket.on('pong', () => {
      connection.alive = true
    })
  }

  remove(connection: Connection): void {
    this.nextPingAt.delete(connection)
  }

  private tick(): void {
    const now = Date.now()
    for (const [connection, pingAt] of this.nextPingAt) {
      if (now >= pingAt) {
        if (!connection.alive) {
          connection.closed = true
          connection.socket.terminate()
          continue
        }
        connection.alive = false
        connection.socket.ping()
        // Its slot in the next period; after a long pause of the process (a suspended laptop), one period from now.
        const next = pingAt + this.options.pingEveryMs
        this.nextPingAt.set(connection, next > now ? next : now + this.options.pingEveryMs)
      }
      if (now - connection.lastSentAt >= this.options.keepaliveAfterMs) connection.send(KEEPALIVE_FRAME)
    }
  }

  stop(): void {
    clearInterval(this.timer)
  }
}

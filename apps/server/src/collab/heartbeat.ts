import { KEEPALIVE_FRAME } from './protocol.ts'
import type { Connection } from './connection.ts'

export interface HeartbeatOptions {
  /** A socket that was sent nothing for this long gets a keepalive frame (the provider drops a silent socket at 30 s). */
  keepaliveAfterMs: number
  /** ws ping every this often; a socket that did not answer the previous ping is terminated. */
  pingEveryMs: number
}

/**
 * One timer for all sockets (not one per socket): keeps idle viewers' providers connected and finds dead sockets.
 * A dead socket is found within 2 × pingEveryMs.
 */
export class Heartbeat {
  readonly connections = new Set<Connection>()
  private readonly timer: NodeJS.Timeout
  private lastPingAt = Date.now()

  constructor(private readonly options: HeartbeatOptions) {
    const tick = Math.max(50, Math.min(options.keepaliveAfterMs, options.pingEveryMs) / 3)
    this.timer = setInterval(() => this.tick(), tick)
    this.timer.unref()
  }

  add(connection: Connection): void {
    this.connections.add(connection)
    connection.socket.on('pong', () => {
      connection.alive = true
    })
  }

  remove(connection: Connection): void {
    this.connections.delete(connection)
  }

  private tick(): void {
    const now = Date.now()
    const ping = now - this.lastPingAt >= this.options.pingEveryMs
    if (ping) this.lastPingAt = now
    for (const connection of this.connections) {
      if (ping) {
        if (!connection.alive) {
          connection.closed = true
          connection.socket.terminate()
          continue
        }
        connection.alive = false
        connection.socket.ping()
      }
      if (now - connection.lastSentAt >= this.options.keepaliveAfterMs) connection.send(KEEPALIVE_FRAME)
    }
  }

  stop(): void {
    clearInterval(this.timer)
  }
}

import { KEEPALIVE_FRAME } from './protocol.ts'
import type { Connection } from './connection.ts'

export interface HeartbeatOptions {
  /** A socket that was sent nothing for this long gets a keepalive frame (the provider drops a silent socket at 30 s). */
  keepaliveAfterMs: number
  /** Each socket is pinged this often. */
  pingEveryMs: number
  /** A socket that has not answered its ping (nor sent anything) for this long is silent: its presence is dropped. */
  silentAfterMs: number
  /** …and for this long, dead: it is terminated. */
  deadAfterMs: number
}

/**
 * Every client drops a peer it has not heard from for 30 s (y-protocols), but a peer whose network silently died was
 * still shown until then, and the server, which keeps it, gave it to every client that joined meanwhile. Dropped
 * here when silent, it is gone for everyone within pingEveryMs + silentAfterMs (+ a tick): 16.25 s at most.
 * A socket that is slow rather than dead (its ping queued behind a large sync on a phone) gets 25 s to answer
 * before it is terminated, as before; its presence comes back as soon as its client hears it was dropped.
 */
export const HEARTBEAT_DEFAULTS: HeartbeatOptions = {
  keepaliveAfterMs: 10_000,
  pingEveryMs: 10_000,
  silentAfterMs: 5_000,
  deadAfterMs: 25_000,
}

/**
 * Ping times are spread over a period in this many slots, by connection id: clients connect in crowds (a workshop
 * opening a document together, every client at once after a restart), and pinging them all in one tick stopped the
 * event loop for the pings and again for the pongs (≈ 10 µs a socket each: 50 ms at 5,000 sockets).
 */
const PING_SLOTS = 16

interface Beat {
  /** When the socket is next pinged (Date.now()'s clock). */
  nextPingAt: number
  /** When the ping it has not answered yet was sent; 0 when it answered. */
  waitingSince: number
  silent: boolean
}

/**
 * One timer for all sockets (not one per socket): keeps idle viewers' providers connected and finds silent and dead
 * sockets. Each socket is pinged every pingEveryMs, in a slot of its own within the period; a pong or any message
 * answers. One that has not answered for silentAfterMs is told to its owner (wentSilent: its room drops its
 * presence), and answeredAgain when it does; one that has not answered for deadAfterMs is terminated.
 */
export class Heartbeat {
  private readonly beats = new Map<Connection, Beat>()
  private readonly timer: NodeJS.Timeout

  constructor(private readonly options: HeartbeatOptions) {
    const tick = Math.max(50, Math.min(options.keepaliveAfterMs, (options.pingEveryMs / PING_SLOTS) * 2, options.silentAfterMs / 4))
    this.timer = setInterval(() => this.tick(), tick)
    this.timer.unref()
  }

  /** Every open socket of the room server. */
  get connections(): MapIterator<Connection> {
    return this.beats.keys()
  }

  add(connection: Connection): void {
    const slot = (connection.id % PING_SLOTS) + 1
    this.beats.set(connection, { nextPingAt: Date.now() + (this.options.pingEveryMs * slot) / PING_SLOTS, waitingSince: 0, silent: false })
    connection.socket.on('pong', () => {
      connection.heard = true
    })
  }

  remove(connection: Connection): void {
    this.beats.delete(connection)
  }

  private tick(): void {
    const now = Date.now()
    const { pingEveryMs, silentAfterMs, deadAfterMs, keepaliveAfterMs } = this.options
    for (const [connection, beat] of this.beats) {
      // Closing already (ws destroys a socket whose close handshake does not finish within 30 s).
      if (connection.closed) continue
      if (connection.heard) {
        connection.heard = false
        beat.waitingSince = 0
        if (beat.silent) {
          beat.silent = false
          connection.answeredAgain()
        }
      }
      if (beat.waitingSince > 0) {
        const waited = now - beat.waitingSince
        if (waited >= deadAfterMs) {
          connection.closed = true
          connection.socket.terminate()
          continue
        }
        if (waited >= silentAfterMs && !beat.silent) {
          beat.silent = true
          connection.wentSilent()
        }
      } else if (now >= beat.nextPingAt) {
        beat.waitingSince = now
        connection.socket.ping()
        // Its slot in the next period; after a long pause of the process (a suspended laptop), one period from now.
        const next = beat.nextPingAt + pingEveryMs
        beat.nextPingAt = next > now ? next : now + pingEveryMs
      }
      if (now - connection.lastSentAt >= keepaliveAfterMs) connection.send(KEEPALIVE_FRAME)
    }
  }

  stop(): void {
    clearInterval(this.timer)
  }
}

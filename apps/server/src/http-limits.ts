import type { IncomingMessage, Server, ServerOptions } from 'node:http'
import type { Socket } from 'node:net'
import type { Logger } from './logger.ts'

/**
 * What a connection may take before the server gives up on it. A request's head must arrive within 15 s of the
 * connection (a phone on 2G sends one in well under a second), its body within 2 minutes (1 MiB at most, ~20 s on
 * Slow 3G); an idle keep-alive connection is closed after 5 s. Node checks these every `checkEveryMs` (its default
 * is 30 s). Node's own head timeout starts with the first byte: a connection that sends nothing at all is closed by
 * closeSilentConnections after the same 15 s.
 */
export interface HttpLimits {
  headersTimeoutMs: number
  requestTimeoutMs: number
  keepAliveTimeoutMs: number
  checkEveryMs: number
  /** Open TCP connections, HTTP and websockets together (MAX_CONNECTIONS); past it new ones are dropped at once. */
  maxConnections: number
}

export const DEFAULT_MAX_CONNECTIONS = 10_000

export const HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  checkEveryMs: 1_000,
  maxConnections: DEFAULT_MAX_CONNECTIONS,
}

/** The options http.createServer takes the limits in (the checking interval can only be set there). */
export function httpServerOptions(limits: HttpLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkEveryMs,
  }
}

/**
 * Caps the server's open connections (20,500 half-open ones reached the process's open-file limit) and closes those
 * that send no request within the head timeout. Dropped connections are logged at most once a minute, with how many.
 */
export function limitConnections(server: Server, limits: HttpLimits, logger: Logger): void {
  closeSilentConnections(server, limits.headersTimeoutMs)
  server.maxConnections = limits.maxConnections
  let dropped = 0
  let reportAt = 0
  server.on('drop', () => {
    dropped++
    const now = Date.now()
    if (now < reportAt) return
    reportAt = now + 60_000
    logger.warn({ dropped, maxConnections: limits.maxConnections }, 'connections dropped: MAX_CONNECTIONS reached')
  })
}

/**
 * A connection gets `ms` of inactivity before its first request; then the request's own limits apply (a websocket's
 * upgrade clears it too: Node resets an upgraded socket's timeout).
 */
function closeSilentConnections(server: Server, ms: number): void {
  server.on('connection', (socket: Socket) => {
    socket.setTimeout(ms)
    socket.once('timeout', () => socket.destroy())
  })
  server.on('request', (request: IncomingMessage) => request.socket.setTimeout(0))
}

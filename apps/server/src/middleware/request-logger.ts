import type { MiddlewareHandler } from 'hono'
import type { Logger } from '../logger.ts'

/** One log line per request: method, path (no query: it may carry tokens), status, duration. */
export function requestLogger(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    await next()
    if (c.req.header('upgrade')) return // websocket joins are logged by the room server
    logger.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    )
  }
}

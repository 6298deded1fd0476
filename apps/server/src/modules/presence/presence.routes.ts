import { createRoute, z } from '@hono/zod-openapi'
import type { PresenceEvent } from '@tandem/shared'
import { streamSSE } from 'hono/streaming'
import type { AppEnv } from '../../app-env.ts'
import { createRouter, errors, slugParam } from '../../openapi.ts'
import type { AccessEvents } from '../access/access-events.ts'
import { Action } from '../access/access-policy.ts'
import type { NetworkAccess } from '../access/network-access.ts'
import type { NetworkPresence } from './network-presence.ts'

/** A comment line now and then keeps proxies and phones' carriers from dropping an idle stream. */
const KEEPALIVE_MS = 25_000

const presenceStream = createRoute({
  method: 'get',
  path: '/networks/{slug}/presence',
  tags: ['presence'],
  summary: 'Who is online in the network now (Server-Sent Events)',
  description:
    'A `text/event-stream`: an event named `presence` with `{"users":[{"id","displayName","ideaIds"}]}` at once and at each change. ' +
    'Holding the stream counts as being online on the network’s pages; a socket in an idea’s room counts too. ' +
    'The stream ends when the reader loses access to the network.',
  request: { params: slugParam },
  responses: {
    200: { description: 'The stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errors(401, 403, 404),
  },
})

export interface PresenceRoutesDeps {
  presence: NetworkPresence
  access: NetworkAccess
  accessEvents: AccessEvents
  /** The session of the stream's cookie is still valid (not signed out). */
  stillSignedIn: (cookieHeader: string | undefined) => Promise<boolean>
  keepaliveMs?: number
}

export function presenceRoutes({ presence, access, accessEvents, stillSignedIn, keepaliveMs = KEEPALIVE_MS }: PresenceRoutesDeps) {
  return createRouter<AppEnv>().openapi(presenceStream, async (c) => {
    const { slug } = c.req.valid('param')
    // Checked before the stream starts, so a refusal is an ordinary JSON error with its status.
    const { user } = await access.require(c.get('user'), slug, Action.READ_NETWORK)
    const cookie = c.req.header('cookie')
    c.header('Cache-Control', 'no-cache, no-transform')
    c.header('X-Accel-Buffering', 'no')
    return streamSSE(c, async (stream) => {
      const send = (users: PresenceEvent['users']) =>
        stream.writeSSE({ event: 'presence', data: JSON.stringify({ users } satisfies PresenceEvent) }).catch(() => undefined)
      const ended = new Promise<void>((resolve) => stream.onAbort(resolve))
      const unsubscribe = presence.subscribe(slug, (users) => void send(users))
      const leave = presence.enter(slug, user, null)
      const stopWatching = accessEvents.onChanged((userId) => {
        if (userId !== user.id) return
        // Signed out, removed from the network or its role lowered below reading: the stream ends now.
        void (async () => {
          if (!(await stillSignedIn(cookie))) return stream.abort()
          await access.require(user, slug, Action.READ_NETWORK)
        })().catch(() => stream.abort())
      })
      const keepalive = setInterval(() => void stream.write(': keepalive\n\n').catch(() => undefined), keepaliveMs)
      try {
        await send(presence.list(slug))
        await ended
      } finally {
        clearInterval(keepalive)
        stopWatching()
        unsubscribe()
        leave()
      }
    })
  })
}

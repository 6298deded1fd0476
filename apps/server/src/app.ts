import type { HttpBindings } from '@hono/node-server'
import type { Database } from '@tandem/db'
import { ErrorCode } from '@tandem/shared'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Kysely } from 'kysely'
import type { Collab } from './collab/collab-service.ts'
import { AppError, onError, toResponse } from './errors.ts'
import type { AppEnv } from './app-env.ts'
import type { Logger } from './logger.ts'
import { clientAddress, type TrustProxy } from './middleware/client-address.ts'
import { originCheck, type OriginPolicy } from './middleware/origin-check.ts'
import { requestLogger } from './middleware/request-logger.ts'
import { securityHeaders } from './middleware/security-headers.ts'
import { apiDocsRoutes } from './modules/api-docs/api-docs.routes.ts'
import { sessionMiddleware } from './middleware/session.ts'
import { authRoutes } from './modules/auth/auth.routes.ts'
import type { AuthService } from './modules/auth/auth.service.ts'
import { meRoutes } from './modules/auth/me.routes.ts'
import type { SessionsService } from './modules/auth/sessions.service.ts'
import { createRouter } from './openapi.ts'
import { healthRoutes } from './modules/health/health.routes.ts'
import { ideasRoutes } from './modules/ideas/ideas.routes.ts'
import type { IdeasService } from './modules/ideas/ideas.service.ts'
import type { NetworksRepository } from './modules/networks/networks.repository.ts'
import { membershipsRoutes } from './modules/memberships/memberships.routes.ts'
import type { MembershipsService } from './modules/memberships/memberships.service.ts'
import { networksRoutes } from './modules/networks/networks.routes.ts'
import { pageStatusOf } from './modules/web-app/page-status.ts'
import { webAppRoutes } from './modules/web-app/web-app.routes.ts'
import type { NetworkPresence } from './modules/presence/network-presence.ts'
import { presenceRoutes } from './modules/presence/presence.routes.ts'
import type { NetworkAccess } from './modules/access/network-access.ts'
import type { AccessEvents } from './modules/access/access-events.ts'
import { exportRoutes } from './modules/export/export.routes.ts'
import type { ExportService } from './modules/export/export.service.ts'
import { snapshotsRoutes } from './modules/snapshots/snapshots.routes.ts'
import type { SnapshotsService } from './modules/snapshots/snapshots.service.ts'

export interface AppDeps {
  db: Kysely<Database>
  dialect: string
  logger: Logger
  collab: Collab
  networks: NetworksRepository
  ideas: IdeasService
  snapshots: SnapshotsService
  exports: ExportService
  memberships: MembershipsService
  auth: AuthService
  sessions: SessionsService
  origins: OriginPolicy
  presence: NetworkPresence
  access: NetworkAccess
  accessEvents: AccessEvents
  /** The built web app (apps/web/dist); tests may point elsewhere. */
  webDistDir?: string | undefined
  /** TRUST_PROXY: which peers' X-Forwarded-For / X-Forwarded-Proto to believe (default none). */
  trustProxy?: TrustProxy
}

function isCollabUpgrade(incoming: HttpBindings['incoming'] | undefined): boolean {
  return incoming?.headers.upgrade?.toLowerCase() === 'websocket' && (incoming.url ?? '').startsWith('/collab/')
}

/** Builds the Hono app: REST under /api, rooms under /collab. No listen here (tests use app.request). */
export function createApp(deps: AppDeps) {
  const api = createRouter<AppEnv>()
  api.use(
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: (c) => {
        // The rest of the body is not read: the connection cannot be reused, so say so.
        c.header('Connection', 'close')
        return toResponse(c, new AppError(ErrorCode.TOO_LARGE, 'request body over 1 MiB'))
      },
    }),
  )
  // CSRF check first (cheap, no database), then the session: c.var.user / c.var.session for every route.
  api.use(originCheck(deps.origins), sessionMiddleware(deps.sessions))
  api
    .route('/', healthRoutes(deps.db, deps.dialect))
    .route('/', networksRoutes(deps.networks))
    .route('/', ideasRoutes(deps.ideas))
    .route('/', snapshotsRoutes(deps.snapshots))
    .route('/', exportRoutes(deps.exports))
    .route('/', membershipsRoutes(deps.memberships))
    .route('/', authRoutes(deps.auth))
    .route('/', meRoutes(deps.auth))
    .route(
      '/',
      presenceRoutes({
        presence: deps.presence,
        access: deps.access,
        accessEvents: deps.accessEvents,
        stillSignedIn: async (cookie) => (await deps.sessions.validateCookieHeader(cookie ?? null, { extend: false })) !== null,
      }),
    )
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: { title: 'Tandem API', version: '0.1.0', description: 'Regional networks co-writing project ideas.' },
  })
  api.route('/', apiDocsRoutes())

  const app = new Hono<{ Bindings: HttpBindings }>()
    .use(clientAddress(deps.trustProxy ?? false))
    .use(requestLogger(deps.logger))
    .use(securityHeaders())
    // Rooms are matched on the raw request target: the parsed URL has `..` segments resolved already, and a
    // room name with `..` must be refused with 4400, not routed elsewhere.
    .use('*', (c, next) => (isCollabUpgrade(c.env.incoming) ? deps.collab.route(c, next) : next()))
    .route('/api', api)
    .route(
      '/',
      webAppRoutes(
        deps.webDistDir,
        pageStatusOf({
          networkExists: (slug) => deps.networks.exists(slug),
          readIdea: async (cookie, slug, id) => {
            const user = (await deps.sessions.validateCookieHeader(cookie, { extend: false }))?.user ?? null
            return deps.ideas.get(user, slug, id)
          },
          describeInvitation: (token) => deps.memberships.describeInvitation(token),
        }),
      ),
    )

  app.notFound((c) => toResponse(c, new AppError(ErrorCode.NOT_FOUND, `no route for ${c.req.method} ${c.req.path}`)))
  app.onError(onError(deps.logger))
  return app
}

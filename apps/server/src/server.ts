import { serve, type ServerType } from '@hono/node-server'
import { createDb, migrateToLatest, type Db } from '@tandem/db'
import { newIdeaDocumentUpdate, proposalTemplateJson } from '@tandem/editor'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createApp } from './app.ts'
import { createCollab, type Collab } from './collab/collab-service.ts'
import type { HeartbeatOptions } from './collab/heartbeat.ts'
import { DEFAULT_MAX_QUEUED_BYTES, type QueueBudgetOptions } from './collab/queue-budget.ts'
import type { SessionLookupGuardOptions } from './collab/session-lookup-guard.ts'
import { DEFAULT_MAX_SOCKETS_PER_USER } from './collab/socket-quota.ts'
import { limitConnections, HTTP_LIMITS, httpServerOptions, type HttpLimits } from './http-limits.ts'
import type { Env } from './env.ts'
import type { Logger } from './logger.ts'
import { OriginPolicy } from './middleware/origin-check.ts'
import { withSignInBackoff, type AuthLimits } from './modules/auth/auth-limits.ts'
import { AuthService } from './modules/auth/auth.service.ts'
import type { PasswordWorkLimits } from './modules/auth/password-work.ts'
import { SessionsRepository } from './modules/auth/sessions.repository.ts'
import { SessionsService } from './modules/auth/sessions.service.ts'
import { UsersRepository } from './modules/auth/users.repository.ts'
import { IdeasRepository } from './modules/ideas/ideas.repository.ts'
import { IdeasService } from './modules/ideas/ideas.service.ts'
import { IdeaActivity } from './modules/ideas/idea-activity.ts'
import { systemClock, type Clock } from './clock.ts'
import { AccessEvents } from './modules/access/access-events.ts'
import { NetworkAccess } from './modules/access/network-access.ts'
import { MembershipsRepository } from './modules/memberships/memberships.repository.ts'
import { MembershipsService } from './modules/memberships/memberships.service.ts'
import { NetworksRepository } from './modules/networks/networks.repository.ts'
import { SnapshotsRepository } from './modules/snapshots/snapshots.repository.ts'
import { NetworkPresence } from './modules/presence/network-presence.ts'
import { seedDemoContent } from './modules/demo/demo-content.ts'
import { SnapshotsService } from './modules/snapshots/snapshots.service.ts'
import { ExportService } from './modules/export/export.service.ts'

export interface RunningServer {
  port: number
  url: string
  db: Db
  collab: Collab
  /** When people last wrote in each idea (its updated_at). */
  ideaActivity: IdeaActivity
  /** Graceful: stop accepting, store every unsaved change, close sockets with 1001, close the database. */
  close(): Promise<void>
}

export type ServerConfig = Pick<
  Env,
  | 'PORT'
  | 'HOST'
  | 'DATABASE_URL'
  | 'MAX_MESSAGE_BYTES'
  | 'MAX_DOCUMENT_BYTES'
  | 'PERSIST_WINDOW_MS'
  | 'COMPACT_AFTER_UPDATES'
  | 'SHUTDOWN_TIMEOUT_MS'
> & {
  /** PGlite's folder; undefined keeps the embedded database in memory. */
  DATA_DIR: string | undefined
  /** Keepalive and liveness timings of the room server's sockets (tests shorten them). */
  heartbeat?: Partial<HeartbeatOptions>
  maxRetryDelayMs?: number
  /** Unset: the request's own origin (and localhost in development/test); see middleware/origin-check.ts. */
  ALLOWED_ORIGINS?: Env['ALLOWED_ORIGINS']
  NODE_ENV?: Env['NODE_ENV']
  /** Unset: false (the socket's peer is the client); see middleware/client-address.ts. */
  TRUST_PROXY?: Env['TRUST_PROXY']
  /** Unset: 1; see modules/auth/auth-limits.ts. */
  SIGN_IN_BACKOFF_SECONDS?: Env['SIGN_IN_BACKOFF_SECONDS']
  /** The account limits (and a clock of their own, else `clock`); defaults in modules/auth/auth-limits.ts. */
  authLimits?: Partial<AuthLimits>
  passwordWork?: PasswordWorkLimits
  /** Write the sample people and ideas into an instance that has none (main.ts: DEMO_CONTENT). */
  DEMO_CONTENT?: boolean
  /** The built web app to serve at `/`; default apps/web/dist. */
  webDistDir?: string
  /** The clock of timers whose effects tests check (an idea's updated_at, the account limits); default the system's. */
  clock?: Clock
  /** Unset: the defaults of env.ts (sockets per user, queued bytes, connections). */
  MAX_SOCKETS_PER_USER?: Env['MAX_SOCKETS_PER_USER']
  MAX_QUEUED_BYTES?: Env['MAX_QUEUED_BYTES']
  MAX_CONNECTIONS?: Env['MAX_CONNECTIONS']
  /** Tests: the queue budget's stall time, sweep and clock; the session lookups' budget and clock; HTTP timeouts. */
  queueBudget?: Partial<QueueBudgetOptions>
  sessionLookups?: Partial<SessionLookupGuardOptions>
  httpLimits?: Partial<HttpLimits>
  closeHandshakeMs?: number
}

/** Opens the database, migrates, and serves HTTP and websockets on one port. Used by main.ts and by tests. */
export async function startServer(config: ServerConfig, logger: Logger, existingDb?: Db): Promise<RunningServer> {
  const db =
    existingDb ??
    (await createDb({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      onPoolError: (err) => logger.warn({ err }, 'idle database connection failed'),
    }))
  const applied = await migrateToLatest(db.db)
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied')
  if (config.DEMO_CONTENT) await seedDemoContent(db.db, logger)

  const networks = new NetworksRepository(db.db)
  const origins = new OriginPolicy(config)
  const sessions = new SessionsService(new SessionsRepository(db.db))
  const accessEvents = new AccessEvents()
  const clock = config.clock ?? systemClock
  const auth = new AuthService(new UsersRepository(db.db), sessions, {
    limits: withSignInBackoff({ now: () => clock.now(), ...config.authLimits }, config.SIGN_IN_BACKOFF_SECONDS),
    passwordWork: config.passwordWork,
    onSignedOut: (userId) => accessEvents.changed(userId),
  })
  const access = new NetworkAccess(db.db)
  const ideasRepository = new IdeasRepository(db.db)
  const presence = new NetworkPresence()
  const ideaActivity = new IdeaActivity(ideasRepository, clock, logger)
  const collab = createCollab({
    db: db.db,
    logger,
    access: {
      findIdeaInNetwork: (slug, id) => ideasRepository.findInNetwork(slug, id).then((r) => r ?? null),
      userFromCookie: async (cookie) => (await sessions.validateCookieHeader(cookie, { extend: false }))?.user ?? null,
      standingOf: (user, slug) => access.standingOf(user, slug),
      isAllowedOrigin: (origin, url) => origins.isAllowedOrigin(origin, url),
    },
    enterPresence: (slug, user, ideaId) => presence.enter(slug, user, ideaId),
    ideaTitle: (ideaId) => ideasRepository.titleOf(ideaId),
    documentWritten: (ideaId) => ideaActivity.written(ideaId),
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    maxDocumentBytes: config.MAX_DOCUMENT_BYTES,
    persistWindowMs: config.PERSIST_WINDOW_MS,
    compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
    heartbeat: config.heartbeat,
    maxRetryDelayMs: config.maxRetryDelayMs,
    maxSocketsPerUser: config.MAX_SOCKETS_PER_USER ?? DEFAULT_MAX_SOCKETS_PER_USER,
    queueBudget: { maxQueuedBytes: config.MAX_QUEUED_BYTES ?? DEFAULT_MAX_QUEUED_BYTES, ...config.queueBudget },
    sessionLookups: config.sessionLookups,
    closeHandshakeMs: config.closeHandshakeMs,
  })
  // Only the server writes a new idea's first content, once: a client that found it empty and wrote the template
  // would double it whenever two did so at once.
  accessEvents.onChanged((userId) => void collab.recheck(userId))
  const ideas = new IdeasService(
    ideasRepository,
    access,
    (language) => newIdeaDocumentUpdate(proposalTemplateJson(language)),
    (ideaId) => collab.closeRoom(ideaId),
  )
  const snapshots = new SnapshotsService(new SnapshotsRepository(db.db), ideas, access, collab.registry, collab.store)
  ideas.onUpdated((ideaId) => collab.ideaChanged(ideaId))
  ideas.onStatusChange((change) =>
    snapshots.keepAtStatusChange(change).catch((err: unknown) => logger.error({ err, ideaId: change.ideaId }, 'status-change snapshot failed')),
  )
  const exports = new ExportService(ideas, access, collab)
  const memberships = new MembershipsService(new MembershipsRepository(db.db), access, accessEvents)
  const app = createApp({
    db: db.db, dialect: db.dialect, logger, collab, networks, ideas, snapshots, exports, memberships,
    auth, sessions, origins, presence, access, accessEvents, webDistDir: config.webDistDir,
    trustProxy: config.TRUST_PROXY ?? false,
  })

  const httpLimits: HttpLimits = { ...HTTP_LIMITS, maxConnections: config.MAX_CONNECTIONS ?? HTTP_LIMITS.maxConnections, ...config.httpLimits }
  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: config.PORT,
        hostname: config.HOST,
        websocket: { server: collab.wss },
        serverOptions: httpServerOptions(httpLimits),
      },
      () => resolve(s),
    )
    limitConnections(s as Server, httpLimits, logger)
  })
  const port = (server.address() as AddressInfo).port
  let closing: Promise<void> | null = null

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    db,
    collab,
    ideaActivity,
    close() {
      closing ??= (async () => {
        server.close()
        const left = await collab.shutdown(config.SHUTDOWN_TIMEOUT_MS)
        if (left > 0) logger.error({ updates: left }, 'shutdown: updates could not be stored before the deadline')
        // The last commits' times, which the throttle still held, before the database closes.
        await ideaActivity.flush()
        if ('closeAllConnections' in server) server.closeAllConnections()
        if (!existingDb) await db.close()
      })()
      return closing
    },
  }
}

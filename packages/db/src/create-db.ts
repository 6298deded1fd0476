import { mkdirSync } from 'node:fs'
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './database.ts'
import { PGliteClient } from './pglite-client.ts'

export type Dialect = 'pglite' | 'postgres'

export interface DbOptions {
  /** PostgreSQL connection string; when absent, the embedded PGlite database is used. */
  databaseUrl?: string | undefined
  /** Where PGlite keeps its files; `undefined` keeps them in memory (tests). */
  dataDir?: string | undefined
  /** Pool size for PostgreSQL. */
  poolSize?: number
  /** Called for errors of idle pool clients (PostgreSQL restarting): they must not crash the process. */
  onPoolError?: (error: Error) => void
}

export interface Db {
  db: Kysely<Database>
  dialect: Dialect
  close(): Promise<void>
}

/** The one factory: embedded PGlite when no DATABASE_URL is given, PostgreSQL through `pg` when it is. */
export async function createDb(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      // pg-pool closes a connection idle for 10 s by default: a room whose writer paused that long then paid a new
      // connection (a backend process started, its caches cold) on its next group commit. Kept for 5 minutes.
      idleTimeoutMillis: 5 * 60_000,
      // A connection that goes silent (a dead peer, a cut network) must fail its query, not hang a commit forever.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      query_timeout: 20_000,
    })
    pool.on('error', (error) => options.onPoolError?.(error))
    // pg-pool listens for errors only on idle clients: one that drops mid-query would otherwise emit an unhandled
    // 'error' and end the process. With a listener, the query just rejects and the caller's retry takes over. An idle
    // client's error is the pool's (above), so it is reported once, not twice.
    const lent = new WeakSet<pg.PoolClient>()
    pool.on('acquire', (client) => lent.add(client))
    pool.on('release', (_error, client) => lent.delete(client))
    pool.on('connect', (client) =>
      client.on('error', (error) => {
        if (lent.has(client)) options.onPoolError?.(error)
      }),
    )
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', close: () => db.destroy() }
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  // PGlite runs on a thread of its own: on the main thread its WebAssembly held up every room while it worked.
  const pglite = await PGliteClient.start(options.dataDir)
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return {
    db,
    dialect: 'pglite',
    close: async () => {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}

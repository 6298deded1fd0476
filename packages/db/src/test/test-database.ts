import { Kysely, PGliteDialect } from 'kysely'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createDb, type Db, type Dialect } from '../create-db.ts'
import type { Database } from '../database.ts'
import { migrateToLatest } from '../migrate.ts'
import { PGliteClient } from '../pglite-client.ts'

/**
 * The dialects the suite runs its database tests against: PGlite always; PostgreSQL when DATABASE_URL is set.
 * In CI (CI=true) PostgreSQL is required: without DATABASE_URL its tests fail loudly instead of vanishing.
 */
export function dialectsUnderTest(): Dialect[] {
  if (process.env.DATABASE_URL || process.env.CI) return ['pglite', 'postgres']
  if (!warned) {
    warned = true
    process.stderr.write('note: DATABASE_URL is not set; PostgreSQL tests are not run here (CI runs them)\n')
  }
  return ['pglite']
}
let warned = false

export interface TestDb extends Db {
  /** For PostgreSQL: the URL of this test's own database. */
  url: string | undefined
  /** Drops the database (PostgreSQL) or closes it (PGlite). */
  destroy(): Promise<void>
}

/**
 * A fresh, migrated database: PGlite in memory, or a new PostgreSQL database created on DATABASE_URL's server
 * (one per test file, dropped afterwards). Open one per file, never one per test: PGlite is slow to open.
 */
export async function openTestDb(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDb> {
  let url: string | undefined
  let drop: () => Promise<void> = async () => {}
  if (dialect === 'postgres') {
    const base = process.env.DATABASE_URL
    if (!base) throw new Error('PostgreSQL tests need DATABASE_URL (CI sets it; see .ci/run)')
    const name = `tandem_test_${randomBytes(6).toString('hex')}`
    await adminQuery(base, `CREATE DATABASE ${name}`)
    const parsed = new URL(base)
    parsed.pathname = `/${name}`
    url = parsed.toString()
    drop = () => adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
  const db = await createDb({ databaseUrl: url, dataDir: undefined })
  if (options.migrate !== false) await migrateToLatest(db.db)
  return {
    ...db,
    url,
    async destroy() {
      await db.close().catch(() => {})
      await drop()
    },
  }
}

/**
 * A fresh, migrated PGlite in memory whose thread a test can end: the embedded database's outage (its worker crashed),
 * as real as it gets, since every query then fails the way it would.
 */
export async function openKillablePGlite(): Promise<TestDb & { endThread(): Promise<void> }> {
  const client = await PGliteClient.start(undefined)
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: client }) })
  await migrateToLatest(db)
  const close = async () => {
    await db.destroy()
    if (!client.closed) await client.close()
  }
  return {
    db,
    dialect: 'pglite',
    url: undefined,
    close,
    destroy: () => close().catch(() => {}),
    endThread: async () => {
      await client.thread.terminate()
    },
  }
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

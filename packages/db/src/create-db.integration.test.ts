import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from './create-db.ts'
import { dialectsUnderTest, openTestDb, type TestDb } from './test/test-database.ts'

const POSTGRES = dialectsUnderTest().includes('postgres')

describe.runIf(POSTGRES)('a PostgreSQL pool (postgres)', () => {
  let testDb: TestDb
  let db: Db
  const poolErrors: Error[] = []
  beforeAll(async () => {
    testDb = await openTestDb('postgres', { migrate: false })
    db = await createDb({ databaseUrl: testDb.url, poolSize: 4, onPoolError: (error) => poolErrors.push(error) })
  })
  afterAll(async () => {
    await db?.close()
    await testDb?.destroy()
  })

  it('reports each idle connection that PostgreSQL ended once, and opens a new one for the next query', async () => {
    // Four connections, then all idle.
    const pids = await Promise.all(
      Array.from({ length: 4 }, () => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(db.db)),
    )
    expect(new Set(pids.map((r) => r.rows[0]!.pid)).size).toBeGreaterThan(1)
    const admin = new pg.Client({ connectionString: testDb.url })
    await admin.connect()
    let terminated: number
    try {
      // What a restart of PostgreSQL does to them: every connection to this database but the admin's own.
      const result = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      )
      terminated = result.rowCount ?? 0
    } finally {
      await admin.end()
    }
    expect(terminated).toBeGreaterThan(1)
    const deadline = Date.now() + 5_000
    while (poolErrors.length < terminated && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    await new Promise((r) => setTimeout(r, 200)) // a second report of the same connection would come now
    expect(poolErrors).toHaveLength(terminated)
    expect(poolErrors[0]!.message).toMatch(/terminat/i)
    const after = await sql<{ n: number }>`select 1 as n`.execute(db.db)
    expect(after.rows).toEqual([{ n: 1 }])
  })
})

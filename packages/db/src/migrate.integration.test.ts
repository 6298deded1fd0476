import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateToLatest } from './migrate.ts'
import { migrations } from './migrations/index.ts'
import { dialectsUnderTest, openTestDb, type TestDb } from './test/test-database.ts'

describe.each(dialectsUnderTest())('migrations on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await openTestDb(dialect, { migrate: false })
  })
  afterAll(() => db?.destroy())

  it('run every migration once, in name order, and are idempotent', async () => {
    const first = await migrateToLatest(db.db)
    expect(first).toEqual(Object.keys(migrations).sort())
    expect(await migrateToLatest(db.db)).toEqual([])
  })

  it('seed the five regional networks', async () => {
    const rows = await db.db.selectFrom('networks').select('slug').orderBy('slug').execute()
    expect(rows.map((r) => r.slug)).toEqual([
      'asia',
      'latin-america',
      'middle-east-north-africa',
      'south-east-europe',
      'sub-saharan-africa',
    ])
  })

  it('store bytea round-trip byte for byte', async () => {
    const network = await db.db.selectFrom('networks').select('id').where('slug', '=', 'asia').executeTakeFirstOrThrow()
    const idea = await db.db.insertInto('ideas').values({ network_id: network.id, title: 't' }).returning('id').executeTakeFirstOrThrow()
    const data = new Uint8Array([0, 1, 2, 255, 254, 0, 128])
    await db.db.insertInto('doc_updates').values({ doc_id: idea.id, data, user_id: null }).execute()
    const row = await db.db.selectFrom('doc_updates').select('data').where('doc_id', '=', idea.id).executeTakeFirstOrThrow()
    expect(new Uint8Array(row.data)).toEqual(data)
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from doc_updates`.execute(db.db)
    expect(rows[0]?.n).toBe(1)
  })
})

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { AbortedTransactionError, Kysely, PGliteDialect, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from './create-db.ts'
import { PGliteClient } from './pglite-client.ts'

/** PGlite in memory on its own thread, and Kysely over it as the server uses it. */
async function startInMemory() {
  const client = await PGliteClient.start(undefined)
  return { client, db: new Kysely<Record<string, never>>({ dialect: new PGliteDialect({ pglite: client }) }) }
}

/** The boundary between the server's thread and the one that runs PGlite: what crosses it must arrive whole. */
describe('PGlite on its own thread', () => {
  let client: PGliteClient
  let db: Kysely<Record<string, never>>
  beforeAll(async () => {
    ;({ client, db } = await startInMemory())
    await sql`create table items (id int primary key, data bytea)`.execute(db)
  })
  afterAll(() => db?.destroy())

  it.runIf(process.platform === 'linux')('runs at a lower priority than the event loop that wakes it', async () => {
    // A thread's nice value, field 19 of its stat (counted after the command name, which may hold spaces).
    const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
    const tasks = await readdir('/proc/self/task')
    const nices = await Promise.all(tasks.map(async (tid) => niceOf(await readFile(`/proc/self/task/${tid}/stat`, 'utf8'))))
    expect(niceOf(await readFile('/proc/thread-self/stat', 'utf8'))).toBe(0)
    expect(nices).toContain(10)
  })

  it('hands over PostgreSQL errors with their code and fields', async () => {
    await sql`insert into items (id) values (1)`.execute(db)
    const error = await sql`insert into items (id) values (1)`.execute(db).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ code: '23505', constraint: 'items_pkey', table: 'items' })
    expect((error as Error).message).toMatch(/duplicate key value violates unique constraint "items_pkey"/)
    await expect(sql`select 1/0`.execute(db)).rejects.toMatchObject({ code: '22012', message: 'division by zero' })
  })

  it('reports a transaction that was rolled back instead of committed (25P02) as Kysely does in process', async () => {
    const outcome = db.transaction().execute(async (trx) => {
      await sql`insert into items (id) values (1)`.execute(trx).catch(() => {}) // aborts the transaction
    })
    await expect(outcome).rejects.toBeInstanceOf(AbortedTransactionError)
    // …and the connection is usable afterwards.
    expect((await sql<{ n: number }>`select 2 as n`.execute(db)).rows).toEqual([{ n: 2 }])
  })

  it('commits and rolls back transactions in the worker', async () => {
    await db.transaction().execute((trx) => sql`insert into items (id) values (10)`.execute(trx))
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into items (id) values (11)`.execute(trx)
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    const { rows } = await sql<{ id: number }>`select id from items where id in (10, 11) order by id`.execute(db)
    expect(rows).toEqual([{ id: 10 }])
  })

  it('round-trips bytea byte for byte, and leaves the caller’s buffers as they were', async () => {
    const every = Uint8Array.from({ length: 256 }, (_, i) => i)
    const large = new Uint8Array(1_500_000)
    for (let i = 0; i < large.length; i++) large[i] = (i * 7919 + (i >> 8)) & 0xff
    // A view into a larger buffer (as a Yjs update decoded from a websocket frame is): only its own bytes are stored.
    const frame = Buffer.from([9, 9, 9, 1, 2, 3, 9, 9])
    const view = frame.subarray(3, 6)
    const values: [number, Uint8Array][] = [[20, every], [21, new Uint8Array(0)], [22, large], [23, view]]
    for (const [id, data] of values) await sql`insert into items (id, data) values (${id}, ${data})`.execute(db)
    expect(frame).toEqual(Buffer.from([9, 9, 9, 1, 2, 3, 9, 9]))
    expect(large.byteLength).toBe(1_500_000)

    const { rows } = await sql<{ id: number; data: Uint8Array }>`select id, data from items where id >= 20 order by id`.execute(db)
    expect(rows.map((r) => r.id)).toEqual([20, 21, 22, 23])
    for (const [i, row] of rows.entries()) {
      expect(row.data).toBeInstanceOf(Uint8Array)
      expect(Buffer.compare(row.data, values[i]![1])).toBe(0)
    }
    const { rows: lengths } = await sql<{ n: number }>`select octet_length(data) as n from items where id = 23`.execute(db)
    expect(lengths).toEqual([{ n: 3 }])
  })

  it('answers concurrent queries each with its own result', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => sql<{ n: number }>`select ${i}::int * 2 as n`.execute(db)),
    )
    expect(answers.map((a) => a.rows[0]!.n)).toEqual(Array.from({ length: 50 }, (_, i) => i * 2))
  })
})

/** Each statement's text is prepared once on the worker and run again by name (pglite-statements.mjs). */
describe('statements prepared once', () => {
  let client: PGliteClient
  let db: Kysely<Record<string, never>>
  beforeAll(async () => {
    ;({ client, db } = await startInMemory())
    await sql`create table notes (id int primary key, body text, data bytea, at timestamptz, tags jsonb)`.execute(db)
  })
  afterAll(() => db?.destroy())

  const insert = (id: number, body: string | null, data: Uint8Array | null, at: Date, tags: unknown) =>
    sql`insert into notes (id, body, data, at, tags) values (${id}, ${body}, ${data}, ${at}, ${JSON.stringify(tags)})`.execute(db)

  it('runs one text with new values each time, every type as PGlite would send it', async () => {
    const at = new Date('2026-11-22T10:00:00.000Z')
    for (let id = 1; id <= 30; id++) await insert(id, `note ${id} ُمرحبا`, Uint8Array.of(id, 0, 255), at, { id, tags: ['a'] })
    await insert(31, null, null, at, null)
    const { rows } = await sql<{ id: number; body: string | null; data: Uint8Array | null; at: Date; tags: unknown }>`
      select id, body, data, at, tags from notes where id in (${1}, ${30}, ${31}) order by id`.execute(db)
    expect(rows).toEqual([
      { id: 1, body: 'note 1 ُمرحبا', data: Uint8Array.of(1, 0, 255), at, tags: { id: 1, tags: ['a'] } },
      { id: 30, body: 'note 30 ُمرحبا', data: Uint8Array.of(30, 0, 255), at, tags: { id: 30, tags: ['a'] } },
      { id: 31, body: null, data: null, at, tags: null },
    ])
    const updated = await sql`update notes set body = ${'edited'} where id <= ${10}`.execute(db)
    expect(updated.numAffectedRows).toBe(10n)
  })

  it('fails a statement on bad input without harming the next run of the same text', async () => {
    const at = new Date()
    await expect(insert(1, 'duplicate', null, at, null)).rejects.toMatchObject({ code: '23505' })
    await expect(sql`select ${'not a number'}::int as n`.execute(db)).rejects.toMatchObject({ code: '22P02' })
    await insert(40, 'after the failure', null, at, null)
    const { rows } = await sql<{ body: string }>`select body from notes where id = ${40}`.execute(db)
    expect(rows).toEqual([{ body: 'after the failure' }])
  })

  it('keeps a statement outside a transaction out of the transaction under way', async () => {
    // On the client itself: Kysely would hold its one connection for the transaction and never send the other.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let began = () => {}
    const begun = new Promise<void>((resolve) => (began = resolve))
    const transaction = client.transaction(async (tx) => {
      await tx.query('insert into notes (id, body) values ($1, $2)', [50, 'inside'])
      began()
      await held
      throw new Error('rolled back')
    })
    await begun
    const outside = client.query('insert into notes (id, body) values ($1, $2)', [51, 'outside'])
    await new Promise((resolve) => setTimeout(resolve, 50))
    release()
    await expect(transaction).rejects.toThrow('rolled back')
    await outside
    const { rows } = await client.query<{ id: number }>('select id from notes where id in ($1, $2) order by id', [50, 51])
    expect(rows).toEqual([{ id: 51 }])
  })

  it('prepares again a statement whose table a migration changed, and runs it', async () => {
    const everything = () => sql<Record<string, unknown>>`select * from notes where id = ${40}`.execute(db)
    expect(Object.keys((await everything()).rows[0]!)).toEqual(['id', 'body', 'data', 'at', 'tags'])
    await sql`alter table notes add column extra int default 7`.execute(db)
    expect((await everything()).rows[0]).toMatchObject({ id: 40, extra: 7 })
    await sql`alter table notes rename to renamed_notes`.execute(db)
    await expect(everything()).rejects.toMatchObject({ code: '42P01' }) // relation "notes" does not exist
    await sql`alter table renamed_notes rename to notes`.execute(db)
  })

  it('keeps at most 200 statements prepared, closing the least recently run', async () => {
    for (let i = 0; i < 260; i++) await sql.raw(`select ${i} as n`).execute(db)
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(db)
    expect(rows[0]!.n).toBeLessThanOrEqual(200)
    expect(rows[0]!.n).toBeGreaterThan(150)
    expect((await sql.raw<{ n: number }>(`select 0 as n`).execute(db)).rows).toEqual([{ n: 0 }])
  })
})

describe('when the PGlite thread dies', () => {
  it('rejects the queries under way and every later one, with a clear error', async () => {
    const { client, db } = await startInMemory()
    const long = sql`select count(*) from generate_series(1, 200000000)`.execute(db)
    const outcome = long.then(
      () => 'finished',
      (error: Error) => error.message,
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    await client.thread.terminate()
    expect(await outcome).toMatch(/the PGlite worker exited/)
    await expect(sql`select 1`.execute(db)).rejects.toThrow(/the PGlite worker exited/)
    await db.destroy() // closing a dead database is not an error
  })
})

describe('closing', () => {
  it('lets a transaction under way finish, and refuses anything new', async () => {
    const { client, db } = await startInMemory()
    await sql`create table t (id int)`.execute(db)
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const inserted: number[] = []
    const transaction = db.transaction().execute(async (trx) => {
      await sql`insert into t values (1)`.execute(trx)
      await gate
      const { rows } = await sql<{ id: number }>`insert into t values (2) returning id`.execute(trx)
      inserted.push(...rows.map((r) => r.id))
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const closing = client.close()
    await expect(client.query('select 1')).rejects.toThrow('PGlite is closed')
    expect(client.closed).toBe(false)
    release()
    await transaction
    await closing
    expect(inserted).toEqual([2])
    expect(client.closed).toBe(true)
    await db.destroy()
  })

  it('fails a transaction begun after close to its caller, without an unhandled rejection', async () => {
    // Kysely's PGliteDialect waits for PGlite to call the transaction's callback and does not handle the rejection of
    // a transaction that never began: with PGlite's own behaviour the caller would wait forever, and the process
    // would end on the unhandled rejection (a room's last compaction at shutdown, say).
    const { client, db } = await startInMemory()
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      await sql`select 1`.execute(db) // Kysely opens its driver on first use
      await client.close()
      const ran: string[] = []
      const outcome = db.transaction().execute(async (trx) => {
        ran.push('callback')
        await sql`select 1`.execute(trx)
        ran.push('after the statement')
      })
      await expect(outcome).rejects.toThrow('PGlite is closed')
      const committedEmpty = db.transaction().execute(async () => 'nothing to do')
      await expect(committedEmpty).rejects.toThrow('PGlite is closed')
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(ran).toEqual(['callback'])
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
      await db.destroy()
    }
  }, 10_000)
})

describe('an embedded database on disk', () => {
  let dataDir: string
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-pglite-'))
  })
  afterAll(() => rm(dataDir, { recursive: true, force: true }))

  it('keeps its data through close and reopen', async () => {
    const first = await createDb({ dataDir })
    expect(first.dialect).toBe('pglite')
    await sql`create table kept (id int primary key, data bytea)`.execute(first.db)
    await sql`insert into kept values (1, ${new Uint8Array([0, 255, 1])})`.execute(first.db)
    await first.close()
    await first.close() // twice is harmless

    const second = await createDb({ dataDir })
    try {
      const { rows } = await sql<{ id: number; data: Uint8Array }>`select id, data from kept`.execute(second.db)
      expect(rows).toEqual([{ id: 1, data: new Uint8Array([0, 255, 1]) }])
    } finally {
      await second.close()
    }
  })
})

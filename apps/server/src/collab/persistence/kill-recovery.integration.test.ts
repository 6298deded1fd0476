import { createDb, type Dialect } from '@tandem/db'
import { dialectsUnderTest, openTestDb, type TestDb } from '@tandem/db/testing'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { freePort, spawnServer, type ChildServer } from '../../test/child-server.ts'
import { itemList } from '../../test/editor-doc.ts'
import { connectProvider, eventually, waitForSync, type TestClient } from '../../test/providers.ts'
import { readStoredDoc } from '../../test/stored-doc.ts'
import { createIdea } from '../../test/test-server.ts'

/**
 * Requirement (a): kill -9 of the server while 20 clients type. After a restart every update the server received
 * more than the flush window before the kill is in the database, and the clients, which kept their state, reconnect
 * and converge to identical content.
 *
 * "Received" is judged from outside the server: the server only relays what it has received (and it hands every
 * update to the log before relaying it), so an item counts as received once some *other* client has seen it.
 */
const CLIENTS = 20
const FLUSH_WINDOW_MS = 50
/** On top of the flush window: one INSERT on a busy 2-core machine. Generous, so the test is not a timing test. */
const SAFETY_MARGIN_MS = 250
const TYPING_MS = 3_000
const OFFLINE_ITEMS_PER_CLIENT = 5

// Every WebsocketProvider adds a process 'exit' listener; 20+ of them are expected here, not a leak.
process.setMaxListeners(Math.max(process.getMaxListeners(), 4 * CLIENTS))


describe.each(dialectsUnderTest())('kill -9 while 20 clients type (%s)', (dialect: Dialect) => {
  let testDb: TestDb | undefined
  let dataDir: string | undefined
  let childEnv: NodeJS.ProcessEnv
  let port: number
  const servers: ChildServer[] = []
  const clients: TestClient[] = []

  async function start(): Promise<ChildServer> {
    const server = spawnServer(childEnv, port)
    servers.push(server) // before waiting: afterAll must be able to kill it whatever happens next
    await server.ready()
    return server
  }

  /** The document as the database holds it, read with the server stopped (PGlite allows one process per folder). */
  async function readDatabase(docId: string): Promise<Y.Doc> {
    if (testDb) return readStoredDoc(testDb.db, docId)
    const db = await createDb({ dataDir })
    try {
      return await readStoredDoc(db.db, docId)
    } finally {
      await db.close()
    }
  }

  beforeAll(async () => {
    port = await freePort()
    const { DATABASE_URL: _ignored, ...inherited } = process.env
    childEnv = { ...inherited, LOG_LEVEL: 'warn', PERSIST_WINDOW_MS: String(FLUSH_WINDOW_MS) }
    if (dialect === 'postgres') {
      testDb = await openTestDb('postgres', { migrate: false })
      childEnv.DATABASE_URL = testDb.url
    } else {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-kill-'))
      childEnv.DATA_DIR = dataDir
    }
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    for (const server of servers) server.signal('SIGKILL')
    await Promise.all(servers.map((s) => s.exited))
    await testDb?.destroy()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('keeps everything received before the flush window and converges after the restart', async () => {
    const first = await start()
    const idea = await createIdea(first.url, 'asia', 'Flood sensors for Dhaka')

    for (let i = 0; i < CLIENTS; i++) clients.push(connectProvider(first.wsUrl, idea.room))
    await Promise.all(clients.map((c) => waitForSync(c, 20_000)))

    // When each item was first seen by a client other than its author (performance.now()).
    const firstSeen = new Map<string, number>()
    let recording = true
    clients.forEach((client, i) => {
      const own = `${i}:`
      itemList.observe(client.doc, (added) => {
        if (!recording) return
        const now = performance.now()
        for (const item of added) {
          if (!item.startsWith(own) && !firstSeen.has(item)) firstSeen.set(item, now)
        }
      })
    })

    // Each client appends "<client>:<n>" every 20–50 ms.
    const written = new Set<string>()
    const counters = clients.map(() => 0)
    const type = (i: number) => {
      const item = `${i}:${counters[i]!++}`
      written.add(item)
      itemList.push(clients[i]!.doc, item)
    }
    let typing = true
    const timers = new Set<NodeJS.Timeout>()
    const scheduleTyping = (i: number) => {
      const timer = setTimeout(
        () => {
          timers.delete(timer)
          if (!typing) return
          type(i)
          scheduleTyping(i)
        },
        20 + Math.floor(Math.random() * 31),
      )
      timers.add(timer)
    }
    clients.forEach((_, i) => scheduleTyping(i))

    await new Promise((r) => setTimeout(r, TYPING_MS))
    // Mid-typing: no pause before the kill, the clients are still sending.
    const killedAt = performance.now()
    first.signal('SIGKILL')
    recording = false
    for (const client of clients) client.provider.disconnect()
    const ended = await first.exited
    expect(ended.signal).toBe('SIGKILL')
    // They keep typing while the server is gone (and stop once they are offline for good).
    for (let n = 0; n < OFFLINE_ITEMS_PER_CLIENT; n++) clients.forEach((_, i) => type(i))
    typing = false
    for (const timer of timers) clearTimeout(timer)

    const cutoff = killedAt - FLUSH_WINDOW_MS - SAFETY_MARGIN_MS
    const mustBeStored = [...firstSeen].filter(([, seenAt]) => seenAt < cutoff).map(([item]) => item)
    // Not vacuous: a few seconds of typing by 20 clients were relayed well before the kill.
    expect(mustBeStored.length).toBeGreaterThan(CLIENTS * 10)

    // Restart on the same data; a fresh client sees what the database holds (nobody else is connected yet).
    const second = await start()
    const fresh = connectProvider(second.wsUrl, idea.room)
    clients.push(fresh)
    await waitForSync(fresh, 20_000)
    const stored = itemList.read(fresh.doc)
    const storedSet = new Set(stored)
    fresh.provider.disconnect()

    const missing = mustBeStored.filter((item) => !storedSet.has(item))
    const oldestMissingAgeMs = Math.max(0, ...missing.map((item) => Math.round(killedAt - firstSeen.get(item)!)))
    expect(
      missing,
      `${missing.length} of ${mustBeStored.length} items relayed ≥ ${FLUSH_WINDOW_MS + SAFETY_MARGIN_MS} ms before the ` +
        `kill are not stored (oldest seen ${oldestMissingAgeMs} ms before it)`,
    ).toEqual([])
    expect(storedSet.size, 'no item stored twice').toBe(stored.length)
    expect(stored.filter((item) => !written.has(item)), 'nothing stored that nobody wrote').toEqual([])

    // The clients kept their state (including what the server never got, and what they typed offline): reconnect.
    for (const client of clients.slice(0, CLIENTS)) client.provider.connect()
    const expected = [...written].sort()
    const contentOf = (client: TestClient) => JSON.stringify(itemList.read(client.doc))
    await eventually(
      () => {
        const reference = contentOf(clients[0]!)
        const same = clients.slice(0, CLIENTS).every((c) => c.provider.synced && contentOf(c) === reference)
        return same && itemList.read(clients[0]!.doc).length === written.size
      },
      'all 20 clients converge to the same content with every item',
      30_000,
    )
    const converged = itemList.read(clients[0]!.doc)
    expect([...converged].sort()).toEqual(expected)

    // And the recovered state is durable: stop gracefully, then read the database itself.
    for (const client of clients) client.provider.disconnect()
    second.signal('SIGTERM')
    expect(await second.exited, second.output()).toEqual({ code: 0, signal: null })
    const inDatabase = await readDatabase(idea.id)
    expect(itemList.read(inDatabase)).toEqual(converged)
    inDatabase.destroy()
  })
})

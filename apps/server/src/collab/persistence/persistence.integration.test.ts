import { dialectsUnderTest } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addParagraph, ownText, paragraphDoc, paragraphTexts } from '../../test/editor-doc.ts'
import { eventually } from '../../test/providers.ts'
import { rawSocket } from '../../test/raw-socket.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'
import { docFromUpdates } from '../doc-from-updates.ts'
import { encodeUpdate } from '../protocol.ts'

describe.each(dialectsUnderTest())('update log and compaction (%s)', (dialect) => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer(dialect, { PERSIST_WINDOW_MS: 50 })
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  /** Counts the real store's INSERTs (group commits). */
  function countAppends() {
    const store = server.collab.store
    const original = store.append.bind(store)
    const batches: number[] = []
    store.append = async (rows) => {
      batches.push(rows.length)
      return original(rows)
    }
    return { batches, restore: () => (store.append = original) }
  }

  async function idle(docId: string) {
    await eventually(async () => {
      await server.collab.updateLog.flush()
      await server.collab.compactor.idle()
      return !server.collab.updateLog.hasPending(docId)
    }, 'everything stored')
  }

  /** A raw socket joined to the idea's room on `on`, and a document whose every change it sends there. */
  async function rawWriter(on: TestServer, idea: { id: string; room: string }) {
    const raw = rawSocket(`${on.wsUrl}/${idea.room}`)
    await raw.opened
    await eventually(() => on.collab.registry.get(idea.id) !== undefined, 'joined')
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => raw.send(encodeUpdate(update)))
    return { raw, doc }
  }

  it('folds every open room into its snapshot at shutdown, before the database closes', async () => {
    const other = await startTestServer(dialect, {}, server.testDb)
    const idea = await other.createIdea()
    const { doc } = await rawWriter(other, idea)
    ownText(doc).insert(0, 'kept through a restart')
    await eventually(() => paragraphTexts(other.collab.registry.get(idea.id)!.doc).includes('kept through a restart'), 'received')
    await other.close()
    // The socket's close handshake may end after close() resolved: the compaction did not wait for it.
    const { db } = server.testDb
    const snapshot = await db.selectFrom('doc_snapshots').select('state').where('doc_id', '=', idea.id).executeTakeFirst()
    const tail = await db.selectFrom('doc_updates').select('seq').where('doc_id', '=', idea.id).execute()
    expect(tail).toEqual([])
    expect(paragraphTexts(docFromUpdates([snapshot!.state]))).toContain('kept through a restart')
  })

  it('stores the updates of one window with one INSERT', async () => {
    const idea = await server.createIdea()
    const { raw, doc } = await rawWriter(server, idea)
    const counter = countAppends()
    try {
      const text = ownText(doc)
      for (let i = 0; i < 50; i++) text.insert(i, 'x')
      await eventually(() => paragraphTexts(server.collab.registry.get(idea.id)!.doc).includes('x'.repeat(50)), 'received')
      await idle(idea.id)
      // The paragraph, then 50 letters.
      expect(counter.batches.reduce((a, b) => a + b, 0)).toBe(51)
      expect(counter.batches.length).toBeLessThanOrEqual(3)
    } finally {
      counter.restore()
      raw.socket.close()
    }
  })

  it('after 100,000 small edits stores ≤ 2× the compact state, and a cold load reads one snapshot and a short tail', async () => {
    const idea = await server.createIdea('A long-lived proposal')
    const { raw, doc: client } = await rawWriter(server, idea)
    const text = ownText(client)
    let seed = 42
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let i = 0; i < 100_000; i++) {
      // Typing, with a deletion now and then, at a moving cursor: the shape of real editing.
      const position = Math.floor(random() * (text.length + 1))
      if (text.length > 0 && random() < 0.15) text.delete(Math.min(position, text.length - 1), 1)
      else text.insert(position, String.fromCharCode(97 + (i % 26)))
      if (i % 5_000 === 4_999) await new Promise((r) => setImmediate(r))
    }
    const room = () => server.collab.registry.get(idea.id)
    // The writer's paragraph stands among the template's where its client id puts it: found by its text.
    await eventually(() => paragraphTexts(room()!.doc).includes(text.toString()), 'server applied every edit', 60_000)
    await idle(idea.id)
    raw.socket.close()
    await eventually(() => room() === undefined, 'room unloaded')
    await server.collab.compactor.idle()

    const compact = Y.encodeStateAsUpdate(client).byteLength
    const stored = await server.collab.store.storedBytes(idea.id)
    expect(stored).toBeLessThanOrEqual(2 * compact)

    const cold = await server.collab.store.load(idea.id)
    expect(cold.stats.tailRows).toBeLessThan(500)
    const reloaded = docFromUpdates(cold.updates)
    expect(paragraphTexts(reloaded)).toContain(text.toString())
    // 100,000 edits through a real socket and database: 20–60 s on this 2-core machine, more when it is shared.
  }, 240_000)

  it('a compaction running while updates arrive keeps every one of them', async () => {
    const idea = await server.createIdea()
    const { raw, doc: client } = await rawWriter(server, idea)
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 100; i++) addParagraph(client, `${round}:${i}`)
      void server.collab.compactor.compact(idea.id)
      await new Promise((r) => setTimeout(r, 5))
    }
    const items = (doc: Y.Doc) => paragraphTexts(doc).filter((t) => /^\d+:\d+$/.test(t)).sort()
    await eventually(() => items(server.collab.registry.get(idea.id)!.doc).length === 2_000, 'applied')
    await idle(idea.id)
    await server.collab.compactor.compact(idea.id)
    const cold = await server.collab.store.load(idea.id)
    const reloaded = docFromUpdates(cold.updates)
    expect(items(reloaded)).toEqual(items(client))
    raw.socket.close()
  })

  it('a commit that failed only because its document was deleted leaves nothing to retry and no failure', async () => {
    const idea = await server.createIdea('Deleted while its keystroke was being stored')
    const log = server.collab.updateLog
    const doc = paragraphDoc('too late')
    // The idea's row goes first, as a delete racing a group commit would: the INSERT then breaks its foreign key.
    await server.testDb.db.deleteFrom('ideas').where('id', '=', idea.id).execute()
    log.append(idea.id, Y.encodeStateAsUpdate(doc), null)
    const committing = log.flush()
    log.discard(idea.id) // what deleting an idea through the API does, here while the batch is in flight
    await committing
    expect(log.hasPending(idea.id)).toBe(false)
    expect(log.failures).toBe(0)
    expect(log.pendingCount).toBe(0)
  })
})

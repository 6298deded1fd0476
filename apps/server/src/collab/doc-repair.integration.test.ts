import { dialectsUnderTest } from '@tandem/db/testing'
import { proseMirrorJsonToYUpdate } from '@tandem/editor'
import { legacyProposalTemplateJson } from '@tandem/editor/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectProvider, eventually, waitForSync, type TestClient } from '../test/providers.ts'
import { readStoredDoc } from '../test/stored-doc.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'

/** A concept note as Tandem stored it before empty text blocks were seeded: empty paragraphs with no Y.XmlText. */
function oldStyleDocument(): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, proseMirrorJsonToYUpdate(legacyProposalTemplateJson('An old idea')))
  doc.transact(() => {
    for (const block of doc.getXmlFragment('default').toArray()) {
      if (block instanceof Y.XmlElement && block.length === 1 && block.get(0) instanceof Y.XmlText && block.get(0).length === 0) block.delete(0, 1)
    }
  })
  return Y.encodeStateAsUpdate(doc)
}

const emptyBlocksWithoutText = (doc: Y.Doc): number =>
  doc
    .getXmlFragment('default')
    .toArray()
    .filter((block) => block instanceof Y.XmlElement && block.length === 0).length

describe.each(dialectsUnderTest())('repairing stored documents when a room loads (%s)', (dialect) => {
  let server: TestServer
  const clients: TestClient[] = []

  beforeAll(async () => {
    server = await startTestServer(dialect)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  it('gives an old document’s empty paragraphs a text, stores it once, and keeps every word', async () => {
    const idea = await server.createIdea('An old idea')
    const { db } = server.testDb
    // The idea as an older Tandem stored it, with a sentence someone wrote.
    const old = new Y.Doc()
    Y.applyUpdate(old, oldStyleDocument())
    const firstParagraph = old.getXmlFragment('default').get(2) as Y.XmlElement
    firstParagraph.insert(0, [new Y.XmlText('Kept as written.')])
    await db.deleteFrom('doc_updates').where('doc_id', '=', idea.id).execute()
    await db.deleteFrom('doc_snapshots').where('doc_id', '=', idea.id).execute()
    await server.collab.store.append([{ docId: idea.id, data: Y.encodeStateAsUpdate(old), userId: null }])
    expect(emptyBlocksWithoutText(old)).toBe(10)

    const client = connectProvider(server.wsUrl, idea.room)
    clients.push(client)
    await waitForSync(client)
    expect(emptyBlocksWithoutText(client.doc)).toBe(0)
    expect(client.doc.getXmlFragment('default').toString()).toContain('Kept as written.')

    await eventually(async () => emptyBlocksWithoutText(await readStoredDoc(db, idea.id)) === 0, 'the repair stored')
    const rowsAfterFirstLoad = await db.selectFrom('doc_updates').select('seq').where('doc_id', '=', idea.id).execute()

    // Loaded again (after the room unloaded), there is nothing left to repair: no new row.
    client.destroy()
    clients.length = 0
    await eventually(() => server.collab.registry.get(idea.id) === undefined, 'the room unloaded')
    const again = connectProvider(server.wsUrl, idea.room)
    clients.push(again)
    await waitForSync(again)
    expect(emptyBlocksWithoutText(again.doc)).toBe(0)
    await server.collab.updateLog.flush()
    const stored = await readStoredDoc(db, idea.id)
    expect(stored.getXmlFragment('default').toString()).toContain('Kept as written.')
    const rowsNow = await db.selectFrom('doc_updates').select('seq').where('doc_id', '=', idea.id).execute()
    expect(rowsNow.length).toBeLessThanOrEqual(rowsAfterFirstLoad.length)
  })

  it('creates new ideas with a text in every empty paragraph', async () => {
    const idea = await server.createIdea('A new idea')
    const stored = await readStoredDoc(server.testDb.db, idea.id)
    expect(stored.getXmlFragment('default').length).toBeGreaterThan(20)
    expect(emptyBlocksWithoutText(stored)).toBe(0)
  })
})

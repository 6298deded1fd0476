import { dialectsUnderTest } from '@tandem/db/testing'
import { titleLivesInRecord, yDocToProseMirrorJson } from '@tandem/editor'
import { ideaDocumentStoredTheOldWay } from '@tandem/editor/testing'
import type { Idea } from '@tandem/shared'
import type { JSONContent } from '@tiptap/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectProvider, eventually, waitForSync, type TestClient } from '../test/providers.ts'
import { adminCookie } from '../test/session-cookies.ts'
import { readDocx } from '../test/docx-reader.ts'
import { readStoredDoc } from '../test/stored-doc.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'

const blocks = (doc: Y.Doc): JSONContent[] => yDocToProseMirrorJson(doc).content ?? []
const titleHeadings = (content: JSONContent[]) => content.filter((block) => block.type === 'heading' && block.attrs?.level === 1)
const textOf = (block: JSONContent | undefined): string => (block?.text ?? '') + (block?.content ?? []).map(textOf).join('')

describe.each(dialectsUnderTest())('the title moves out of documents written the old way (%s)', (dialect) => {
  let server: TestServer
  const clients: TestClient[] = []
  const api = async (path: string, init?: RequestInit) =>
    fetch(`${server.url}/api${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', cookie: await adminCookie(server.url), origin: server.url },
    })

  beforeAll(async () => {
    server = await startTestServer(dialect)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  /** Makes a new idea's stored document the one an older Tandem wrote (nobody has opened it since). */
  async function createdTheOldWay(title: string, state = ideaDocumentStoredTheOldWay(title)): Promise<Idea> {
    const idea = await server.createIdea(title)
    const db = server.testDb.db
    await db.deleteFrom('doc_updates').where('doc_id', '=', idea.id).execute()
    await db.insertInto('doc_updates').values({ doc_id: idea.id, data: state, user_id: null }).execute()
    return idea
  }

  async function stored(ideaId: string): Promise<Y.Doc> {
    await server.collab.updateLog.flush()
    return readStoredDoc(server.testDb.db, ideaId)
  }

  const connect = (room: string, doc?: Y.Doc) => {
    const client = connectProvider(server.wsUrl, room, { doc })
    clients.push(client)
    return client
  }

  it('removes the title heading when the room loads, stores it once, and a browser’s older copy merges it', async () => {
    const title = 'Green corridors for Kisumu'
    const old = ideaDocumentStoredTheOldWay(title)
    const idea = await createdTheOldWay(title, old)
    // A browser that had the idea open before the upgrade holds the old document in IndexedDB.
    const browserCopy = new Y.Doc()
    Y.applyUpdate(browserCopy, old)
    const browser = connect(idea.room, browserCopy)
    const fresh = connect(idea.room)
    await Promise.all([waitForSync(browser), waitForSync(fresh)])

    await eventually(() => titleHeadings(blocks(browser.doc)).length === 0, 'the browser’s copy has no title heading')
    expect(blocks(fresh.doc)).toEqual(blocks(browser.doc))
    expect(textOf(blocks(fresh.doc)[0])).toMatch(/^1\. Summary/)
    expect(JSON.stringify(blocks(fresh.doc))).not.toContain(title)
    const kept = await stored(idea.id)
    expect(titleHeadings(blocks(kept))).toEqual([])
    expect(titleLivesInRecord(kept)).toBe(true)

    // Loaded again later, the document is left as it is: nothing more is stored.
    const rows = async () => (await server.testDb.db.selectFrom('doc_updates').select('seq').where('doc_id', '=', idea.id).execute()).length
    browser.destroy()
    fresh.destroy()
    await eventually(() => server.collab.registry.get(idea.id) === undefined, 'room unloaded')
    await server.collab.compactor.settled(idea.id)
    const before = await rows()
    await waitForSync(connect(idea.room))
    await server.collab.updateLog.flush()
    expect(await rows()).toBe(before)
  })

  it('keeps the words of a title heading people edited in the document, as a paragraph, and leaves the record alone', async () => {
    const title = 'Waste pickers in Accra'
    const writer = new Y.Doc()
    Y.applyUpdate(writer, ideaDocumentStoredTheOldWay(title))
    const heading = writer.getXmlFragment('default').get(0) as Y.XmlElement
    ;(heading.get(0) as Y.XmlText).insert(title.length, ': a cooperative model')
    const idea = await createdTheOldWay(title, Y.encodeStateAsUpdate(writer))

    const reader = connect(idea.room)
    await waitForSync(reader)
    await eventually(() => titleHeadings(blocks(reader.doc)).length === 0, 'no title heading')
    expect(blocks(reader.doc)[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: 'Waste pickers in Accra: a cooperative model' }] })
    expect(((await (await api(`/networks/asia/ideas/${idea.id}`)).json()) as Idea).title).toBe(title)
  })

  it('exports a document written the old way that nobody has opened since with one title, the record’s', async () => {
    const title = 'Flood maps for Beira'
    const idea = await createdTheOldWay(title)
    const response = await api(`/networks/asia/ideas/${idea.id}/export.docx`)
    expect(response.status).toBe(200)
    const docx = await readDocx(new Uint8Array(await response.arrayBuffer()))
    expect(docx.paragraphs[0]).toMatchObject({ text: title, style: 'Title' })
    expect(docx.paragraphs.filter((p) => p.text === title)).toHaveLength(1)
    expect(server.collab.registry.get(idea.id), 'no room was loaded for it').toBeUndefined()
  })

  it('reads and restores a version kept before the move without the title heading', async () => {
    const title = 'Street lighting in Medellín'
    const idea = await createdTheOldWay(title)
    const base = `/networks/asia/ideas/${idea.id}/snapshots`
    // Nobody has opened it: the version is taken from the database, title heading and all.
    const created = await api(base, { method: 'POST', body: JSON.stringify({ label: 'Before the upgrade' }) })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const raw = await server.testDb.db.selectFrom('doc_versions').select('state').where('id', '=', id).executeTakeFirstOrThrow()
    const rawDoc = new Y.Doc()
    Y.applyUpdate(rawDoc, raw.state)
    expect(titleHeadings(blocks(rawDoc))).toHaveLength(1)

    const read = (await (await api(`${base}/${id}`)).json()) as { content: { json: JSONContent; html: string } }
    expect(titleHeadings(read.content.json.content ?? [])).toEqual([])
    expect(read.content.html).not.toContain('<h1')
    expect(read.content.html).not.toContain(title)

    const reader = connect(idea.room)
    await waitForSync(reader)
    expect((await api(`${base}/${id}/restore`, { method: 'POST' })).status).toBe(200)
    await server.collab.updateLog.flush()
    expect(titleHeadings(blocks(await stored(idea.id)))).toEqual([])
    expect(titleHeadings(blocks(reader.doc))).toEqual([])
  })
})

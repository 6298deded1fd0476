import { dialectsUnderTest } from '@tandem/db/testing'
import { replaceYDocContent, yDocToProseMirrorJson } from '@tandem/editor'
import { ideaDocumentStoredTheOldWay } from '@tandem/editor/testing'
import type { Idea } from '@tandem/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectProvider, eventually, waitForSync, type TestClient } from '../../test/providers.ts'
import { ManualClock } from '../../test/manual-clock.ts'
import { adminCookie } from '../../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'
import { WRITTEN_EVERY_MS } from './idea-activity.ts'

/** An hour ahead of the wall clock: a time written from this clock is told apart from one the database wrote. */
const HOUR = 3_600_000

describe.each(dialectsUnderTest())('an idea’s updatedAt follows the writing in its document (%s)', (dialect) => {
  let server: TestServer
  const clock = new ManualClock(Date.now() + HOUR)
  const clients: TestClient[] = []

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock })
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  const get = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${server.url}/api${path}`, { headers: { cookie: await adminCookie(server.url) } })).json()) as T
  const updatedAt = async (idea: Idea) => (await get<Idea>(`/networks/asia/ideas/${idea.id}`)).updatedAt

  function connect(idea: Idea): TestClient {
    const client = connectProvider(server.wsUrl, idea.room)
    clients.push(client)
    return client
  }

  /** Writes a paragraph as a person in the editor would, and waits until the server has stored it and its time. */
  async function write(client: TestClient, idea: Idea, words: string): Promise<void> {
    const json = yDocToProseMirrorJson(client.doc)
    replaceYDocContent(client.doc, { ...json, content: [...(json.content ?? []), { type: 'paragraph', content: [{ type: 'text', text: words }] }] })
    await settled(idea, words)
  }

  async function settled(idea: Idea, words?: string): Promise<void> {
    await eventually(async () => {
      const room = server.collab.registry.get(idea.id)
      if (words !== undefined && !(room && JSON.stringify(yDocToProseMirrorJson(room.doc)).includes(words))) return false
      await server.collab.updateLog.flush()
      return !server.collab.updateLog.hasPending(idea.id)
    }, 'stored')
    await server.ideaActivity.settled()
  }

  it('moves at the first change, at most once a minute after, and to the last change once the minute is over', async () => {
    const older = await server.createIdea('Rainwater harvesting in Amman')
    const idea = await server.createIdea('Cycle lanes for Tirana')
    expect((await get<Idea[]>('/networks/asia/ideas')).map((i) => i.id).slice(0, 2)).toEqual([idea.id, older.id])
    const created = await updatedAt(older)

    const client = connect(older)
    await waitForSync(client)
    await settled(older)
    expect(await updatedAt(older), 'opening is not writing').toBe(created)

    const first = clock.now()
    await write(client, older, 'Partner cities: Amman and Irbid.')
    expect(await updatedAt(older)).toBe(new Date(first).toISOString())
    // The board lists the idea written in first, as it lists by updatedAt.
    expect((await get<Idea[]>('/networks/asia/ideas')).map((i) => i.id).slice(0, 2)).toEqual([older.id, idea.id])

    clock.advance(10_000)
    await write(client, older, 'Duration: 18 months.')
    clock.advance(5_000)
    const last = clock.now()
    await write(client, older, 'Budget: EUR 300,000.')
    expect(await updatedAt(older), 'within the minute: not yet').toBe(new Date(first).toISOString())

    // Everyone leaves; the room unloads before the minute is over, and the last change's time is written all the same.
    client.destroy()
    await eventually(() => server.collab.registry.get(older.id) === undefined, 'room unloaded')
    clock.advance(WRITTEN_EVERY_MS - 15_000)
    await server.ideaActivity.settled()
    expect(await updatedAt(older)).toBe(new Date(last).toISOString())
  })

  it('does not move when the server repairs a document written the old way', async () => {
    const idea = await server.createIdea('Market halls in Sarajevo')
    await server.testDb.db.deleteFrom('doc_updates').where('doc_id', '=', idea.id).execute()
    await server.testDb.db.insertInto('doc_updates').values({ doc_id: idea.id, data: ideaDocumentStoredTheOldWay(idea.title), user_id: null }).execute()
    const before = await updatedAt(idea)
    const client = connect(idea)
    await waitForSync(client)
    await eventually(() => !JSON.stringify(yDocToProseMirrorJson(client.doc)).includes(idea.title), 'repaired')
    await settled(idea)
    expect(await updatedAt(idea)).toBe(before)
  })

  it('writes the time it still holds when the server shuts down', async () => {
    const idea = await server.createIdea('Bus depots in Lagos')
    const client = connect(idea)
    await waitForSync(client)
    await write(client, idea, 'First line.')
    clock.advance(20_000)
    const last = clock.now()
    await write(client, idea, 'Second line.')
    client.destroy()
    await server.close()
    server = await startTestServer(dialect, { clock }, server.testDb)
    expect(await updatedAt(idea)).toBe(new Date(last).toISOString())
  })
})

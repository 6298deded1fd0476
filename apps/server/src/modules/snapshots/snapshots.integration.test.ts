import { dialectsUnderTest } from '@tandem/db/testing'
import { replaceYDocContent, titleLivesInRecord, yDocToProseMirrorJson } from '@tandem/editor'
import type { JSONContent } from '@tiptap/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectProvider, eventually, waitForSync, type TestClient } from '../../test/providers.ts'
import { adminCookie } from '../../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'

const paragraphs = (...texts: string[]): JSONContent => ({
  type: 'doc',
  content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
})
const plain = (client: TestClient) => JSON.stringify(yDocToProseMirrorJson(client.doc))

describe.each(dialectsUnderTest())('named snapshots (%s)', (dialect) => {
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

  it('a new idea’s document holds the proposal template, written once by the server, without the title', async () => {
    const idea = await server.createIdea('Bus rapid transit for Accra')
    const a = connectProvider(server.wsUrl, idea.room)
    const b = connectProvider(server.wsUrl, idea.room)
    clients.push(a, b)
    await Promise.all([waitForSync(a), waitForSync(b)])
    const json = yDocToProseMirrorJson(a.doc)
    // The title lives in the idea's record, shown above the document: not as the document's first heading.
    expect(json.content?.[0]).toMatchObject({ type: 'heading', attrs: { level: 2 }, content: [{ text: expect.stringMatching(/^1\. Summary/) }] })
    expect(JSON.stringify(json)).not.toContain('Bus rapid transit for Accra')
    expect(titleLivesInRecord(a.doc)).toBe(true)
    const headings = json.content?.filter((n) => n.type === 'heading' && n.attrs?.level === 2) ?? []
    expect(headings).toHaveLength(11)
    expect(plain(b)).toBe(plain(a))
  })

  it('writes the template in the language the idea was created in', async () => {
    const response = await api('/networks/asia/ideas', { method: 'POST', body: JSON.stringify({ title: 'Corridors verts', language: 'fr' }) })
    expect(response.status).toBe(201)
    const idea = (await response.json()) as { room: string }
    const reader = connectProvider(server.wsUrl, idea.room)
    clients.push(reader)
    await waitForSync(reader)
    const json = JSON.stringify(yDocToProseMirrorJson(reader.doc))
    expect(json).toContain('2. Contexte et analyse du problème')
    expect(json).not.toContain('Context and problem analysis')
    const refused = await api('/networks/asia/ideas', { method: 'POST', body: JSON.stringify({ title: 'X', language: 'xx' }) })
    expect(refused.status).toBe(400)
  })

  it('creates, lists, reads (JSON and HTML) and restores as a new change that co-editors merge with', async () => {
    const idea = await server.createIdea('Waste collection in Tunis')
    const base = `/networks/asia/ideas/${idea.id}/snapshots`
    const a = connectProvider(server.wsUrl, idea.room)
    const b = connectProvider(server.wsUrl, idea.room)
    clients.push(a, b)
    await Promise.all([waitForSync(a), waitForSync(b)])

    replaceYDocContent(a.doc, paragraphs('Agreed at the Tunis workshop.', 'Partner cities: Tunis, Sfax.'))
    await eventually(() => plain(b) === plain(a), 'b has the workshop text')

    const created = await api(base, { method: 'POST', body: JSON.stringify({ label: 'Tunis workshop' }) })
    expect(created.status).toBe(201)
    const snapshot = (await created.json()) as { id: string; label: string; kind: string }
    expect(snapshot).toMatchObject({ label: 'Tunis workshop', kind: 'named', createdByName: 'Test Admin' })

    replaceYDocContent(a.doc, paragraphs('Rewritten after the webinar.', 'Partner cities: Tunis, Sfax.'))
    await eventually(() => plain(b) === plain(a), 'b has the rewrite')

    const read = (await (await api(`${base}/${snapshot.id}`)).json()) as { content: { json: unknown; html: string } }
    expect(JSON.stringify(read.content.json)).toContain('Agreed at the Tunis workshop.')
    expect(JSON.stringify(read.content.json)).not.toContain('webinar')
    expect(read.content.html).toContain('<p>Agreed at the Tunis workshop.</p>')

    const restored = await api(`${base}/${snapshot.id}/restore`, { method: 'POST' })
    expect(restored.status).toBe(200)
    await eventually(() => plain(a).includes('Agreed at the Tunis workshop.') && plain(b) === plain(a), 'restored at both')
    expect(plain(a)).not.toContain('webinar')
    // B was connected throughout and keeps editing on top of the restore.
    const after = yDocToProseMirrorJson(b.doc)
    replaceYDocContent(b.doc, { ...after, content: [...(after.content ?? []), ...paragraphs('Budget: 40,000 EUR.').content!] })
    await eventually(() => plain(a).includes('Budget: 40,000 EUR.'), 'a sees b’s later edit')
    expect(plain(a)).toContain('Agreed at the Tunis workshop.')

    const list = (await (await api(base)).json()) as { label: string; kind: string }[]
    expect(list.map((s) => s.kind).sort()).toEqual(['named', 'restore-point'])
    const restorePoint = list.find((s) => s.kind === 'restore-point')!
    expect(restorePoint.label).toContain('Tunis workshop')
  })

  it('keeps the document as it was at each status change, with who changed it', async () => {
    const idea = await server.createIdea('Flood warnings for Beira')
    const a = connectProvider(server.wsUrl, idea.room)
    clients.push(a)
    await waitForSync(a)
    replaceYDocContent(a.doc, paragraphs('Sketch agreed in Maputo.'))
    await eventually(() => server.collab.registry.get(idea.id)?.doc !== undefined && JSON.stringify(yDocToProseMirrorJson(server.collab.registry.get(idea.id)!.doc)) === plain(a), 'the server has it')
    const moved = await api(`/networks/asia/ideas/${idea.id}`, { method: 'PATCH', body: JSON.stringify({ status: 'draft' }) })
    expect(moved.status).toBe(200)
    replaceYDocContent(a.doc, paragraphs('Rewritten after the draft began.'))

    const list = (await (await api(`/networks/asia/ideas/${idea.id}/snapshots`)).json()) as Array<{ id: string; kind: string; label: string; createdByName: string | null }>
    const automatic = list.filter((s) => s.kind === 'automatic')
    expect(automatic).toMatchObject([{ label: 'idea → draft', createdByName: 'Test Admin' }])
    const read = (await (await api(`/networks/asia/ideas/${idea.id}/snapshots/${automatic[0]!.id}`)).json()) as { content: { html: string } }
    expect(read.content.html).toContain('Sketch agreed in Maputo.')
    expect(read.content.html).not.toContain('Rewritten')

    // A refused change (a jump) keeps no version.
    const jump = await api(`/networks/asia/ideas/${idea.id}`, { method: 'PATCH', body: JSON.stringify({ status: 'submitted' }) })
    expect(jump.status).toBe(409)
    const after = (await (await api(`/networks/asia/ideas/${idea.id}/snapshots`)).json()) as unknown[]
    expect(after).toHaveLength(list.length)
  })

  it('restores an idea nobody has open, and the restored text is stored', async () => {
    const idea = await server.createIdea('Street lighting in Medellín')
    const base = `/networks/asia/ideas/${idea.id}/snapshots`
    const a = connectProvider(server.wsUrl, idea.room)
    await waitForSync(a)
    replaceYDocContent(a.doc, paragraphs('First draft.'))
    await eventually(() => JSON.stringify(yDocToProseMirrorJson(server.collab.registry.get(idea.id)!.doc)).includes('First draft.'), 'server has it')
    const snapshot = (await (await api(base, { method: 'POST', body: JSON.stringify({ label: 'v1' }) })).json()) as { id: string }
    replaceYDocContent(a.doc, paragraphs('Second draft.'))
    await eventually(() => JSON.stringify(yDocToProseMirrorJson(server.collab.registry.get(idea.id)!.doc)).includes('Second draft.'), 'server has v2')
    a.destroy()
    await eventually(() => server.collab.registry.get(idea.id) === undefined, 'room unloaded')

    expect((await api(`${base}/${snapshot.id}/restore`, { method: 'POST' })).status).toBe(200)
    await eventually(() => server.collab.registry.get(idea.id) === undefined, 'room unloaded again after storing')
    const cold = connectProvider(server.wsUrl, idea.room)
    clients.push(cold)
    await waitForSync(cold)
    expect(plain(cold)).toContain('First draft.')
    expect(plain(cold)).not.toContain('Second draft.')
  })

  it('answers bad requests with clear JSON errors and changes nothing', async () => {
    const idea = await server.createIdea()
    const base = `/networks/asia/ideas/${idea.id}/snapshots`
    const empty = await api(base, { method: 'POST', body: JSON.stringify({ label: '  ' }) })
    expect(empty.status).toBe(400)
    expect(await empty.json()).toMatchObject({ error: { code: 'validation_failed', fields: { label: expect.any(String) } } })
    const broken = await api(base, { method: 'POST', body: '{"label":' })
    expect(broken.status).toBe(400)
    expect((await api(`${base}/${crypto.randomUUID()}`)).status).toBe(404)
    expect((await api(`${base}/not-an-id/restore`, { method: 'POST' })).status).toBe(404)
    const otherNetwork = await api(`/networks/latin-america/ideas/${idea.id}/snapshots`)
    expect(otherNetwork.status).toBe(404)
    expect(await otherNetwork.json()).toMatchObject({ error: { code: 'not_found', message: expect.any(String) } })
    expect(await (await api(base)).json()).toEqual([])
  })
})

import { dialectsUnderTest } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminCookie } from '../../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'

describe.each(dialectsUnderTest())('networks and ideas over HTTP (%s)', (dialect) => {
  let server: TestServer
  const signedIn = async (): Promise<Record<string, string>> => ({ cookie: await adminCookie(server.url), origin: server.url })
  const post = async (path: string, body: string, type = 'application/json') =>
    fetch(`${server.url}/api${path}`, { method: 'POST', headers: { 'content-type': type, ...(await signedIn()) }, body })
  const get = async (path: string) => fetch(`${server.url}/api${path}`, { headers: await signedIn() })

  beforeAll(async () => {
    server = await startTestServer(dialect)
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  it('lists the five seeded regional networks with their idea counts', async () => {
    const response = await fetch(`${server.url}/api/networks`)
    expect(response.status).toBe(200)
    const networks = (await response.json()) as { slug: string; name: string; ideaCount: number }[]
    expect(networks.map((n) => n.slug).sort()).toEqual([
      'asia',
      'latin-america',
      'middle-east-north-africa',
      'south-east-europe',
      'sub-saharan-africa',
    ])
    expect(networks.find((n) => n.slug === 'middle-east-north-africa')?.name).toBe('Middle East & North Africa')
    expect(networks.every((n) => n.ideaCount === 0)).toBe(true)
  })

  it('creates an idea: 201 with its room, counted in its network, readable by id', async () => {
    const response = await post('/networks/latin-america/ideas', JSON.stringify({ title: '  Bici pública en Rosario ' }))
    expect(response.status).toBe(201)
    const idea = (await response.json()) as { id: string; networkSlug: string; title: string; room: string }
    expect(idea).toMatchObject({ networkSlug: 'latin-america', title: 'Bici pública en Rosario' })
    expect(idea.room).toBe(`latin-america/${idea.id}`)
    const networks = (await (await fetch(`${server.url}/api/networks`)).json()) as { slug: string; ideaCount: number }[]
    expect(networks.find((n) => n.slug === 'latin-america')?.ideaCount).toBe(1)
    const read = await get(`/networks/latin-america/ideas/${idea.id}`)
    expect(await read.json()).toMatchObject({ id: idea.id, title: 'Bici pública en Rosario' })
    expect((await get(`/networks/asia/ideas/${idea.id}`)).status).toBe(404)
  })

  it.each([
    ['a missing title', '{}', 400, 'validation_failed'],
    ['an empty title', '{"title":"   "}', 400, 'validation_failed'],
    ['a title over 200 characters', JSON.stringify({ title: 'x'.repeat(201) }), 400, 'validation_failed'],
    ['a title that is not a string', '{"title":42}', 400, 'validation_failed'],
    ['broken JSON', '{"title":', 400, 'validation_failed'],
    ['a body over 1 MiB', JSON.stringify({ title: 'x'.repeat(1_100_000) }), 413, 'payload_too_large'],
  ])('refuses %s with %i and a JSON error, creating nothing', async (_label, body, status, code) => {
    const before = await server.testDb.db.selectFrom('ideas').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    const response = await post('/networks/asia/ideas', body)
    expect(response.status).toBe(status)
    const error = (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } }
    expect(error.error.code).toBe(code)
    expect(error.error.message.length).toBeGreaterThan(0)
    const after = await server.testDb.db.selectFrom('ideas').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('names the failing field in a human sentence, with the rule it broke', async () => {
    const missing = await (await post('/networks/asia/ideas', '{}')).json()
    expect(missing).toEqual({
      error: { code: 'validation_failed', message: 'The title is required.', fields: { title: 'The title is required.' }, issues: { title: { kind: 'required' } } },
    })
    const blank = await (await post('/networks/asia/ideas', '{"title":"   "}')).json()
    expect(blank).toMatchObject({ error: { message: 'The title is required.', issues: { title: { kind: 'required' } } } })
    const long = await post('/networks/asia/ideas', JSON.stringify({ title: 'x'.repeat(5000) }))
    expect(long.status).toBe(400)
    expect(await long.json()).toEqual({
      error: {
        code: 'validation_failed',
        message: 'The title must be at most 200 characters.',
        fields: { title: 'The title must be at most 200 characters.' },
        issues: { title: { kind: 'too_long', limit: 200 } },
      },
    })
    const created = (await (await post('/networks/asia/ideas', '{"title":"Shade trees"}')).json()) as { id: string }
    const rename = await fetch(`${server.url}/api/networks/asia/ideas/${created.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...(await signedIn()) },
      body: JSON.stringify({ title: 'y'.repeat(201) }),
    })
    expect(rename.status).toBe(400)
    expect(await rename.json()).toMatchObject({ error: { fields: { title: 'The title must be at most 200 characters.' } } })
    expect(await (await get(`/networks/asia/ideas/${created.id}`)).json()).toMatchObject({ title: 'Shade trees' })
  })

  it('answers 404 JSON for an unknown network and an unknown route', async () => {
    const unknownNetwork = await post('/networks/antarctica/ideas', '{"title":"Ice"}')
    expect(unknownNetwork.status).toBe(404)
    expect(await unknownNetwork.json()).toMatchObject({ error: { code: 'not_found' } })
    const unknownRoute = await fetch(`${server.url}/api/nothing-here`)
    expect(unknownRoute.status).toBe(404)
    expect(await unknownRoute.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('reports health with the database it uses', async () => {
    const health = await (await fetch(`${server.url}/api/health`)).json()
    expect(health).toMatchObject({ status: 'ok', database: dialect })
  })
})

describe.each(dialectsUnderTest())('an idea’s lifecycle over HTTP (%s)', (dialect) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(dialect)
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  it('moves step by step, refuses jumps with 409, records every change with who and when', async () => {
    const cookie = await adminCookie(server.url)
    const headers = { 'content-type': 'application/json', cookie, origin: server.url }
    const idea = await server.createIdea('Lifecycle')
    const patch = (body: object) =>
      fetch(`${server.url}/api/networks/asia/ideas/${idea.id}`, { method: 'PATCH', headers, body: JSON.stringify(body) })
    const jump = await patch({ status: 'submitted' })
    expect(jump.status).toBe(409)
    expect(await jump.json()).toMatchObject({ error: { code: 'conflict', fields: { status: expect.any(String) } } })
    for (const status of ['draft', 'proposal', 'submitted']) expect((await patch({ status })).status).toBe(200)
    expect(await (await patch({ status: 'withdrawn', summary: 'Funding went elsewhere' })).json()).toMatchObject({
      status: 'withdrawn',
      summary: 'Funding went elsewhere',
    })
    const history = (await (await fetch(`${server.url}/api/networks/asia/ideas/${idea.id}/status-history`, { headers })).json()) as {
      from: string | null
      to: string
      changedBy: string | null
      changedAt: string
    }[]
    expect(history.map((h) => `${h.from}→${h.to}`)).toEqual(['null→idea', 'idea→draft', 'draft→proposal', 'proposal→submitted', 'submitted→withdrawn'])
    expect(history.every((h) => h.changedBy !== null && !Number.isNaN(Date.parse(h.changedAt)))).toBe(true)
  })
})

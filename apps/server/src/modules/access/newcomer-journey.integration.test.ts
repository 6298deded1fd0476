import { dialectsUnderTest } from '@tandem/db/testing'
import { CloseCode } from '@tandem/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyText } from '../../test/editor-doc.ts'
import { sessionHeaders, signUp } from '../../test/accounts.ts'
import { connectProvider, eventually, text, waitForSync, type TestClient } from '../../test/providers.ts'
import { adminCookie } from '../../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'

describe.each(dialectsUnderTest())('a newcomer’s first steps (%s)', (dialect) => {
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

  it('signs up, asks to join, is approved, creates an idea and co-writes it; a stranger gets 4403', async () => {
    const facilitator = await adminCookie(server.url) // the first account of the instance
    const as = (cookie: string, method: string, path: string, body?: unknown) =>
      fetch(`${server.url}/api${path}`, {
        method,
        headers: sessionHeaders(server, cookie, body === undefined ? {} : { 'content-type': 'application/json' }),
        body: body === undefined ? undefined : JSON.stringify(body),
      })

    const amina = await signUp(server, { displayName: 'Amina Diallo' })
    expect(amina.user.isAdmin).toBe(false)
    expect((await as(amina.cookie, 'POST', '/networks/sub-saharan-africa/ideas', { title: 'Too early' })).status).toBe(403)

    const request = await as(amina.cookie, 'POST', '/networks/sub-saharan-africa/join-requests', { message: 'Kisumu water utility' })
    expect(request.status).toBe(201)
    const waiting = (await (await as(amina.cookie, 'GET', '/me')).json()) as { joinRequests: { networkSlug: string }[] }
    expect(waiting.joinRequests.map((r) => r.networkSlug)).toEqual(['sub-saharan-africa'])
    const pending = (await (await as(facilitator, 'GET', '/networks/sub-saharan-africa/join-requests')).json()) as { id: string; user: { displayName: string } }[]
    expect(pending.map((p) => p.user.displayName)).toEqual(['Amina Diallo'])
    expect((await as(facilitator, 'POST', `/networks/sub-saharan-africa/join-requests/${pending[0]!.id}/approve`, { role: 'member' })).status).toBe(200)

    const me = (await (await as(amina.cookie, 'GET', '/me')).json()) as { memberships: unknown[]; joinRequests: unknown[] }
    expect(me.memberships).toEqual([{ networkSlug: 'sub-saharan-africa', role: 'member' }])
    expect(me.joinRequests).toEqual([])

    const created = await as(amina.cookie, 'POST', '/networks/sub-saharan-africa/ideas', { title: 'Solar kiosks', cluster: 'municipal-services', sdgs: [7, 11] })
    expect(created.status).toBe(201)
    const idea = (await created.json()) as { id: string; room: string; coAuthors: { displayName: string }[]; status: string }
    expect(idea).toMatchObject({ status: 'idea', coAuthors: [{ displayName: 'Amina Diallo' }] })

    const writer = connectProvider(server.wsUrl, idea.room, { cookie: amina.cookie })
    const reader = connectProvider(server.wsUrl, idea.room, { cookie: facilitator })
    clients.push(writer, reader)
    await Promise.all([waitForSync(writer), waitForSync(reader)])
    bodyText(writer.doc).insert(0, 'Partner cities: Kisumu, Mwanza.')
    await eventually(() => text(reader) === 'Partner cities: Kisumu, Mwanza.', 'the facilitator sees it')

    const stranger = await signUp(server, { displayName: 'Stranger' })
    const outside = connectProvider(server.wsUrl, idea.room, { cookie: stranger.cookie })
    clients.push(outside)
    const code = await new Promise<number>((resolve) => outside.provider.on('connection-close', (e) => e && resolve(e.code)))
    expect(code).toBe(CloseCode.FORBIDDEN)
    expect(text(outside)).toBe('')
  })
})

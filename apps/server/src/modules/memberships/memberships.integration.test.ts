import { dialectsUnderTest } from '@tandem/db/testing'
import { CloseCode } from '@tandem/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionHeaders, signUp } from '../../test/accounts.ts'
import { rawSocket } from '../../test/raw-socket.ts'
import { adminCookie } from '../../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'

describe.each(dialectsUnderTest())('memberships, join requests and invitations (%s)', (dialect) => {
  let server: TestServer
  let admin: string

  beforeAll(async () => {
    server = await startTestServer(dialect)
    admin = await adminCookie(server.url)
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  const as = (cookie: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api${path}`, {
      method,
      headers: sessionHeaders(server, cookie, body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  const invite = async (body: object = { role: 'member' }) =>
    (await (await as(admin, 'POST', '/networks/latin-america/invitations', body)).json()) as { id: string; token: string; expiresAt: string }

  it('an invitation works once', async () => {
    const { token, expiresAt } = await invite({ role: 'observer' })
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000)
    const first = await signUp(server)
    const second = await signUp(server)
    const accepted = await as(first.cookie, 'POST', `/invitations/${token}/accept`)
    expect(await accepted.json()).toEqual({ networkSlug: 'latin-america', role: 'observer' })
    const again = await as(second.cookie, 'POST', `/invitations/${token}/accept`)
    expect(again.status).toBe(409)
    const me = (await (await as(second.cookie, 'GET', '/me')).json()) as { memberships: unknown[] }
    expect(me.memberships).toEqual([])
  })

  it('an expired invitation is refused', async () => {
    const { id, token } = await invite()
    await server.testDb.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute()
    const person = await signUp(server)
    const response = await as(person.cookie, 'POST', `/invitations/${token}/accept`)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'not_found', message: expect.stringContaining('expired') } })
  })

  it('an invitation for an email works only for that account, and an unknown token is 404', async () => {
    const invited = await signUp(server)
    const other = await signUp(server)
    const { token } = await invite({ role: 'member', email: invited.email.toUpperCase() })
    expect((await as(other.cookie, 'POST', `/invitations/${token}/accept`)).status).toBe(403)
    expect((await as(invited.cookie, 'POST', `/invitations/${token}/accept`)).status).toBe(200)
    expect((await as(invited.cookie, 'POST', '/invitations/not-a-real-token/accept')).status).toBe(404)
  })

  it('tells anyone holding an invitation link which network and role it is for, and nothing more', async () => {
    const invited = await signUp(server)
    const { token, expiresAt } = await invite({ role: 'facilitator', email: invited.email })
    const anonymous = await fetch(`${server.url}/api/invitations/${token}`)
    expect(anonymous.status).toBe(200)
    expect(await anonymous.json()).toEqual({ networkSlug: 'latin-america', networkName: 'Latin America', role: 'facilitator', expiresAt })
    // Reading it neither uses it nor needs a session.
    expect((await as(invited.cookie, 'POST', `/invitations/${token}/accept`)).status).toBe(200)
  })

  it('answers 404 for an unknown invitation and 410 for a used or expired one, in words', async () => {
    const unknown = await fetch(`${server.url}/api/invitations/not-a-real-token`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: 'There is no such invitation: check that the whole link was copied.' } })

    const used = await invite()
    expect((await as((await signUp(server)).cookie, 'POST', `/invitations/${used.token}/accept`)).status).toBe(200)
    const usedAnswer = await fetch(`${server.url}/api/invitations/${used.token}`)
    expect(usedAnswer.status).toBe(410)
    expect(await usedAnswer.json()).toEqual({ error: { code: 'gone', message: 'This invitation was used already: ask a facilitator of the network for a new link.' } })

    const expired = await invite()
    await server.testDb.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', expired.id).execute()
    const expiredAnswer = await fetch(`${server.url}/api/invitations/${expired.token}`)
    expect(expiredAnswer.status).toBe(410)
    expect(await expiredAnswer.json()).toMatchObject({ error: { code: 'gone', message: expect.stringContaining('expired') } })
  })

  it('a join request is pending once, decided once', async () => {
    const person = await signUp(server)
    expect((await as(person.cookie, 'POST', '/networks/asia/join-requests', { message: 'Dhaka waste' })).status).toBe(201)
    expect((await as(person.cookie, 'POST', '/networks/asia/join-requests', {})).status).toBe(409)
    const [request] = (await (await as(admin, 'GET', '/networks/asia/join-requests')).json()) as { id: string }[]
    expect((await as(admin, 'POST', `/networks/asia/join-requests/${request!.id}/reject`)).status).toBe(200)
    expect((await as(admin, 'POST', `/networks/asia/join-requests/${request!.id}/approve`, { role: 'member' })).status).toBe(409)
    // Rejected, they may ask again.
    expect((await as(person.cookie, 'POST', '/networks/asia/join-requests', {})).status).toBe(201)
  })

  it('answers 10 parallel join requests with one 201 and nine 409s, and keeps one pending request', async () => {
    const person = await signUp(server)
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => as(person.cookie, 'POST', '/networks/asia/join-requests', { message: 'Hello' })),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(9).fill(409)])
    const refused = answers.find((a) => a.status === 409)!
    expect(await refused.json()).toEqual({ error: { code: 'conflict', message: 'a request to join is already pending' } })
    const pending = await server.testDb.db
      .selectFrom('join_requests')
      .select('id')
      .where('user_id', '=', person.user.id)
      .where('status', '=', 'pending')
      .execute()
    expect(pending).toHaveLength(1)
  })

  it('validates roles and emails, naming the field', async () => {
    const bad = await as(admin, 'POST', '/networks/asia/members', { email: 'not-an-email', role: 'king' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed', fields: { email: expect.any(String), role: expect.any(String) } } })
    const unknown = await as(admin, 'POST', '/networks/asia/members', { email: 'nobody@tandem.test', role: 'member' })
    expect(unknown.status).toBe(404)
  })

  it('refuses a room socket from a foreign origin with 4403, even with a valid session', async () => {
    const idea = (await (await as(admin, 'POST', '/networks/asia/ideas', { title: 'Origin' })).json()) as { room: string }
    const foreign = rawSocket(`${server.wsUrl}/${idea.room}`, { cookie: admin, headers: { origin: 'https://evil.example' } })
    expect((await foreign.closed).code).toBe(CloseCode.FORBIDDEN)
    const own = rawSocket(`${server.wsUrl}/${idea.room}`, { cookie: admin, headers: { origin: server.url } })
    await own.opened
    await new Promise((r) => setTimeout(r, 200))
    expect(own.socket.readyState).toBe(own.socket.OPEN)
    own.socket.close()
  })
})

import { dialectsUnderTest } from '@tandem/db/testing'
import { CloseCode } from '@tandem/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyText, bodyTextOf } from '../../test/editor-doc.ts'
import { signUp, sessionHeaders } from '../../test/accounts.ts'
import { connectProvider, eventually, text, waitForSync, type TestClient } from '../../test/providers.ts'
import { adminCookie } from '../../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'

describe.each(dialectsUnderTest())('open sockets follow access changes (%s)', (dialect) => {
  let server: TestServer
  let admin: string
  const clients: TestClient[] = []

  beforeAll(async () => {
    server = await startTestServer(dialect)
    admin = await adminCookie(server.url)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  const as = (cookie: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api${path}`, {
      method,
      headers: sessionHeaders(server, cookie, body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  async function memberInRoom(role: 'member' | 'observer' = 'member') {
    const account = await signUp(server)
    expect((await as(admin, 'POST', '/networks/asia/members', { email: account.email, role })).status).toBe(201)
    const idea = (await (await as(admin, 'POST', '/networks/asia/ideas', { title: 'Revocation' })).json()) as { id: string; room: string }
    const watcher = connectProvider(server.wsUrl, idea.room, { cookie: admin })
    const client = connectProvider(server.wsUrl, idea.room, { cookie: account.cookie })
    clients.push(watcher, client)
    await Promise.all([waitForSync(watcher), waitForSync(client)])
    const closes: number[] = []
    client.provider.on('connection-close', (event) => event && closes.push(event.code))
    return { account, idea, watcher, client, closes }
  }

  it('closes a member’s socket with 4403 within 5 s of removing them', async () => {
    const { account, client, watcher, closes } = await memberInRoom()
    bodyText(client.doc).insert(0, 'before')
    await eventually(() => text(watcher) === 'before', 'edit arrives')
    const removedAt = Date.now()
    expect((await as(admin, 'DELETE', `/networks/asia/members/${account.user.id}`)).status).toBe(204)
    await eventually(() => closes.includes(CloseCode.FORBIDDEN), 'closed with 4403', 5_000)
    expect(Date.now() - removedAt).toBeLessThan(5_000)
    bodyText(client.doc).insert(0, 'after ')
    await new Promise((r) => setTimeout(r, 200))
    expect(text(watcher)).toBe('before')
  })

  it('lowers a member to observer in place: the socket stays, their edits stop reaching anyone', async () => {
    const { account, client, watcher, closes } = await memberInRoom()
    expect((await as(admin, 'PATCH', `/networks/asia/members/${account.user.id}`, { role: 'observer' })).status).toBe(200)
    await new Promise((r) => setTimeout(r, 300))
    bodyText(client.doc).insert(0, 'observer typing')
    bodyText(watcher.doc).insert(0, 'facilitator typing')
    await eventually(() => text(client).includes('facilitator typing'), 'the observer still receives')
    await new Promise((r) => setTimeout(r, 300))
    expect(text(watcher)).toBe('facilitator typing')
    expect(closes).toEqual([])
  })

  it('an observer’s updates never reach the document or other clients', async () => {
    const { client, watcher, idea } = await memberInRoom('observer')
    bodyText(client.doc).insert(0, 'not allowed')
    await new Promise((r) => setTimeout(r, 300))
    expect(text(watcher)).toBe('')
    expect(bodyTextOf(server.collab.registry.get(idea.id)!.doc)).toBe('')
  })

  it('closes the sockets of a user who signs out with 4401', async () => {
    const { account, closes } = await memberInRoom()
    expect((await as(account.cookie, 'POST', '/auth/logout')).status).toBe(204)
    await eventually(() => closes.includes(CloseCode.UNAUTHENTICATED), 'closed with 4401', 5_000)
  })

  it('closes the room of a deleted idea with 4404', async () => {
    const { idea, client, closes } = await memberInRoom()
    bodyText(client.doc).insert(0, 'typed as it is deleted')
    expect((await as(admin, 'DELETE', `/networks/asia/ideas/${idea.id}`)).status).toBe(204)
    await eventually(() => closes.includes(CloseCode.NOT_FOUND), 'closed with 4404', 5_000)
    // Its unsaved updates are dropped, not retried forever inside every other document's group commit.
    await eventually(() => !server.collab.updateLog.hasPending(idea.id) && server.collab.updateLog.failures === 0, 'nothing pending')
    const other = (await (await as(admin, 'POST', '/networks/asia/ideas', { title: 'Still stored' })).json()) as { room: string; id: string }
    const writer = connectProvider(server.wsUrl, other.room, { cookie: admin })
    clients.push(writer)
    await waitForSync(writer)
    bodyText(writer.doc).insert(0, 'stored')
    await eventually(async () => {
      await server.collab.updateLog.flush()
      return !server.collab.updateLog.hasPending(other.id)
    }, 'other document stored')
  })
})

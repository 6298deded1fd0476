import { dialectsUnderTest } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionHeaders, signUp, type SignedInAccount } from '../../test/accounts.ts'
import { connectProvider, eventually, waitForSync, type TestClient } from '../../test/providers.ts'
import { readPresence } from '../../test/presence-stream.ts'
import { adminCookie } from '../../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'

describe.each(dialectsUnderTest().slice(0, 1))('who is online in a network (%s)', (dialect) => {
  let server: TestServer
  let admin: string
  const clients: TestClient[] = []
  const streams: Array<{ close(): void }> = []

  beforeAll(async () => {
    server = await startTestServer(dialect)
    admin = await adminCookie(server.url)
  })
  afterAll(async () => {
    for (const stream of streams) stream.close()
    for (const client of clients) client.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  async function member(name: string, slug = 'asia', role = 'member'): Promise<SignedInAccount> {
    const account = await signUp(server, { displayName: name })
    const added = await fetch(`${server.url}/api/networks/${slug}/members`, {
      method: 'POST',
      headers: sessionHeaders(server, admin, { 'content-type': 'application/json' }),
      body: JSON.stringify({ email: account.email, role }),
    })
    expect(added.status).toBe(201)
    return account
  }

  it('refuses strangers with a JSON error before any stream starts', async () => {
    const outsider = await signUp(server, { displayName: 'Outsider' })
    for (const [cookie, slug, status] of [
      [null, 'asia', 401],
      [outsider.cookie, 'asia', 403],
      [outsider.cookie, 'no-such-network', 404],
    ] as const) {
      const response = await readPresence(server, slug, cookie).opened
      expect(response.status).toBe(status)
      expect(await response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } })
    }
  })

  it('shows who has the network open and who is in which idea, as it changes', async () => {
    const amina = await member('Amina Diallo')
    const bruno = await member('Bruno Costa')
    const idea = await server.createIdea('Solar kiosks')

    const stream = readPresence(server, 'asia', amina.cookie)
    streams.push(stream)
    const response = await stream.opened
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    await eventually(() => stream.latest()?.some((u) => u.displayName === 'Amina Diallo') ?? false, 'Amina sees herself online')

    const writer = connectProvider(server.wsUrl, idea.room, { cookie: bruno.cookie })
    clients.push(writer)
    await waitForSync(writer)
    await eventually(
      () => stream.latest()?.some((u) => u.id === bruno.user.id && u.ideaIds.includes(idea.id)) ?? false,
      'Bruno appears in the idea',
    )
    writer.destroy()
    await eventually(() => !(stream.latest()?.some((u) => u.id === bruno.user.id) ?? true), 'Bruno has gone')
    stream.close()
  })

  it('ends the stream when the reader is removed from the network, and when they sign out', async () => {
    const chen = await member('Chen Wei')
    const removed = readPresence(server, 'asia', chen.cookie)
    streams.push(removed)
    await eventually(() => removed.events.length > 0, 'first event')
    const removal = await fetch(`${server.url}/api/networks/asia/members/${chen.user.id}`, {
      method: 'DELETE',
      headers: sessionHeaders(server, admin),
    })
    expect(removal.status).toBe(204)
    await eventually(() => removed.ended(), 'the stream ends on removal', 5_000)

    const dana = await member('Dana Haddad')
    const signedIn = readPresence(server, 'asia', dana.cookie)
    streams.push(signedIn)
    await eventually(() => signedIn.events.length > 0, 'first event')
    const logout = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: sessionHeaders(server, dana.cookie) })
    expect(logout.status).toBe(204)
    await eventually(() => signedIn.ended(), 'the stream ends on sign-out', 5_000)
  })
})

import { dialectsUnderTest } from '@tandem/db/testing'
import { CloseCode } from '@tandem/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionHeaders, signUp, type SignedInAccount } from '../test/accounts.ts'
import { connectProvider, eventually, waitForSync, type TestClient } from '../test/providers.ts'
import { rawSocket, type RawSocket } from '../test/raw-socket.ts'
import { adminCookie } from '../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'

/** A raw socket that the server let in: it has sent its sync step 1. */
async function joined(url: string, cookie: string): Promise<RawSocket> {
  const socket = rawSocket(url, { cookie })
  await socket.opened
  await eventually(() => socket.frames.length > 0, 'server step 1')
  return socket
}

describe.each(dialectsUnderTest())('sockets per user (%s)', (dialect) => {
  let server: TestServer
  let member: SignedInAccount
  let other: SignedInAccount
  let room: string
  const sockets: RawSocket[] = []
  /** The member's sockets the server let in and that are still open. */
  const memberSockets: RawSocket[] = []
  const clients: TestClient[] = []

  beforeAll(async () => {
    server = await startTestServer(dialect, { MAX_SOCKETS_PER_USER: 3 })
    room = (await server.createIdea('Solar kiosks')).room
    member = await signUp(server)
    other = await signUp(server)
    for (const account of [member, other]) {
      const response = await fetch(`${server.url}/api/networks/asia/members`, {
        method: 'POST',
        headers: { ...sessionHeaders(server, await adminCookie(server.url)), 'content-type': 'application/json' },
        body: JSON.stringify({ email: account.email, role: 'member' }),
      })
      expect(response.status).toBe(201)
    }
  })
  afterAll(async () => {
    for (const socket of sockets) socket.socket.terminate()
    for (const client of clients) client.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  it('refuses a user’s socket past MAX_SOCKETS_PER_USER with 4429, and no one else’s', async () => {
    const url = `${server.wsUrl}/${room}`
    const three = await Promise.all([1, 2, 3].map(() => joined(url, member.cookie)))
    sockets.push(...three)
    const fourth = rawSocket(url, { cookie: member.cookie })
    sockets.push(fourth)
    expect((await fourth.closed).code).toBe(CloseCode.TOO_MANY_SOCKETS)
    // Refused before its room: it was sent nothing but the close.
    expect(fourth.frames).toHaveLength(0)
    sockets.push(await joined(url, other.cookie))
    expect(server.collab.quota.count(member.user.id)).toBe(3)
    // A socket that goes away (even without a close handshake) frees its place.
    three[0]!.socket.terminate()
    await eventually(() => server.collab.quota.count(member.user.id) === 2, 'place freed')
    const again = await joined(url, member.cookie)
    sockets.push(again)
    memberSockets.push(three[1]!, three[2]!, again)
  })

  it('stops a WebsocketProvider refused with 4429 from reconnecting', async () => {
    await eventually(() => server.collab.quota.count(member.user.id) === 3, 'the member holds three sockets')
    const client = connectProvider(server.wsUrl, room, { cookie: member.cookie })
    clients.push(client)
    const closed = await new Promise<number>((resolve) => client.provider.on('closed', (event) => resolve(event.code)))
    expect(closed).toBe(CloseCode.TOO_MANY_SOCKETS)
    expect(client.provider.shouldConnect).toBe(false)
    // With a place free it joins when asked to, as a page reloaded by the person would.
    memberSockets.shift()!.socket.close()
    await eventually(() => server.collab.quota.count(member.user.id) === 2, 'place freed')
    client.provider.connect()
    await waitForSync(client)
  })
})

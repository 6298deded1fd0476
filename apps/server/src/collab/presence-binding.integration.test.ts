import { dialectsUnderTest } from '@tandem/db/testing'
import { MessageType } from '@tandem/shared'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { sessionHeaders, signUp, type SignedInAccount } from '../test/accounts.ts'
import { connectProvider, eventually, waitForSync, type TestClient } from '../test/providers.ts'
import { rawSocket, type RawSocket } from '../test/raw-socket.ts'
import { adminCookie, TEST_ADMIN } from '../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'
import { MAX_AWARENESS_IDS_PER_SOCKET } from './awareness-guard.ts'
import { encodeAwareness } from './protocol.ts'

interface User {
  id?: string
  name?: string
  color?: string
}

/** An awareness update as a hostile client writes it: any client ids, clocks and states. */
function forged(...states: Array<[number, number, unknown]>): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  for (const [id, clock, state] of states) {
    awareness.states.set(id, state as Record<string, unknown>)
    awareness.meta.set(id, { clock, lastUpdated: 0 })
  }
  return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, states.map(([id]) => id)))
}

/** The client ids and states of every awareness frame a raw socket received. */
function statesIn(frames: Uint8Array[]): Map<number, { user?: User } | null> {
  const states = new Map<number, { user?: User } | null>()
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== MessageType.AWARENESS) continue
    const update = decoding.readVarUint8Array(decoder)
    const inner = decoding.createDecoder(update)
    for (let count = decoding.readVarUint(inner); count > 0; count--) {
      const id = decoding.readVarUint(inner)
      decoding.readVarUint(inner)
      states.set(id, JSON.parse(decoding.readVarString(inner)))
    }
  }
  return states
}

describe.each(dialectsUnderTest())('presence bound to the socket (%s)', (dialect) => {
  let server: TestServer
  let member: SignedInAccount
  let observer: SignedInAccount
  let adminId: string
  let room: string
  const clients: TestClient[] = []
  const raws: RawSocket[] = []

  beforeAll(async () => {
    server = await startTestServer(dialect)
    room = (await server.createIdea('Bus rapid transit')).room
    const admin = await fetch(`${server.url}/api/me`, { headers: { cookie: await adminCookie(server.url) } })
    adminId = ((await admin.json()) as { user: { id: string } }).user.id
    member = await signUp(server, { displayName: 'Mariam Okafor' })
    observer = await signUp(server, { displayName: 'Otto Observer' })
    for (const [account, role] of [[member, 'member'], [observer, 'observer']] as const) {
      const response = await fetch(`${server.url}/api/networks/asia/members`, {
        method: 'POST',
        headers: { ...sessionHeaders(server, await adminCookie(server.url)), 'content-type': 'application/json' },
        body: JSON.stringify({ email: account.email, role }),
      })
      expect(response.status).toBe(201)
    }
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    for (const raw of raws) raw.socket.terminate()
    await server?.close()
    await server?.testDb.destroy()
  })

  /** A raw socket of the observer, let into the room. */
  async function observerSocket(): Promise<RawSocket> {
    const raw = rawSocket(`${server.wsUrl}/${room}`, { cookie: observer.cookie })
    raws.push(raw)
    await raw.opened
    await eventually(() => raw.frames.length > 0, 'observer let in')
    return raw
  }

  /** Sends the frame, then asks for every state: the answer comes once the frame was handled. */
  async function sendAndSettle(raw: RawSocket, frame: Uint8Array): Promise<Map<number, { user?: User } | null>> {
    raw.frames.length = 0
    raw.send(frame)
    raw.send(new Uint8Array([MessageType.QUERY_AWARENESS]))
    await eventually(() => raw.frames.some((f) => f[0] === MessageType.AWARENESS && f.byteLength > 2), 'awareness answer')
    return statesIn(raw.frames)
  }

  it('keeps a member’s presence the member’s own: an observer cannot rename it, for others or for the member', async () => {
    const mariam = connectProvider(server.wsUrl, room, { cookie: member.cookie })
    const admin = connectProvider(server.wsUrl, room)
    clients.push(mariam, admin)
    await Promise.all([waitForSync(mariam), waitForSync(admin)])
    mariam.provider.awareness.setLocalStateField('user', { id: member.user.id, name: 'Mariam Okafor', color: '#00838f' })
    const id = mariam.doc.clientID
    await eventually(() => (admin.provider.awareness.getStates().get(id) as { user?: User } | undefined)?.user?.name === 'Mariam Okafor', 'admin sees Mariam')
    const clock = mariam.provider.awareness.meta.get(id)!.clock
    const raw = await observerSocket()
    // The forged state, then the observer's own: both would go out in one frame, so once the others see the second
    // they would have seen the first.
    raw.send(forged([id, clock + 10, { user: { id: member.user.id, name: 'Renamed by Otto', color: '#000000' } }]))
    raw.send(forged([555_555, 1, { user: { name: 'Otto' } }]))
    await eventually(
      () => admin.provider.awareness.getStates().has(555_555) && mariam.provider.awareness.getStates().has(555_555),
      'the observer’s own presence arrived',
    )
    const seen = (client: TestClient) => (client.provider.awareness.getStates().get(id) as { user?: User }).user
    expect(seen(admin)).toEqual({ id: member.user.id, name: 'Mariam Okafor', color: '#00838f' })
    expect(seen(mariam)).toEqual({ id: member.user.id, name: 'Mariam Okafor', color: '#00838f' })
    expect(mariam.provider.awareness.meta.get(id)!.clock).toBe(clock)
  })

  it('writes the observer’s own id and name into a participant it invents with the admin’s', async () => {
    const raw = await observerSocket()
    const states = await sendAndSettle(raw, forged([424_242, 1, { user: { id: adminId, name: TEST_ADMIN.displayName, color: '#b71c1c' } }]))
    expect(states.get(424_242)?.user).toEqual({ id: observer.user.id, name: 'Otto Observer', color: '#b71c1c' })
  })

  it('lets one socket push no more than a few states, each small, however many it sends', async () => {
    const raw = await observerSocket()
    const flood = Array.from({ length: 2_000 }, (_, i): [number, number, unknown] => [900_000 + i, 1, { user: { name: `Fake ${i}` }, pad: 'x'.repeat(3_000) }])
    await sendAndSettle(raw, forged(...flood))
    await sendAndSettle(raw, forged([800_000, 1, { user: {}, notes: 'y'.repeat(5_000) }]))
    // Someone who joins now is sent everyone's presence: the flood's first few states and nothing more.
    const joiner = rawSocket(`${server.wsUrl}/${room}`)
    raws.push(joiner)
    await eventually(() => joiner.frames.some((f) => f[0] === MessageType.AWARENESS), 'presence on joining')
    const sent = statesIn(joiner.frames)
    const fakes = [...sent.keys()].filter((id) => id >= 900_000 && id < 902_000)
    expect(fakes).toHaveLength(MAX_AWARENESS_IDS_PER_SOCKET)
    expect(sent.has(800_000)).toBe(false)
    const bytes = joiner.frames.filter((f) => f[0] === MessageType.AWARENESS).reduce((sum, f) => sum + f.byteLength, 0)
    expect(bytes).toBeLessThan(32 * 1024)
  })
})

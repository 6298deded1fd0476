import { dialectsUnderTest } from '@tandem/db/testing'
import { CloseCode, MessageType } from '@tandem/shared'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { bodyText, bodyTextOf, paragraphDoc } from '../test/editor-doc.ts'
import { connectProvider, eventually, text, waitForSync, type TestClient } from '../test/providers.ts'
import { rawSocket } from '../test/raw-socket.ts'
import { adminCookie } from '../test/session-cookies.ts'
import { readStoredDoc } from '../test/stored-doc.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from './protocol.ts'

describe.each(dialectsUnderTest())('room server speaking y-websocket (%s)', (dialect) => {
  let server: TestServer
  const clients: TestClient[] = []
  const connect = (...args: Parameters<typeof connectProvider>) => {
    const client = connectProvider(...args)
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    server = await startTestServer(dialect)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  it('lets two WebsocketProviders in one idea see each other’s edits', async () => {
    const idea = await server.createIdea('Solar kiosks for Kisumu')
    const a = connect(server.wsUrl, idea.room)
    const b = connect(server.wsUrl, idea.room)
    await Promise.all([waitForSync(a), waitForSync(b)])
    bodyText(a.doc).insert(0, 'Context: ')
    bodyText(b.doc).insert(0, 'Goal. ')
    await eventually(() => text(a) === text(b) && text(a).length === 15, 'both edits at both clients')
    expect(text(a)).toContain('Context: ')
    expect(text(a)).toContain('Goal. ')
  })

  it('gives a late joiner the whole document, from memory and after the room unloaded', async () => {
    const idea = await server.createIdea()
    const a = connect(server.wsUrl, idea.room)
    await waitForSync(a)
    bodyText(a.doc).insert(0, 'stored once')
    const late = connect(server.wsUrl, idea.room)
    await eventually(() => text(late) === 'stored once', 'late joiner has the text')
    a.provider.disconnect()
    late.provider.disconnect()
    await eventually(() => server.collab.registry.get(idea.id) === undefined, 'room unloaded')
    const cold = connect(server.wsUrl, idea.room)
    await waitForSync(cold)
    expect(text(cold)).toBe('stored once')
  })

  it('shares awareness and removes a closed connection’s states for everyone at once', async () => {
    const idea = await server.createIdea()
    const a = connect(server.wsUrl, idea.room)
    const b = connect(server.wsUrl, idea.room)
    const c = connect(server.wsUrl, idea.room)
    await Promise.all([waitForSync(a), waitForSync(b), waitForSync(c)])
    a.provider.awareness.setLocalStateField('user', { name: 'Amina' })
    b.provider.awareness.setLocalStateField('user', { name: 'Bruno' })
    c.provider.awareness.setLocalStateField('user', { name: 'Chen' })
    const idA = a.doc.clientID
    await eventually(() => b.provider.awareness.getStates().has(idA) && c.provider.awareness.getStates().has(idA), 'A visible')
    // A's socket dies without saying goodbye: the server must remove A for the others.
    ;(a.provider.ws as unknown as { terminate(): void }).terminate()
    a.provider.shouldConnect = false
    await eventually(
      () => !b.provider.awareness.getStates().has(idA) && !c.provider.awareness.getStates().has(idA),
      'A removed at B and C',
    )
  })

  it('answers query-awareness with every state', async () => {
    const idea = await server.createIdea()
    const a = connect(server.wsUrl, idea.room)
    await waitForSync(a)
    a.provider.awareness.setLocalStateField('user', { name: 'Amina', color: '#3949ab' })
    const raw = rawSocket(`${server.wsUrl}/${idea.room}`)
    await raw.opened
    await eventually(() => raw.frames.length >= 1, 'server step 1')
    raw.send(new Uint8Array([MessageType.QUERY_AWARENESS]))
    // The server writes the user's own name into the state it passes on (awareness-guard.ts).
    await eventually(
      () => raw.frames.some((f) => f[0] === MessageType.AWARENESS && new TextDecoder().decode(f).includes('#3949ab')),
      'awareness answer',
    )
    raw.socket.close()
  })

  it('sends STORED acknowledgements only to clients that asked', async () => {
    const idea = await server.createIdea()
    const asking = rawSocket(`${server.wsUrl}/${idea.room}?stored=1`)
    const plain = rawSocket(`${server.wsUrl}/${idea.room}`)
    await Promise.all([asking.opened, plain.opened])
    const doc = paragraphDoc('saved?')
    asking.send(encodeUpdate(Y.encodeStateAsUpdate(doc)))
    // The first STORED frame comes on joining (nothing of this client yet); a later one covers the update.
    await eventually(() => storedClock(asking.frames, doc.clientID) === Y.getState(doc.store, doc.clientID), 'stored ack')
    await new Promise((r) => setTimeout(r, 100))
    expect(plain.frames.some((f) => f[0] === MessageType.STORED)).toBe(false)
    asking.socket.close()
    plain.socket.close()
  })

  it('tells clients that asked when the idea’s record changes (a rename), and no others', async () => {
    const idea = await server.createIdea('Cycle lanes')
    const asking = rawSocket(`${server.wsUrl}/${idea.room}?stored=1`)
    const plain = rawSocket(`${server.wsUrl}/${idea.room}`)
    await Promise.all([asking.opened, plain.opened])
    await eventually(() => server.collab.registry.get(idea.id)?.connections.size === 2, 'both joined')
    const renamed = await fetch(`${server.url}/api/networks/asia/ideas/${idea.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: await adminCookie(server.url), origin: server.url },
      body: JSON.stringify({ title: 'Cycle lanes for Tirana' }),
    })
    expect(renamed.status).toBe(200)
    await eventually(() => asking.frames.some((f) => f.length === 1 && f[0] === MessageType.IDEA_CHANGED), 'the asking client is told')
    // Sent to both sockets before the answer above: by the time the plain one answers a query, it would have it.
    plain.send(new Uint8Array([MessageType.QUERY_AWARENESS]))
    await eventually(() => plain.frames.some((f) => f[0] === MessageType.AWARENESS), 'the plain client answered')
    expect(plain.frames.some((f) => f[0] === MessageType.IDEA_CHANGED)).toBe(false)
    asking.socket.close()
    plain.socket.close()
  })

  it('tells a client that asks what is already stored as soon as it joins', async () => {
    const idea = await server.createIdea()
    const writer = rawSocket(`${server.wsUrl}/${idea.room}?stored=1`)
    await writer.opened
    const doc = paragraphDoc('from an earlier visit')
    writer.send(encodeUpdate(Y.encodeStateAsUpdate(doc)))
    await eventually(() => storedClock(writer.frames, doc.clientID) === Y.getState(doc.store, doc.clientID), 'stored')
    const later = rawSocket(`${server.wsUrl}/${idea.room}?stored=1`)
    await later.opened
    // No commit happens after it joins: the frame it gets is the one sent on joining.
    await eventually(() => storedClock(later.frames, doc.clientID) === Y.getState(doc.store, doc.clientID), 'a STORED frame on joining')
    expect(later.frames.filter((f) => f[0] === MessageType.STORED)).toHaveLength(1)
    writer.socket.close()
    later.socket.close()
  })

  it('a provider that asks can show a truthful "saved" state; a plain one never sees the extra type', async () => {
    const idea = await server.createIdea()
    const errors = vi.spyOn(console, 'error')
    const a = connect(server.wsUrl, idea.room, { params: { stored: '1' } })
    let stored = new Map<number, number>()
    a.provider.messageHandlers[MessageType.STORED] = (_encoder, decoder) => {
      stored = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
    }
    const b = connect(server.wsUrl, idea.room)
    await Promise.all([waitForSync(a), waitForSync(b)])
    bodyText(a.doc).insert(0, 'hello')
    await eventually(() => text(b) === 'hello', 'b receives')
    await eventually(() => stored.get(a.doc.clientID) === Y.getState(a.doc.store, a.doc.clientID), 'a learns its 5 characters are stored')
    expect(bodyTextOf(await readStoredDoc(server.testDb.db, idea.id))).toBe('hello')
    expect(errors).not.toHaveBeenCalledWith('Unable to compute message')
    errors.mockRestore()
  })

  it('sends an idle viewer something at least every keepalive period and drops dead sockets', async () => {
    const fast = await startTestServer(dialect, { heartbeat: { keepaliveAfterMs: 150, pingEveryMs: 200, silentAfterMs: 100, deadAfterMs: 200 } }, server.testDb)
    try {
      const idea = await fast.createIdea()
      const idle = rawSocket(`${fast.wsUrl}/${idea.room}`)
      await idle.opened
      await new Promise((r) => setTimeout(r, 700))
      // step 1 at join, then keepalives: an empty awareness update, harmless to a provider.
      expect(idle.frames.length).toBeGreaterThanOrEqual(3)
      expect(idle.frames.at(-1)).toEqual(encodeAwareness(new Uint8Array([0])))
      const dead = rawSocket(`${fast.wsUrl}/${idea.room}`, { autoPong: false })
      await dead.opened
      const { code } = await dead.closed
      expect(code).toBe(1006) // terminated by the server after an unanswered ping
      expect(idle.socket.readyState).toBe(idle.socket.OPEN)
      idle.socket.close()
    } finally {
      await fast.close()
    }
  })

  it('refuses a new room join while shutting down with 1001 and closes open sockets with 1001', async () => {
    const other = await startTestServer(dialect, {}, server.testDb)
    const idea = await other.createIdea()
    const raw = rawSocket(`${other.wsUrl}/${idea.room}`)
    await raw.opened
    await eventually(() => raw.frames.length > 0, 'joined')
    await other.close()
    expect((await raw.closed).code).toBe(CloseCode.GOING_AWAY)
  })

  it('step 1 from a raw client is answered with step 2 carrying the document', async () => {
    const idea = await server.createIdea()
    const a = connect(server.wsUrl, idea.room)
    await waitForSync(a)
    bodyText(a.doc).insert(0, 'abc')
    await eventually(() => bodyTextOf(server.collab.registry.get(idea.id)!.doc) === 'abc', 'server has it')
    const raw = rawSocket(`${server.wsUrl}/${idea.room}`)
    await raw.opened
    raw.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    await eventually(() => raw.frames.some((f) => f[0] === 0 && f[1] === 1), 'step 2')
    const step2 = raw.frames.find((f) => f[0] === 0 && f[1] === 1)!
    const decoder = decoding.createDecoder(step2)
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
    expect(bodyTextOf(doc)).toBe('abc')
    raw.socket.close()
  })
})

/** The highest clock of `clientId` that any STORED frame among `frames` says the database holds (-1: none). */
function storedClock(frames: Uint8Array[], clientId: number): number {
  let clock = -1
  for (const frame of frames) {
    if (frame[0] !== MessageType.STORED) continue
    const decoder = decoding.createDecoder(frame)
    decoding.readVarUint(decoder)
    clock = Math.max(clock, Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(clientId) ?? -1)
  }
  return clock
}

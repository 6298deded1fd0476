import { dialectsUnderTest } from '@tandem/db/testing'
import type { Idea } from '@tandem/shared'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { sessionHeaders, signUp, type SignedInAccount } from '../test/accounts.ts'
import { readPresence } from '../test/presence-stream.ts'
import { connectProvider, eventually, waitForSync, type TestClient } from '../test/providers.ts'
import { adminCookie } from '../test/session-cookies.ts'
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'

/**
 * A co-author whose network dies without a word (no FIN, no RST: a phone that lost its signal, a laptop closed) must
 * vanish from everyone's presence well within the 30 s after which each client would drop it by itself. Real sockets
 * through a TCP proxy that silences or stalls the co-author's connection; the heartbeat's timings are shortened
 * (the defaults' bound is checked with fake time in heartbeat.test.ts).
 */
const HEARTBEAT = { keepaliveAfterMs: 1_000, pingEveryMs: 300, silentAfterMs: 200, deadAfterMs: 3_000 }
/** Ping period + silence + a tick, and room for a loaded machine's scheduling. */
const GONE_WITHIN_MS = HEARTBEAT.pingEveryMs + HEARTBEAT.silentAfterMs + 1_500

describe.each(dialectsUnderTest().slice(0, 1))('a co-author whose network silently dies (%s)', (dialect) => {
  let server: TestServer
  let admin: string
  let amina: SignedInAccount
  let proxy: TcpProxy
  const clients: TestClient[] = []
  const streams: Array<{ close(): void }> = []

  beforeAll(async () => {
    server = await startTestServer(dialect, { heartbeat: HEARTBEAT })
    admin = await adminCookie(server.url)
    amina = await signUp(server, { displayName: 'Amina Diallo' })
    const added = await fetch(`${server.url}/api/networks/asia/members`, {
      method: 'POST',
      headers: sessionHeaders(server, admin, { 'content-type': 'application/json' }),
      body: JSON.stringify({ email: amina.email, role: 'member' }),
    })
    expect(added.status).toBe(201)
  })
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close()
    for (const client of clients.splice(0)) client.destroy()
    await proxy?.close()
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  /** Amina through the proxy and the admin directly, both in the idea, each seeing the other. */
  async function twoCoAuthors(idea: Idea) {
    proxy = await startTcpProxy(server.port)
    const far = connectProvider(`ws://127.0.0.1:${proxy.port}/collab`, idea.room, { cookie: amina.cookie })
    const near = connectProvider(server.wsUrl, idea.room, { cookie: admin })
    clients.push(far, near)
    await Promise.all([waitForSync(far), waitForSync(near)])
    far.provider.awareness.setLocalStateField('user', { id: amina.user.id, name: 'Amina Diallo', color: '#1a5fb4' })
    near.provider.awareness.setLocalStateField('user', { id: 'admin', name: 'Test Admin', color: '#26a269' })
    const aminaId = far.doc.clientID
    await eventually(() => near.provider.awareness.getStates().has(aminaId), 'the admin sees Amina')
    await eventually(() => far.provider.awareness.getStates().has(near.doc.clientID), 'Amina sees the admin')
    return { far, near, aminaId }
  }

  it('is gone from the others’ awareness and from the network’s presence within a ping and a silence', async () => {
    const idea = await server.createIdea('Silent network')
    const network = readPresence(server, 'asia', admin)
    streams.push(network)
    const { near, aminaId } = await twoCoAuthors(idea)
    const inIdea = () => network.latest()?.some((u) => u.id === amina.user.id && u.ideaIds.includes(idea.id)) ?? false
    await eventually(inIdea, 'the network lists Amina in the idea')

    const diedAt = Date.now()
    proxy.silence()
    await eventually(() => !near.provider.awareness.getStates().has(aminaId), 'Amina vanishes from the admin’s awareness', GONE_WITHIN_MS)
    const goneAfter = Date.now() - diedAt
    await eventually(() => !inIdea(), 'Amina vanishes from the network’s presence', GONE_WITHIN_MS - goneAfter + 100)
    // Dropped as silent, well before the socket is given up as dead (deadAfterMs).
    const room = server.collab.registry.get(idea.id)!
    expect(goneAfter).toBeLessThan(HEARTBEAT.deadAfterMs)
    expect(room.connections.size).toBe(2)
    expect(room.awareness.getStates().has(aminaId)).toBe(false)

    // Someone who opens the idea now is not shown her either.
    const later = connectProvider(server.wsUrl, idea.room, { cookie: admin })
    clients.push(later)
    await waitForSync(later)
    await eventually(() => later.provider.awareness.getStates().has(near.doc.clientID), 'the newcomer sees the admin')
    expect(later.provider.awareness.getStates().has(aminaId)).toBe(false)

    await eventually(() => room.connections.size === 2 && [...room.connections].every((c) => c.userId !== amina.user.id), 'her socket is terminated', HEARTBEAT.deadAfterMs + 2_000)
  })

  it('comes back by itself when a stalled connection carries on, without being cut off', async () => {
    const idea = await server.createIdea('Stalled network')
    const network = readPresence(server, 'asia', admin)
    streams.push(network)
    const { far, near, aminaId } = await twoCoAuthors(idea)
    const socketBefore = far.provider.ws

    proxy.stall()
    await eventually(() => !near.provider.awareness.getStates().has(aminaId), 'Amina vanishes while her link is stalled', GONE_WITHIN_MS)
    await eventually(() => !(network.latest()?.some((u) => u.id === amina.user.id) ?? true), 'and from the network’s presence')

    proxy.resume()
    // Her client hears it was dropped and says it is still here (a higher clock): back for everyone.
    await eventually(() => near.provider.awareness.getStates().get(aminaId)?.user?.name === 'Amina Diallo', 'Amina is back', 5_000)
    await eventually(() => network.latest()?.some((u) => u.id === amina.user.id && u.ideaIds.includes(idea.id)) ?? false, 'back in the network’s presence', 5_000)
    expect(far.provider.ws).toBe(socketBefore)
    expect(far.provider.wsconnected).toBe(true)
  })
})

import { dialectsUnderTest } from '@tandem/db/testing'
import { CloseCode } from '@tandem/shared'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sessionHeaders, signUp, type SignedInAccount } from '../test/accounts.ts'
import { paragraphDoc, paragraphTexts } from '../test/editor-doc.ts'
import { connectProvider, eventually, waitForSync } from '../test/providers.ts'
import { rawSocket } from '../test/raw-socket.ts'
import { adminCookie } from '../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'
import { encodeUpdate } from './protocol.ts'

/** A cookie of the right shape (a session token is 32 characters of lowercase base32) that names no session. */
function unknownCookie(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  return `tandem_session=${Array.from(randomBytes(32), (byte) => alphabet[byte & 31]).join('')}`
}

/** Opens a socket and resolves with the code it was closed with. */
async function closeCode(url: string, cookie: string | null, onOpen?: (send: (frame: Uint8Array) => void) => void): Promise<number> {
  const socket = rawSocket(url, { cookie })
  socket.socket.once('open', () => onOpen?.((frame) => socket.send(frame)))
  return (await socket.closed).code
}

async function addMember(server: TestServer, account: SignedInAccount): Promise<void> {
  const response = await fetch(`${server.url}/api/networks/asia/members`, {
    method: 'POST',
    headers: { ...sessionHeaders(server, await adminCookie(server.url)), 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, role: 'member' }),
  })
  expect(response.status).toBe(201)
}

describe.each(dialectsUnderTest())('strangers at the room server (%s)', (dialect) => {
  let server: TestServer
  let member: SignedInAccount
  let url: string
  let ideaId: string
  let clock = 1_000_000

  beforeAll(async () => {
    // The session lookups' clock is the test's: refills happen when the test says so.
    server = await startTestServer(dialect, {
      sessionLookups: { concurrent: 2, failureBurst: 10, failureRefillMs: 1_000, unknownForMs: 60_000, now: () => clock },
    })
    const idea = await server.createIdea('Water kiosks')
    ideaId = idea.id
    url = `${server.wsUrl}/${idea.room}`
    member = await signUp(server)
    await addMember(server, member)
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  it('decodes nothing a socket sends before access is decided: garbage from a stranger is refused as a stranger', async () => {
    const garbage = new Uint8Array([0, 2, 200, 200, 200, 1, 2, 3])
    // Without a cookie the decision is immediate; with an unknown one it waits for the database.
    expect(await closeCode(url, null, (send) => send(garbage))).toBe(CloseCode.UNAUTHENTICATED)
    expect(await closeCode(url, unknownCookie(), (send) => send(garbage))).toBe(CloseCode.UNAUTHENTICATED)
    // A member's frames sent before the decision are read after it, and applied.
    const doc = paragraphDoc('sent at once')
    const early = rawSocket(url, { cookie: member.cookie })
    early.socket.once('open', () => early.send(encodeUpdate(Y.encodeStateAsUpdate(doc))))
    await eventually(() => paragraphTexts(server.collab.registry.get(ideaId)?.doc ?? new Y.Doc()).includes('sent at once'), 'the early update applied')
    early.socket.close()
  })

  it('looks up an address’s unknown session tokens a few at a time and a burst in all, and forgets none it found unknown', async () => {
    const before = { ...server.collab.sessionLookups.counts }
    const tokens = Array.from({ length: 40 }, unknownCookie)
    const codes = await Promise.all(tokens.map((cookie) => closeCode(url, cookie)))
    // The burst of 10 (the first test spent one), give or take the lookups already under way when it ran out.
    const lookups = server.collab.sessionLookups.counts.lookups - before.lookups
    expect(lookups).toBeGreaterThanOrEqual(9)
    expect(lookups).toBeLessThanOrEqual(10 + 1)
    expect(codes.filter((code) => code === CloseCode.UNAUTHENTICATED)).toHaveLength(lookups)
    expect(codes.filter((code) => code === CloseCode.OVERLOADED)).toHaveLength(40 - lookups)
    // A token found unknown is answered from memory, even while the address may not look anything up.
    const known = tokens[codes.indexOf(CloseCode.UNAUTHENTICATED)]!
    expect(await closeCode(url, known)).toBe(CloseCode.UNAUTHENTICATED)
    expect(server.collab.sessionLookups.counts.lookups - before.lookups).toBe(lookups)
    // Someone real behind that address waits for the budget to refill (1013: the provider retries)…
    expect(await closeCode(url, member.cookie)).toBe(CloseCode.OVERLOADED)
    clock += 1_000
    const client = connectProvider(server.wsUrl, url.slice(server.wsUrl.length + 1), { cookie: member.cookie })
    await waitForSync(client)
    client.destroy()
    // …and after a while the unknown token is looked up again.
    clock += 60_000
    expect(await closeCode(url, known)).toBe(CloseCode.UNAUTHENTICATED)
    expect(server.collab.sessionLookups.counts.lookups - before.lookups).toBe(lookups + 2)
  })

  it('lets a workshop behind one address in all at once: found sessions cost only their turn', async () => {
    clock += 120_000
    const refusedBefore = server.collab.sessionLookups.counts.refused
    const clients = Array.from({ length: 60 }, () => connectProvider(server.wsUrl, url.slice(server.wsUrl.length + 1), { cookie: member.cookie }))
    await Promise.all(clients.map((client) => waitForSync(client)))
    expect(server.collab.sessionLookups.counts.refused).toBe(refusedBefore)
    for (const client of clients) client.destroy()
  })
})

describe.each(dialectsUnderTest())('upgrades with made-up session cookies (%s)', (dialect) => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer(dialect)
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  it('keeps /api/health answering 200 while 300 arrive at once from one address', async () => {
    const url = `${server.wsUrl}/${(await server.createIdea()).room}`
    const health: number[] = []
    let done = false
    const probe = (async () => {
      while (!done) {
        const response = await fetch(`${server.url}/api/health`)
        health.push(response.status)
        await response.arrayBuffer()
      }
    })()
    const codes = await Promise.all(Array.from({ length: 300 }, () => closeCode(url, unknownCookie())))
    done = true
    await probe
    expect(health.length).toBeGreaterThan(0)
    expect(health.every((status) => status === 200)).toBe(true)
    expect(codes.every((code) => code === CloseCode.UNAUTHENTICATED || code === CloseCode.OVERLOADED)).toBe(true)
    // The default budget: a burst of 64 lookups that fail, then 10 a second.
    expect(server.collab.sessionLookups.counts.lookups).toBeLessThan(64 + 10 * 10)
  })
})

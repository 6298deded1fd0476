import { MessageType } from '@tandem/shared'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sessionHeaders, signUp, type SignedInAccount } from '../test/accounts.ts'
import { connectProvider, eventually, waitForSync, type TestClient } from '../test/providers.ts'
import { rawSocket, type RawSocket } from '../test/raw-socket.ts'
import { adminCookie } from '../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'
import type { Connection } from './connection.ts'
import { encodeSyncStep1, encodeUpdate, SyncType } from './protocol.ts'

const KiB = 1024
const MiB = 1024 * KiB

/**
 * Sockets that never read, on loopback: the kernel takes the first few MiB (about 4 here) and the rest waits in the
 * server's memory, which is what the budget bounds. The budget's sweeps run when the test calls them, on its clock.
 */
interface Fixture {
  server: TestServer
  clock: { now: number }
  room: string
  ideaId: string
  observer(): Promise<SignedInAccount>
  /** A socket of the account let into the room, then no longer reading. */
  stalled(account: SignedInAccount): Promise<{ raw: RawSocket; connection: Connection; resume(): void }>
  /** The admin writes `mib` MiB of paragraphs into the document, 64 KiB a change, as fast as the server takes them. */
  write(mib: number, until?: () => boolean): Promise<void>
  close(): Promise<void>
}

async function fixture(maxQueuedBytes: number): Promise<Fixture> {
  const clock = { now: 1_000_000 }
  const server = await startTestServer('pglite', {
    MAX_QUEUED_BYTES: maxQueuedBytes,
    queueBudget: { sweepEveryMs: 0, stallMs: 5_000, now: () => clock.now },
  })
  const idea = await server.createIdea('Kisumu water kiosks')
  const url = `${server.wsUrl}/${idea.room}`
  const writer = rawSocket(url)
  await writer.opened
  await eventually(() => writer.frames.length > 0, 'writer let in')
  // What the idea started with (its template): the writer's paragraphs come after it.
  const base = server.collab.registry.get(idea.id)!.doc.getXmlFragment('default').length
  const doc = new Y.Doc()
  doc.on('update', (update: Uint8Array) => writer.send(encodeUpdate(update)))
  const line = 'Context and problem analysis of the water kiosks in Kisumu. '.repeat(1_100)
  const sockets: RawSocket[] = [writer]
  let written = 0
  return {
    server,
    clock,
    room: idea.room,
    ideaId: idea.id,
    async observer() {
      const account = await signUp(server)
      const response = await fetch(`${server.url}/api/networks/asia/members`, {
        method: 'POST',
        headers: { ...sessionHeaders(server, await adminCookie(server.url)), 'content-type': 'application/json' },
        body: JSON.stringify({ email: account.email, role: 'observer' }),
      })
      expect(response.status).toBe(201)
      return account
    },
    async stalled(account) {
      const raw = rawSocket(url, { cookie: account.cookie })
      sockets.push(raw)
      await raw.opened
      await eventually(() => raw.frames.length > 0, 'let in')
      const connection = [...server.collab.heartbeat.connections].find((c) => c.userId === account.user.id)!
      const tcp = (raw.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket
      tcp.pause()
      return { raw, connection, resume: () => tcp.resume() }
    },
    async write(mib, until = () => false) {
      const target = written + mib * MiB
      while (written < target && !until()) {
        doc.transact(() => {
          const paragraph = new Y.XmlElement('paragraph')
          paragraph.insert(0, [new Y.XmlText(`${written} ${line}`)])
          doc.getXmlFragment('default').push([paragraph])
        })
        written += line.length
        // Each change is applied (and passed on) before the next is sent.
        const sent = base + doc.getXmlFragment('default').length
        await eventually(() => (server.collab.registry.get(idea.id)?.doc.getXmlFragment('default').length ?? 0) >= sent, 'applied')
      }
    },
    async close() {
      for (const socket of sockets) socket.socket.terminate()
      doc.destroy()
      await server.close()
      await server.testDb.destroy()
    },
  }
}

/** The sync step 2 frames among a socket's frames: answers to requests for the document. */
function answers(frames: Uint8Array[], atLeast: number): number {
  return frames.filter((f) => f[0] === MessageType.SYNC && f[1] === SyncType.STEP2 && f.byteLength >= atLeast).length
}

describe('the bytes all sockets hold (MAX_QUEUED_BYTES)', () => {
  let f: Fixture
  const clients: TestClient[] = []

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await f?.close()
  })

  it('drops a socket that holds more than its share and writes nothing out for 5 s, and only it', async () => {
    f = await fixture(8 * MiB)
    const reader = connectProvider(f.server.wsUrl, f.room)
    clients.push(reader)
    await waitForSync(reader)
    const stalled = await f.stalled(await f.observer())
    // Three sockets (writer, reader, the stalled one): each one's share is a third of 8 MiB.
    const share = f.server.collab.budget.share
    await f.write(12, () => stalled.connection.queuedBytes() > share)
    expect(stalled.connection.queuedBytes()).toBeGreaterThan(share)
    f.server.collab.budget.sweep()
    f.clock.now += 4_999
    f.server.collab.budget.sweep()
    expect(stalled.connection.closed).toBe(false)
    f.clock.now += 1
    f.server.collab.budget.sweep()
    expect(stalled.connection.closed).toBe(true)
    expect(f.server.collab.budget.queuedBytes).toBeLessThan(share)
    // Cut off at once (its bytes are let go of): the client, reading again, finds the connection gone.
    stalled.resume()
    expect((await stalled.raw.closed).code).toBe(1006)
    // The reader kept up and has everything.
    const room = f.server.collab.registry.get(f.ideaId)!
    await eventually(() => reader.doc.getXmlFragment('default').length === room.doc.getXmlFragment('default').length, 'reader has it all')
  })

  it('keeps what all sockets together hold within the budget, dropping the largest holders first', async () => {
    f = await fixture(2 * MiB)
    const reader = connectProvider(f.server.wsUrl, f.room)
    clients.push(reader)
    await waitForSync(reader)
    const stalled = await Promise.all([1, 2, 3].map(async () => f.stalled(await f.observer())))
    await f.write(8, () => stalled.every((s) => s.connection.closed))
    expect(stalled.every((s) => s.connection.closed)).toBe(true)
    expect(f.server.collab.budget.peak).toBeLessThanOrEqual(2 * MiB)
    expect(f.server.collab.budget.dropped).toBeGreaterThanOrEqual(3)
    const room = f.server.collab.registry.get(f.ideaId)!
    await eventually(() => reader.doc.getXmlFragment('default').length === room.doc.getXmlFragment('default').length, 'reader has it all')
    expect(reader.provider.wsconnected).toBe(true)
  })

  it('answers a socket’s repeated requests for the whole document one at a time', async () => {
    f = await fixture(256 * MiB)
    await f.write(1.5)
    const size = Y.encodeStateAsUpdate(f.server.collab.registry.get(f.ideaId)!.doc).byteLength
    const stalled = await f.stalled(await f.observer())
    const askForEverything = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))
    for (let i = 0; i < 20; i++) stalled.raw.send(askForEverything)
    // The server reads them all at once; the answers it hands out stop where the kernel's buffers are full.
    await eventually(() => stalled.connection.queuedBytes() > 0, 'the server holds part of an answer')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(stalled.connection.queuedBytes()).toBeLessThanOrEqual(size + 64 * KiB)
    const handed = Math.round(stalled.connection.sentBytes / size)
    expect(handed).toBeLessThan(6)
    // Reading again, the client gets what was handed out, then the one request that waited: not twenty answers.
    stalled.resume()
    await eventually(() => {
      f.server.collab.budget.sweep()
      return answers(stalled.raw.frames, size) === handed + 1 && stalled.connection.queuedBytes() === 0
    }, 'the waiting request answered once the others were out')
    expect(stalled.connection.closed).toBe(false)
    expect(stalled.raw.socket.readyState).toBe(stalled.raw.socket.OPEN)
  })
})

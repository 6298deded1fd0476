import { dialectsUnderTest } from '@tandem/db/testing'
import { CloseCode } from '@tandem/shared'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { signUp } from '../test/accounts.ts'
import { bodyText, bodyTextOf } from '../test/editor-doc.ts'
import { connectProvider, eventually, text, waitForSync, type TestClient } from '../test/providers.ts'
import { rawSocket } from '../test/raw-socket.ts'
import { closeCodeForPath } from '../test/raw-upgrade.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'
import { encodeUpdate } from './protocol.ts'

const MAX = 64 * 1024

describe.each(dialectsUnderTest())('bad input on the room socket (%s)', (dialect) => {
  let server: TestServer
  let writer: TestClient
  let room: string
  let ideaId: string

  /** Every stored byte of the idea's document, in order: snapshot then log. */
  async function storedBytes(): Promise<string> {
    await server.collab.updateLog.flush()
    const db = server.testDb.db
    const snapshots = await db.selectFrom('doc_snapshots').select('state').where('doc_id', '=', ideaId).execute()
    const log = await db.selectFrom('doc_updates').select('data').where('doc_id', '=', ideaId).orderBy('seq').execute()
    return [...snapshots.map((r) => r.state), ...log.map((r) => r.data)].map((b) => Buffer.from(b).toString('hex')).join('|')
  }
  function memoryState(): string {
    return Buffer.from(Y.encodeStateAsUpdate(server.collab.registry.get(ideaId)!.doc)).toString('hex')
  }

  beforeAll(async () => {
    server = await startTestServer(dialect, { MAX_MESSAGE_BYTES: MAX })
    const idea = await server.createIdea('Water kiosks')
    room = idea.room
    ideaId = idea.id
    // A live writer keeps the room loaded, so the in-memory document can be compared too.
    writer = connectProvider(server.wsUrl, room)
    await waitForSync(writer)
    bodyText(writer.doc).insert(0, 'Stored text that must not change.')
    await eventually(() => bodyTextOf(server.collab.registry.get(ideaId)!.doc).length === 33, 'server has it')
  })
  afterAll(async () => {
    writer?.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  describe('room names', () => {
    it.each([
      ['dot-dot segment', () => `/collab/../${ideaId}`],
      ['dot-dot as the idea', () => '/collab/asia/..'],
      ['encoded slash', () => `/collab/asia%2F${ideaId}`],
      ['encoded dots', () => `/collab/%2E%2E/${ideaId}`],
      ['empty network', () => `/collab//${ideaId}`],
      ['empty idea', () => '/collab/asia/'],
      ['no idea part', () => '/collab/asia'],
      ['three parts', () => `/collab/asia/${ideaId}/x`],
      ['not an idea id', () => '/collab/asia/not-a-uuid'],
    ])('%s → 4400', async (_label, path) => {
      expect(await closeCodeForPath(server.port, path())).toBe(CloseCode.MALFORMED)
    })

    it('unknown network → 4404', async () => {
      expect(await closeCodeForPath(server.port, `/collab/antarctica/${ideaId}`)).toBe(CloseCode.NOT_FOUND)
    })
    it('unknown idea → 4404', async () => {
      expect(await closeCodeForPath(server.port, `/collab/asia/${crypto.randomUUID()}`)).toBe(CloseCode.NOT_FOUND)
    })
    it('an idea of another network → 4404', async () => {
      expect(await closeCodeForPath(server.port, `/collab/latin-america/${ideaId}`)).toBe(CloseCode.NOT_FOUND)
    })
    it('a non-member: 4403 alike for an idea that exists and one that does not, with the same reason', async () => {
      const stranger = await signUp(server, { displayName: 'Stranger' })
      const closeOf = async (path: string) => (await rawSocket(`${server.wsUrl}/${path}`, { cookie: stranger.cookie }).closed)
      const existing = await closeOf(room)
      const missing = await closeOf(`asia/${crypto.randomUUID()}`)
      expect(existing.code).toBe(CloseCode.FORBIDDEN)
      expect(missing).toEqual(existing)
      // The list of networks is public: an unknown one is still 4404.
      expect((await closeOf(`antarctica/${ideaId}`)).code).toBe(CloseCode.NOT_FOUND)
    })
    it('a WebsocketProvider stops retrying after 4404', async () => {
      const client = connectProvider(server.wsUrl, `asia/${crypto.randomUUID()}`)
      const closed = await new Promise<number>((resolve) => client.provider.on('connection-close', (e) => resolve(e!.code)))
      expect(closed).toBe(CloseCode.NOT_FOUND)
      await new Promise((r) => setTimeout(r, 300))
      expect(client.provider.wsconnecting || client.provider.wsconnected).toBe(false)
      client.destroy()
    })
  })

  describe('frames', () => {
    const garbageUpdate = (): Uint8Array => {
      const doc = new Y.Doc()
      doc.getText('text').insert(0, 'x'.repeat(40))
      const update = Y.encodeStateAsUpdate(doc)
      update.fill(0xff, 6, 20)
      return encodeUpdate(update)
    }
    const truncatedUpdate = (): Uint8Array => {
      const doc = new Y.Doc()
      doc.getText('text').insert(0, 'never stored')
      const frame = encodeUpdate(Y.encodeStateAsUpdate(doc))
      frame[2] = frame.length // the length prefix claims more than follows
      return frame.subarray(0, frame.length - 5)
    }
    it.each([
      ['truncated varint → 4400', () => new Uint8Array([0x80]), CloseCode.MALFORMED],
      ['empty frame → 4400', () => new Uint8Array([]), CloseCode.MALFORMED],
      ['unknown message type → 4400', () => new Uint8Array([42, 1, 2]), CloseCode.MALFORMED],
      ['unknown sync type → 4400', () => new Uint8Array([0, 7, 0]), CloseCode.MALFORMED],
      ['garbage update payload → 4400', garbageUpdate, CloseCode.MALFORMED],
      ['truncated update → 4400', truncatedUpdate, CloseCode.MALFORMED],
      ['text frame → 4400', () => 'hello', CloseCode.MALFORMED],
      ['oversized message, just over the cap → 4413', () => new Uint8Array(MAX + 1), CloseCode.TOO_LARGE],
      ['oversized message, 40× the cap → 4413', () => new Uint8Array(MAX * 40), CloseCode.TOO_LARGE],
    ])('%s; stored state byte-for-byte unchanged', async (_label, frame, code) => {
      const before = await storedBytes()
      const memoryBefore = memoryState()
      const raw = rawSocket(`${server.wsUrl}/${room}`)
      await raw.opened
      raw.send(frame())
      expect((await raw.closed).code).toBe(code)
      expect(await storedBytes()).toBe(before)
      expect(memoryState()).toBe(memoryBefore)
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    })

    it('a bad frame sent before the room loaded closes that socket only, and nothing of it is kept', async () => {
      const idea = await server.createIdea()
      const raw = rawSocket(`${server.wsUrl}/${idea.room}`)
      raw.socket.on('open', () => raw.send(new Uint8Array([0, 2, 9, 1])))
      expect((await raw.closed).code).toBe(CloseCode.MALFORMED)
      expect(text(writer)).toBe('Stored text that must not change.')
    })

    it('random bytes never crash the server nor touch the document (fuzz over real sockets)', async () => {
      const before = await storedBytes()
      const memoryBefore = memoryState()
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
          const raw = rawSocket(`${server.wsUrl}/${room}`)
          await raw.opened
          raw.send(bytes)
          const outcome = await Promise.race([raw.closed, new Promise<null>((r) => setTimeout(() => r(null), 150))])
          raw.socket.terminate()
          return outcome === null || outcome.code === CloseCode.MALFORMED
        }),
        { numRuns: 60 },
      )
      expect(await storedBytes()).toBe(before)
      expect(memoryState()).toBe(memoryBefore)
      bodyText(writer.doc).insert(0, '')
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    })
  })
})

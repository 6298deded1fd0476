import { dialectsUnderTest } from '@tandem/db/testing'
import { proposalTemplateJson, proseMirrorJsonToYUpdate } from '@tandem/editor'
import { CloseCode } from '@tandem/shared'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sessionHeaders } from '../test/accounts.ts'
import { bodyText, paragraphTexts } from '../test/editor-doc.ts'
import { connectProvider, eventually, waitForSync, type TestClient } from '../test/providers.ts'
import { rawSocket } from '../test/raw-socket.ts'
import { adminCookie } from '../test/session-cookies.ts'
import { readStoredDoc } from '../test/stored-doc.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'
import { encodeSyncStep1, encodeUpdate } from './protocol.ts'
import { CHUNKED_ABOVE_BYTES } from './room.ts'

/**
 * Issue 25, point 2: three 7.5 MiB updates into a top-level Y.Map made a document whose whole-document answer was
 * larger than a socket's 16 MiB send cap: every join closed with 1013 before a byte arrived, forever, and a restore
 * did not help. Now a change past MAX_DOCUMENT_BYTES is refused (4413), a large document is sent in chunks, one
 * after another as the socket writes them out, and a restore replaces every root type.
 */
const MiB = 1024 * 1024

/** `count` paragraphs of `size` characters each, as one client's change. */
function paragraphs(count: number, size: number, label: string): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    const fragment = doc.getXmlFragment('default')
    for (let i = 0; i < count; i++) {
      const paragraph = new Y.XmlElement('paragraph')
      fragment.insert(fragment.length, [paragraph])
      paragraph.insert(0, [new Y.XmlText(`${label}${i} `.padEnd(size, 'x'))])
    }
  })
  return Y.encodeStateAsUpdate(doc)
}

/** The sync frames (type, sub-type, update) among a raw socket's frames. */
function syncFrames(frames: Uint8Array[]): Array<{ kind: 'step2' | 'update'; update: Uint8Array; bytes: number }> {
  const out: Array<{ kind: 'step2' | 'update'; update: Uint8Array; bytes: number }> = []
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== 0) continue
    const sub = decoding.readVarUint(decoder)
    if (sub === 0) continue
    out.push({ kind: sub === 1 ? 'step2' : 'update', update: decoding.readVarUint8Array(decoder), bytes: frame.byteLength })
  }
  return out
}

describe.each(dialectsUnderTest())('documents larger than a socket’s buffer (%s)', (dialect) => {
  let server: TestServer
  const clients: TestClient[] = []
  const connect = (wsUrl: string, room: string) => {
    const client = connectProvider(wsUrl, room)
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

  it('refuses with 4413 a change that would take the document past MAX_DOCUMENT_BYTES, and stores nothing of it', async () => {
    const small = await startTestServer(dialect, { MAX_DOCUMENT_BYTES: 1 * MiB }, server.testDb)
    try {
      const idea = await small.createIdea('A proposal near its limit')
      const reader = connect(small.wsUrl, idea.room)
      const writer = connect(small.wsUrl, idea.room)
      await Promise.all([waitForSync(reader), waitForSync(writer)])
      const closes: number[] = []
      writer.provider.on('connection-close', (event) => event && closes.push(event.code))
      for (let i = 0; i < 3; i++) bodyText(writer.doc).insert(0, `${i}`.padEnd(300_000, 'y'))
      await eventually(() => bodyText(reader.doc).length === 900_000, 'three pastes of 300 KB taken')
      await small.collab.updateLog.flush()
      const stored = Y.encodeStateAsUpdate(await readStoredDoc(small.testDb.db, idea.id))

      bodyText(writer.doc).insert(0, 'z'.repeat(300_000))
      await eventually(() => closes.length > 0, 'closed')
      expect(closes).toEqual([CloseCode.TOO_LARGE])
      await new Promise((r) => setTimeout(r, 300))
      expect(writer.provider.wsconnected || writer.provider.wsconnecting).toBe(false) // a 44xx close: no retry
      expect(bodyText(reader.doc).length).toBe(900_000)
      await small.collab.updateLog.flush()
      expect(Buffer.from(Y.encodeStateAsUpdate(await readStoredDoc(small.testDb.db, idea.id))).equals(Buffer.from(stored))).toBe(true)
    } finally {
      await small.close()
    }
  })

  it('sends a document larger than the socket’s 16 MiB buffer in chunks a provider takes, to a slow reader too', async () => {
    const idea = await server.createIdea('Twenty megabytes of proposal')
    const writer = rawSocket(`${server.wsUrl}/${idea.room}`)
    await writer.opened
    await eventually(() => writer.frames.length > 0, 'joined') // not queued while the room loads (16 MiB at most)
    // Three pastes of 7 MiB, each 250 paragraphs: 21 MiB, within MAX_DOCUMENT_BYTES (32 MiB).
    for (const label of ['a', 'b', 'c']) writer.send(encodeUpdate(paragraphs(250, 28 * 1024, label)))
    const room = () => server.collab.registry.get(idea.id)
    await eventually(() => room() !== undefined && paragraphTexts(room()!.doc).length === 750 + 11, 'all three taken', 30_000)
    expect(room()!.size).toBeGreaterThan(20 * MiB)

    // A raw client that reads nothing for a second, then everything: the server holds back, never closes with 1013.
    const slow = rawSocket(`${server.wsUrl}/${idea.room}`)
    await slow.opened
    slow.socket.pause()
    slow.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    await new Promise((r) => setTimeout(r, 1_000))
    slow.socket.resume()
    await eventually(() => syncFrames(slow.frames).some((f) => f.kind === 'step2'), 'the last chunk', 30_000)
    expect(slow.socket.readyState).toBe(slow.socket.OPEN)
    const chunks = syncFrames(slow.frames)
    expect(chunks.length).toBeGreaterThan(20)
    expect(chunks.findIndex((c) => c.kind === 'step2')).toBe(chunks.length - 1)
    // Each chunk integrates as it comes: nothing is left pending, and the whole is the server's document.
    const doc = new Y.Doc()
    for (const chunk of chunks) {
      expect(chunk.bytes).toBeLessThan(1 * MiB)
      Y.applyUpdate(doc, chunk.update)
      expect(doc.store.pendingStructs).toBeNull()
    }
    expect(Buffer.from(Y.encodeStateVector(doc)).equals(Buffer.from(Y.encodeStateVector(room()!.doc)))).toBe(true)
    expect(doc.getXmlFragment('default').toString()).toBe(room()!.doc.getXmlFragment('default').toString())
    slow.socket.close()

    // A WebsocketProvider joins, warm and then cold (from the database after the room left memory).
    const warm = connect(server.wsUrl, idea.room)
    await waitForSync(warm, 30_000)
    expect(paragraphTexts(warm.doc)).toHaveLength(761)
    warm.destroy()
    writer.socket.close()
    await eventually(() => room() === undefined, 'unloaded', 30_000)
    const cold = connect(server.wsUrl, idea.room)
    await waitForSync(cold, 30_000)
    expect(paragraphTexts(cold.doc)).toHaveLength(761)
  }, 120_000)

  it('restores a version of a document bloated by a top-level Y.Map (the issue’s three 7.5 MiB updates)', async () => {
    const idea = await server.createIdea('Bloated')
    const { db } = server.testDb
    const template = new Y.Doc()
    Y.applyUpdate(template, proseMirrorJsonToYUpdate(proposalTemplateJson()))
    ;((template.getXmlFragment('default').get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Before the bloat')
    await db.deleteFrom('doc_updates').where('doc_id', '=', idea.id).execute()
    await server.collab.store.append([{ docId: idea.id, data: Y.encodeStateAsUpdate(template), userId: null }])
    const admin = await adminCookie(server.url)
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}/api${path}`, { ...init, headers: { 'content-type': 'application/json', ...sessionHeaders(server, admin) } })
    const version = (await (await api(`/networks/asia/ideas/${idea.id}/snapshots`, { method: 'POST', body: JSON.stringify({ label: 'Before' }) })).json()) as { id: string }
    // What a client could write before this fix: three updates of 7.5 MiB into a top-level map.
    for (const key of ['a', 'b', 'c']) {
      const junk = new Y.Doc()
      junk.getMap('bloat').set(key, 'x'.repeat(7.5 * MiB))
      await server.collab.store.append([{ docId: idea.id, data: Y.encodeStateAsUpdate(junk), userId: null }])
    }

    // It opens (the answer goes in chunks) …
    const reader = connect(server.wsUrl, idea.room)
    await waitForSync(reader, 60_000)
    expect(server.collab.registry.get(idea.id)!.size).toBeGreaterThan(CHUNKED_ABOVE_BYTES)
    // … and a restore takes out every root type the version does not have.
    expect((await api(`/networks/asia/ideas/${idea.id}/snapshots/${version.id}/restore`, { method: 'POST' })).status).toBe(200)
    await eventually(() => reader.doc.getMap('bloat').size === 0, 'the reader has the restore', 30_000)
    await server.collab.updateLog.flush()
    await server.collab.compactor.compact(idea.id)
    const stored = await readStoredDoc(db, idea.id)
    expect(stored.getMap('bloat').size).toBe(0)
    expect(Y.encodeStateAsUpdate(stored).byteLength).toBeLessThan(20_000)
    expect(server.collab.registry.get(idea.id)!.size).toBeLessThan(20_000)
    const late = connect(server.wsUrl, idea.room)
    await waitForSync(late)
    expect(late.doc.getXmlFragment('default').toString()).toContain('Before the bloat')
  }, 120_000)
})

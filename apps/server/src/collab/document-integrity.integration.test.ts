import { dialectsUnderTest } from '@tandem/db/testing'
import { editorSchema, findUnreadableContent, proposalTemplateJson, proseMirrorJsonToYUpdate, replaceYDocContent } from '@tandem/editor'
import { CloseCode } from '@tandem/shared'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { everyNodeDocument } from '../modules/export/every-node.fixture.ts'
import { sessionHeaders, signUp, type SignedInAccount } from '../test/accounts.ts'
import { bodyText } from '../test/editor-doc.ts'
import { connectProvider, eventually, waitForSync, type TestClient } from '../test/providers.ts'
import { rawSocket } from '../test/raw-socket.ts'
import { adminCookie } from '../test/session-cookies.ts'
import { readStoredDoc } from '../test/stored-doc.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'
import { encodeSyncStep2, encodeUpdate } from './protocol.ts'

/**
 * Issue 25, point 1: one Yjs call by a member wiped an idea for everyone. A Y.XmlText (or a Y.Map) inserted straight
 * into the editor's fragment was stored; the next reader's binding threw, showed an empty editor, and their first
 * keystroke replaced the document. The room now refuses such a change (4400, nothing stored or passed on); documents
 * stored before can be repaired or restored, and read (snapshots, export) meanwhile.
 */
describe.each(dialectsUnderTest())('no client can leave a document the editor cannot read (%s)', (dialect) => {
  let server: TestServer
  let member: SignedInAccount
  let facilitator: SignedInAccount
  const clients: TestClient[] = []
  const connect = (room: string, cookie?: string) => {
    const client = connectProvider(server.wsUrl, room, cookie ? { cookie } : {})
    clients.push(client)
    return client
  }
  const api = async (path: string, cookie: string, init: RequestInit = {}) =>
    fetch(`${server.url}/api${path}`, { ...init, headers: { 'content-type': 'application/json', ...sessionHeaders(server, cookie) } })

  /** Every stored byte of the document, snapshot then log. */
  async function storedBytes(docId: string): Promise<string> {
    await server.collab.updateLog.flush()
    const db = server.testDb.db
    const snapshots = await db.selectFrom('doc_snapshots').select('state').where('doc_id', '=', docId).execute()
    const log = await db.selectFrom('doc_updates').select('data').where('doc_id', '=', docId).orderBy('seq').execute()
    return [...snapshots.map((r) => r.state), ...log.map((r) => r.data)].map((b) => Buffer.from(b).toString('hex')).join('|')
  }

  /** The document as the editor's binding reads it: no exception, nothing deleted by the reading, nothing left out. */
  function readByTheEditor(doc: Y.Doc) {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    const before = Buffer.from(Y.encodeStateAsUpdate(copy))
    const node = yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment('default'), editorSchema)
    expect(Buffer.from(Y.encodeStateAsUpdate(copy)).equals(before), 'reading deleted something').toBe(true)
    expect(node.childCount).toBe(copy.getXmlFragment('default').length)
    return node
  }

  async function memberOf(network: string, role: 'member' | 'facilitator'): Promise<SignedInAccount> {
    const account = await signUp(server)
    const admin = await adminCookie(server.url)
    const added = await api(`/networks/${network}/members`, admin, { method: 'POST', body: JSON.stringify({ email: account.email, role }) })
    expect(added.status).toBe(201)
    return account
  }

  /** An idea whose stored document is `state`, as a Tandem before this fix could have stored it. */
  async function ideaStoredAs(state: Uint8Array) {
    const idea = await server.createIdea('Stored before the fix')
    const { db } = server.testDb
    await db.deleteFrom('doc_updates').where('doc_id', '=', idea.id).execute()
    await db.deleteFrom('doc_snapshots').where('doc_id', '=', idea.id).execute()
    await server.collab.store.append([{ docId: idea.id, data: state, userId: null }])
    return idea
  }

  /** A 24-block concept note like the (the template and two paragraphs), with a stray Y.XmlText among them. */
  function brokenConceptNote(): Uint8Array {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, proseMirrorJsonToYUpdate(proposalTemplateJson()))
    const fragment = doc.getXmlFragment('default')
    ;((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Kept as written.')
    for (const words of ['Next steps.', 'The last block.']) {
      const paragraph = new Y.XmlElement('paragraph')
      fragment.insert(fragment.length, [paragraph])
      paragraph.insert(0, [new Y.XmlText(words)])
    }
    fragment.insert(3, [new Y.XmlText('stray')])
    doc.getMap('junk').set('blob', 'x'.repeat(10_000))
    return Y.encodeStateAsUpdate(doc)
  }

  beforeAll(async () => {
    server = await startTestServer(dialect)
    await adminCookie(server.url) // the first account is the admin
    member = await memberOf('asia', 'member')
    facilitator = await memberOf('asia', 'facilitator')
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  it('closes with 4400 a member’s provider that puts a Y.XmlText at the top; nothing is stored or reaches the others', async () => {
    const idea = await server.createIdea('Solar kiosks')
    const peer = connect(idea.room)
    const culprit = connect(idea.room, member.cookie)
    await Promise.all([waitForSync(peer), waitForSync(culprit)])
    bodyText(peer.doc).insert(0, 'Written before.')
    await eventually(() => culprit.doc.getXmlFragment('default').toString().includes('Written before.'), 'shared')
    const before = await storedBytes(idea.id)
    const closed = new Promise<number>((resolve) => culprit.provider.on('connection-close', (e) => e && resolve(e.code)))

    culprit.doc.getXmlFragment('default').insert(1, [new Y.XmlText('one call wipes the idea')])

    expect(await closed).toBe(CloseCode.MALFORMED)
    await new Promise((r) => setTimeout(r, 300))
    // A 44xx close: the provider does not come back with it.
    expect(culprit.provider.wsconnected || culprit.provider.wsconnecting).toBe(false)
    expect(peer.doc.getXmlFragment('default').toString()).not.toContain('one call wipes')
    expect(await storedBytes(idea.id)).toBe(before)
    const room = server.collab.registry.get(idea.id)!
    expect(findUnreadableContent(room.doc)).toEqual([])
    // The others go on writing.
    bodyText(peer.doc).insert(0, 'Still here. ')
    await eventually(async () => (await readStoredDoc(server.testDb.db, idea.id)).getXmlFragment('default').toString().includes('Still here.'), 'stored')
    expect(readByTheEditor(peer.doc).textContent).toContain('Still here. Written before.')
  })

  it.each([
    ['a Y.Map in the fragment', (d: Y.Doc) => d.getXmlFragment('default').insert(0, [new Y.Map() as unknown as Y.XmlText])],
    ['a top-level Y.Map', (d: Y.Doc) => d.getMap('meta').set('big', 'x'.repeat(1000))],
    ['a top-level Y.Text', (d: Y.Doc) => d.getText('notes').insert(0, 'hidden')],
    ['an element the schema does not know', (d: Y.Doc) => d.getXmlFragment('default').insert(0, [new Y.XmlElement('iframe')])],
    ['a list item outside a list', (d: Y.Doc) => d.getXmlFragment('default').insert(0, [new Y.XmlElement('listItem')])],
  ])('closes with 4400 a raw socket that sends %s, as an update and as a sync step 2; stores nothing', async (_label, write) => {
    const idea = await server.createIdea('Raw writer')
    // A reader keeps the room loaded: the stored bytes are then compared without a compaction between.
    await waitForSync(connect(idea.room))
    const doc = new Y.Doc()
    write(doc)
    const update = Y.encodeStateAsUpdate(doc)
    for (const frame of [encodeUpdate(update), encodeSyncStep2(update)]) {
      const raw = rawSocket(`${server.wsUrl}/${idea.room}`, { cookie: member.cookie })
      await raw.opened
      await eventually(() => raw.frames.length > 0, 'joined')
      const before = await storedBytes(idea.id)
      raw.send(frame)
      expect((await raw.closed).code).toBe(CloseCode.MALFORMED)
      expect(await storedBytes(idea.id)).toBe(before)
      // Nothing but the editor's fragment and the server's own format record.
      expect([...server.collab.registry.get(idea.id)!.doc.share.keys()].filter((name) => name !== 'format')).toEqual(['default'])
    }
  })

  it('takes every well-formed edit an editor makes: the whole schema, pasted, retyped and formatted', async () => {
    const idea = await server.createIdea('Everything the editor writes')
    const writer = connect(idea.room, member.cookie)
    const reader = connect(idea.room)
    await Promise.all([waitForSync(writer), waitForSync(reader)])
    const closes: number[] = []
    writer.provider.on('connection-close', (e) => e && closes.push(e.code))
    replaceYDocContent(writer.doc, everyNodeDocument)
    const text = (writer.doc.getXmlFragment('default').get(1) as Y.XmlElement).get(0) as Y.XmlText
    text.format(0, 5, { strike: {} })
    text.insert(0, 'Retyped ', { link: { href: 'https://example.org', target: '_blank', rel: null, class: null, title: null } })
    await eventually(() => reader.doc.getXmlFragment('default').toString() === writer.doc.getXmlFragment('default').toString(), 'same at the reader')
    expect(closes).toEqual([])
    expect(readByTheEditor(reader.doc).textContent).toContain('Retyped Plain')
  })

  it('takes two people’s edits that together empty a table (one row each), and completes the document for every reader', async () => {
    const idea = await server.createIdea('Two rows, two people')
    const a = connect(idea.room, member.cookie)
    const b = connect(idea.room)
    const reader = connect(idea.room)
    await Promise.all([waitForSync(a), waitForSync(b), waitForSync(reader)])
    const closes: number[] = []
    for (const client of [a, b]) client.provider.on('connection-close', (e) => e && closes.push(e.code))
    const cell = (text: string) => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
    replaceYDocContent(a.doc, {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Budget' }] },
        { type: 'table', content: [{ type: 'tableRow', content: [cell('one')] }, { type: 'tableRow', content: [cell('two')] }] },
      ],
    })
    const expectedBefore = a.doc.getXmlFragment('default').toString()
    await eventually(() => b.doc.getXmlFragment('default').toString() === expectedBefore, 'b has the table')
    // Each deletes one row while the other's deletion is on its way.
    b.provider.disconnect()
    const table = (doc: Y.Doc) => doc.getXmlFragment('default').toArray().find((e) => e instanceof Y.XmlElement && e.nodeName === 'table') as Y.XmlElement
    table(a.doc).delete(0, 1)
    table(b.doc).delete(1, 1)
    await eventually(() => !reader.doc.getXmlFragment('default').toString().includes('>one<'), 'a’s deletion arrived')
    b.provider.connect()
    const expected = '<paragraph>Budget</paragraph>'
    await eventually(
      () => [a, b, reader].every((c) => c.doc.getXmlFragment('default').toString() === expected),
      'the empty table removed for everyone',
    )
    expect(closes).toEqual([])
    expect(readByTheEditor(reader.doc).textContent).toBe('Budget')
  })

  it('reads a snapshot and exports a document stored with what the editor cannot read (no 500)', async () => {
    const idea = await ideaStoredAs(brokenConceptNote())
    const admin = await adminCookie(server.url)
    const created = await api(`/networks/asia/ideas/${idea.id}/snapshots`, admin, { method: 'POST', body: JSON.stringify({ label: 'Broken' }) })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const read = await api(`/networks/asia/ideas/${idea.id}/snapshots/${id}`, admin)
    expect(read.status).toBe(200)
    const { content } = (await read.json()) as { content: { json: { content: unknown[] }; html: string } }
    expect(content.json.content).toHaveLength(24)
    expect(content.html).toContain('Kept as written.')
    expect(content.html).not.toContain('stray')
    expect((await api(`/networks/asia/ideas/${idea.id}/export.docx`, admin)).status).toBe(200)
  })

  it('repairs a broken document for a facilitator: what the editor reads is kept, the rest removed, a restore point kept', async () => {
    const idea = await ideaStoredAs(brokenConceptNote())
    const reader = connect(idea.room)
    await waitForSync(reader)
    expect(() => yXmlFragmentToProseMirrorRootNode(reader.doc.getXmlFragment('default'), editorSchema)).toThrow()

    expect((await api(`/networks/asia/ideas/${idea.id}/repair`, member.cookie, { method: 'POST' })).status).toBe(403)
    const repaired = await api(`/networks/asia/ideas/${idea.id}/repair`, facilitator.cookie, { method: 'POST' })
    expect(repaired.status).toBe(200)
    const body = (await repaired.json()) as { removed: number; reasons: string[]; restorePoint: { kind: string } | null }
    expect(body).toMatchObject({ removed: 2, restorePoint: { kind: 'restore-point' } })
    expect(body.reasons.join(' ')).toMatch(/Y.XmlText at the top/)
    expect(body.reasons.join(' ')).toMatch(/root type "junk"/)

    // Everyone in the room has it at once; the stored document reads whole, all 24 blocks and the words in them.
    await eventually(() => findUnreadableContent(reader.doc).length === 0, 'the reader has the repair')
    expect(readByTheEditor(reader.doc).childCount).toBe(24)
    await server.collab.updateLog.flush()
    const stored = await readStoredDoc(server.testDb.db, idea.id)
    expect(findUnreadableContent(stored)).toEqual([])
    expect(readByTheEditor(stored).textContent).toContain('Kept as written.')
    expect(Y.encodeStateAsUpdate(stored).byteLength).toBeLessThan(5_000)

    // Nothing left to repair: nothing changes, no version is kept.
    const again = await api(`/networks/asia/ideas/${idea.id}/repair`, facilitator.cookie, { method: 'POST' })
    expect(await again.json()).toEqual({ removed: 0, fixed: 0, reasons: [], restorePoint: null })
  })

  it('restores a version onto a broken document: the version’s content, nothing the editor cannot read', async () => {
    const clean = new Y.Doc()
    Y.applyUpdate(clean, proseMirrorJsonToYUpdate(proposalTemplateJson()))
    ;((clean.getXmlFragment('default').get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Before it broke')
    const idea = await ideaStoredAs(Y.encodeStateAsUpdate(clean))
    const admin = await adminCookie(server.url)
    const version = (await (await api(`/networks/asia/ideas/${idea.id}/snapshots`, admin, { method: 'POST', body: JSON.stringify({ label: 'Clean' }) })).json()) as { id: string }
    // Broken afterwards, as the room let it be before this fix (through the registry's own document).
    const room = await server.collab.registry.open(idea.room, idea.id)
    room.applyChange((doc) => Y.applyUpdate(doc, brokenConceptNote()), { userId: null })
    server.collab.registry.release(room)
    const reader = connect(idea.room)
    await waitForSync(reader)

    const restored = await api(`/networks/asia/ideas/${idea.id}/snapshots/${version.id}/restore`, facilitator.cookie, { method: 'POST' })
    expect(restored.status).toBe(200)
    await eventually(() => findUnreadableContent(reader.doc).length === 0, 'the reader has the restore')
    expect(readByTheEditor(reader.doc).child(1).textContent).toBe('Before it broke')
    await server.collab.updateLog.flush()
    const stored = await readStoredDoc(server.testDb.db, idea.id)
    expect(findUnreadableContent(stored)).toEqual([])
    expect(stored.getMap('junk').size).toBe(0)
  })
})

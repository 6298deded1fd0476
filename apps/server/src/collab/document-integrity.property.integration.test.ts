import { dialectsUnderTest } from '@tandem/db/testing'
import { editorSchema, proposalTemplateJson, replaceYDocContent } from '@tandem/editor'
import { CloseCode } from '@tandem/shared'
import type { JSONContent } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import fc from 'fast-check'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { everyNodeDocument } from '../modules/export/every-node.fixture.ts'
import { eventually } from '../test/providers.ts'
import { rawSocket, type RawSocket } from '../test/raw-socket.ts'
import { readStoredDoc } from '../test/stored-doc.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.ts'

/**
 * Random well-formed Yjs changes against a real idea never leave its document unreadable by the editor.
 *
 * Per run fast-check draws a sequence of changes a client may make with Yjs's own API: elements of the schema and
 * others, anywhere; texts, characters, embeds, formatting with marks and other keys, attributes of every kind, other
 * root types, deletions, and well-formed edits made as the editor makes them. Each is sent over a real socket, as an
 * update or as a sync step 2. After each, the room's document is read as the editor's binding reads it (y-tiptap's
 * yXmlFragmentToProseMirrorRootNode on a copy): no exception, nothing deleted by the reading, every element and
 * every character of the fragment in the result, each node where its parent's content allows it, each mark one its
 * text block takes, and no other root type with content (but the server's own format record). Refused changes close the socket (4400) and change
 * nothing; the editor's own edits are never refused. At the end the database holds what the room holds.
 *
 * Replay a failure with INTEGRITY_SEED=<seed>.
 */
const NUM_RUNS = 25
const SEED = process.env.INTEGRITY_SEED ? Number(process.env.INTEGRITY_SEED) : undefined

const nodeNames = [...Object.keys(editorSchema.nodes), 'script', 'div', 'image']
const markNames = [...Object.keys(editorSchema.marks), 'blink', 'comment', 'ychange']
const attributeNames = ['level', 'language', 'start', 'type', 'checked', 'colspan', 'rowspan', 'colwidth', 'align', 'href', 'onclick', 'style']

const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, 1, 2, 6, 7, -1, 1e9, 1.5, '', 'left', 'https://example.org', 'javascript:alert(1)'),
  fc.array(fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.constant(null)), { maxLength: 4 }),
  // Plain objects (fast-check's have no prototype, which Yjs refuses to encode).
  fc.record({ href: fc.oneof(fc.constant('https://example.org'), fc.integer()), target: fc.constantFrom('_blank', null, 3) }, { requiredKeys: [] }).map((o) => ({ ...o })),
)

/** A choice among what the document holds when the step runs: a number taken modulo the count. */
const pick = fc.nat({ max: 1_000_000 })

type Step =
  | { kind: 'element'; where: number; at: number; name: string; withText: boolean }
  | { kind: 'xml-text'; where: number; at: number }
  | { kind: 'other-type'; where: number; at: number; what: 'map' | 'array' | 'text' | 'hook' | 'fragment' | 'json' | 'binary' }
  | { kind: 'type'; text: number; at: number; value: string; mark: string | null; markValue: unknown }
  | { kind: 'format'; text: number; at: number; length: number; mark: string; markValue: unknown }
  | { kind: 'embed'; text: number; at: number }
  | { kind: 'attribute'; element: number; key: string; value: unknown }
  | { kind: 'text-attribute'; text: number }
  | { kind: 'delete'; where: number; at: number; length: number }
  | { kind: 'root'; what: 'map' | 'array' | 'text' }
  | { kind: 'editor-edit'; document: number }

const step: fc.Arbitrary<Step & { asStep2: boolean }> = fc
  .oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('element' as const), where: pick, at: pick, name: fc.constantFrom(...nodeNames), withText: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('xml-text' as const), where: pick, at: pick }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('other-type' as const), where: pick, at: pick, what: fc.constantFrom('map', 'array', 'text', 'hook', 'fragment', 'json', 'binary') as fc.Arbitrary<'map'> }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('type' as const),
        text: pick,
        at: pick,
        value: fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'ä', '漢', 'ع'), minLength: 1, maxLength: 8 }),
        mark: fc.option(fc.constantFrom(...markNames), { nil: null }),
        markValue: jsonValue,
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('format' as const), text: pick, at: pick, length: fc.integer({ min: 1, max: 6 }), mark: fc.constantFrom(...markNames), markValue: jsonValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('embed' as const), text: pick, at: pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('attribute' as const), element: pick, key: fc.constantFrom(...attributeNames), value: jsonValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('text-attribute' as const), text: pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), where: pick, at: pick, length: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('root' as const), what: fc.constantFrom('map', 'array', 'text') as fc.Arbitrary<'map'> }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('editor-edit' as const), document: pick }) },
  )
  .chain((s) => fc.boolean().map((asStep2) => ({ ...s, asStep2 })))

/** Documents the editor writes, for its own well-formed edits. */
const editorDocuments: JSONContent[] = [
  everyNodeDocument,
  proposalTemplateJson('ar'),
  { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Short.' }] }] },
]

/** The visible elements and texts of the fragment, depth first (the fragment itself first among containers). */
function parts(doc: Y.Doc): { containers: Array<Y.XmlFragment | Y.XmlElement>; elements: Y.XmlElement[]; texts: Y.XmlText[] } {
  const fragment = doc.getXmlFragment('default')
  const containers: Array<Y.XmlFragment | Y.XmlElement> = [fragment]
  const elements: Y.XmlElement[] = []
  const texts: Y.XmlText[] = []
  const visit = (type: Y.XmlFragment | Y.XmlElement) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlElement) {
        containers.push(child)
        elements.push(child)
        visit(child)
      } else if (child instanceof Y.XmlText) texts.push(child)
    }
  }
  visit(fragment)
  return { containers, elements, texts }
}

/** Makes the step's change to `doc` (a client's copy of the room's document); false when it had nothing to act on. */
function apply(doc: Y.Doc, s: Step): boolean {
  const { containers, elements, texts } = parts(doc)
  const container = 'where' in s ? containers[s.where % containers.length]! : null
  const text = 'text' in s && texts.length > 0 ? texts[s.text % texts.length]! : null
  const insertAt = (type: Y.XmlFragment | Y.XmlElement, at: number, content: unknown) =>
    type.insert(at % (type.length + 1), [content as Y.XmlElement])
  switch (s.kind) {
    case 'element': {
      const element = new Y.XmlElement(s.name)
      doc.transact(() => {
        insertAt(container!, s.at, element)
        if (s.withText) element.insert(0, [new Y.XmlText('words')])
      })
      return true
    }
    case 'xml-text':
      insertAt(container!, s.at, new Y.XmlText('stray'))
      return true
    case 'other-type': {
      const made = {
        map: () => new Y.Map(),
        array: () => new Y.Array(),
        text: () => new Y.Text('t'),
        hook: () => new Y.XmlHook('hook'),
        fragment: () => new Y.XmlFragment(),
        json: () => ({ any: 'json' }),
        binary: () => new Uint8Array([1, 2, 3]),
      }[s.what]()
      insertAt(container!, s.at, made)
      return true
    }
    case 'type':
      if (!text) return false
      text.insert(s.at % (text.length + 1), s.value, s.mark ? { [s.mark]: s.markValue } : undefined)
      return true
    case 'format': {
      if (!text || text.length === 0) return false
      const at = s.at % text.length
      text.format(at, Math.min(s.length, text.length - at), { [s.mark]: s.markValue })
      return true
    }
    case 'embed':
      if (!text) return false
      text.insertEmbed(s.at % (text.length + 1), { image: 'x.png' })
      return true
    case 'attribute': {
      if (elements.length === 0) return false
      elements[s.element % elements.length]!.setAttribute(s.key, s.value as string)
      return true
    }
    case 'text-attribute':
      if (!text) return false
      text.setAttribute('lang', 'ar')
      return true
    case 'delete': {
      if (container!.length === 0) return false
      const at = s.at % container!.length
      container!.delete(at, Math.min(s.length, container!.length - at))
      return true
    }
    case 'root':
      if (s.what === 'map') doc.getMap('meta').set('status', 'draft')
      else if (s.what === 'array') doc.getArray('items').push(['one'])
      else doc.getText('notes').insert(0, 'hidden')
      return true
    case 'editor-edit':
      replaceYDocContent(doc, editorDocuments[s.document % editorDocuments.length]!)
      return true
  }
}

/**
 * The document as the editor's binding reads it, checked strictly: every element and character of the fragment is
 * in the result, each node stands where its parent's content allows it and carries marks its block takes.
 */
function expectReadable(doc: Y.Doc): void {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Buffer.from(Y.encodeStateAsUpdate(copy))
  const root = yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment('default'), editorSchema)
  expect(Buffer.from(Y.encodeStateAsUpdate(copy)).equals(before), 'reading deleted something').toBe(true)

  let yElements = 0
  let yCharacters = 0
  const count = (type: Y.XmlFragment | Y.XmlElement) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlElement) {
        yElements++
        count(child)
      } else if (child instanceof Y.XmlText) {
        yCharacters += child.length
      } else throw new Error(`the fragment holds ${String(child)}, which is no element or text`)
    }
  }
  count(copy.getXmlFragment('default'))
  let pmNodes = 0
  let pmCharacters = 0
  const check = (node: ProseMirrorNode) => {
    node.forEach((child) => {
      if (child.isText) pmCharacters += child.text!.length
      else pmNodes++
      expect(allowedSomewhere(node, child), `${child.type.name} in ${node.type.name}`).toBe(true)
      for (const mark of child.marks) expect(node.type.allowsMarkType(mark.type), `${mark.type.name} in ${node.type.name}`).toBe(true)
      check(child)
    })
  }
  check(root)
  expect(pmNodes).toBe(yElements)
  expect(pmCharacters).toBe(yCharacters)
  for (const [name, type] of copy.share) {
    // The editor's fragment, and the server's own record of the document's format (no client writes it).
    if (name === 'default' || name === 'format') continue
    expect(type._start === null || deletedAll(type), `root type ${name} holds content`).toBe(true)
    expect([...type._map.values()].every((item) => item.deleted), `root type ${name} holds entries`).toBe(true)
  }
}

/** Whether the node's content expression names the child's type anywhere (a rule on place, not on order). */
function allowedSomewhere(parent: ProseMirrorNode, child: ProseMirrorNode): boolean {
  const seen = new Set<unknown>()
  const visit = (match: ProseMirrorNode['type']['contentMatch']): boolean => {
    if (seen.has(match)) return false
    seen.add(match)
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i)
      if (edge.type === child.type || visit(edge.next)) return true
    }
    return false
  }
  return visit(parent.type.contentMatch)
}

function deletedAll(type: Y.AbstractType<any>): boolean {
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) return false
  return true
}

/** A member's raw socket and its copy of the room's document, kept equal to the room's. */
class Client {
  private constructor(
    readonly raw: RawSocket,
    readonly doc: Y.Doc,
  ) {}

  static async open(server: TestServer, room: string): Promise<Client> {
    const raw = rawSocket(`${server.wsUrl}/${room}`)
    await raw.opened
    const client = new Client(raw, new Y.Doc())
    await client.sync()
    return client
  }

  /**
   * Asks the room for everything this copy lacks, and applies it; false if the socket closed first (the room answers
   * in order, so a change sent before is taken by then, or refused).
   */
  async sync(): Promise<boolean> {
    const answered = this.answers()
    let closed = false
    void this.raw.closed.then(() => (closed = true))
    this.raw.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    await eventually(() => closed || this.answers() > answered, 'an answer or a close', 10_000)
    if (this.answers() === answered) return false
    const frame = this.raw.frames.filter((f) => f[0] === 0 && f[1] === 1).at(-1)!
    const decoder = decoding.createDecoder(frame)
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder))
    return true
  }

  private answers(): number {
    return this.raw.frames.filter((f) => f[0] === 0 && f[1] === 1).length
  }
}

describe.each(dialectsUnderTest())('random well-formed Yjs changes never leave a document the editor cannot read (%s)', (dialect) => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer(dialect)
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  it('for every drawn sequence: refused or readable, and the database holds what the room holds', async () => {
    let runs = 0
    let accepted = 0
    let refused = 0
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
        runs++
        const idea = await server.createIdea(`Integrity run ${runs}`)
        // Keeps the room loaded while the client's socket is closed and opened again.
        const keeper = await Client.open(server, idea.room)
        let client = await Client.open(server, idea.room)
        const room = () => server.collab.registry.get(idea.id)!
        try {
          for (const s of steps) {
            const changes: Uint8Array[] = []
            const record = (update: Uint8Array) => changes.push(update)
            client.doc.on('update', record)
            const acted = apply(client.doc, s)
            client.doc.off('update', record)
            if (!acted || changes.length === 0) continue
            const change = Y.mergeUpdates(changes)
            const roomBefore = Y.encodeStateAsUpdate(room().doc)
            client.raw.send(s.asStep2 ? encodeSyncStep2(change) : encodeUpdate(change))
            if (await client.sync()) {
              accepted++
              expectReadable(room().doc)
            } else {
              refused++
              expect((await client.raw.closed).code).toBe(CloseCode.MALFORMED)
              expect(s.kind, 'an edit the editor makes was refused').not.toBe('editor-edit')
              expect(Buffer.from(Y.encodeStateAsUpdate(room().doc)).equals(Buffer.from(roomBefore)), 'a refused change changed the room').toBe(true)
              // A new socket, and a copy of the room's document as it is (without the refused change).
              client = await Client.open(server, idea.room)
            }
          }
          await server.collab.updateLog.flush()
          const stored = await readStoredDoc(server.testDb.db, idea.id)
          expectReadable(stored)
          expect(stored.getXmlFragment('default').toString()).toBe(room().doc.getXmlFragment('default').toString())
        } finally {
          client.raw.socket.close()
          keeper.raw.socket.close()
        }
      }),
      { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
    )
    expect(runs).toBe(NUM_RUNS)
    // Not vacuous: both kinds happened.
    expect(accepted).toBeGreaterThan(NUM_RUNS)
    expect(refused).toBeGreaterThan(NUM_RUNS)
  }, 600_000)
})

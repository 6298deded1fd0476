import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeStateInChunks } from './sync-chunks.ts'

/** Three writers who type into each other's paragraphs, format, delete and sync now and then: items that depend on
 * other clients' items everywhere, the case where chunks in the wrong order would leave the client holding them
 * pending. */
function interleavedDocument(seed: number, steps: number): Y.Doc {
  let state = seed >>> 0
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32
  const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
  const sync = () => {
    for (const a of writers) for (const b of writers) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  }
  for (let i = 0; i < steps; i++) {
    const doc = writers[Math.floor(random() * 3)]!
    const fragment = doc.getXmlFragment('default')
    const roll = random()
    if (fragment.length === 0 || roll < 0.1) {
      const paragraph = new Y.XmlElement('paragraph')
      fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph])
      paragraph.insert(0, [new Y.XmlText()])
    } else {
      const text = (fragment.get(Math.floor(random() * fragment.length)) as Y.XmlElement).get(0) as Y.XmlText
      const at = Math.floor(random() * (text.length + 1))
      if (roll < 0.7 || text.length === 0) text.insert(at, 'abcdefgh'.slice(0, 1 + Math.floor(random() * 8)))
      else if (roll < 0.85) text.delete(Math.min(at, text.length - 1), 1)
      else text.format(0, Math.min(3, text.length), { bold: {} })
    }
    if (random() < 0.2) sync()
  }
  sync()
  return writers[0]!
}

/** Applies each chunk to `doc`, checking nothing is left pending after any of them. */
function applyEach(doc: Y.Doc, chunks: Uint8Array[]): void {
  for (const chunk of chunks) {
    Y.applyUpdate(doc, chunk)
    expect(doc.store.pendingStructs).toBeNull()
  }
}

describe('encodeStateInChunks', () => {
  it('splits a document whose items depend on one another across clients into chunks that each integrate at once', () => {
    const source = interleavedDocument(7, 3_000)
    const chunks = encodeStateInChunks(source, Y.encodeStateVector(new Y.Doc()), 1_000)
    expect(chunks.length).toBeGreaterThan(10)
    const doc = new Y.Doc()
    applyEach(doc, chunks)
    expect(doc.getXmlFragment('default').toString()).toBe(source.getXmlFragment('default').toString())
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(source))
  })

  it('sends a client only what it lacks, whatever it already holds (for any document and any state it is in)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 10, max: 400 }), fc.integer({ min: 50, max: 5_000 }), (seed, steps, size) => {
        const source = interleavedDocument(seed, steps)
        // A client that synced halfway: an earlier state of the same document.
        const earlier = interleavedDocument(seed, Math.floor(steps / 2))
        const client = new Y.Doc()
        Y.applyUpdate(client, Y.encodeStateAsUpdate(earlier))
        Y.applyUpdate(client, Y.encodeStateAsUpdate(source, Y.encodeStateVector(client))) // what it has of this one
        const partial = new Y.Doc()
        Y.applyUpdate(partial, Y.encodeStateAsUpdate(earlier))
        applyEach(partial, encodeStateInChunks(source, Y.encodeStateVector(partial), size))
        expect(partial.getXmlFragment('default').toString()).toBe(client.getXmlFragment('default').toString())
      }),
      { numRuns: 40 },
    )
  })

  it('sends one chunk, the delete set in it, to a client that has everything', () => {
    const source = interleavedDocument(3, 200)
    const chunks = encodeStateInChunks(source, Y.encodeStateVector(source), 1_000)
    expect(chunks).toHaveLength(1)
    expect(Y.decodeUpdate(chunks[0]!).structs).toEqual([])
  })

  it('leaves out what the document holds pending', () => {
    const source = interleavedDocument(5, 50)
    const other = new Y.Doc()
    other.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')])
    const before = Y.encodeStateVector(other)
    ;(other.getXmlFragment('default').get(0) as Y.XmlElement).insert(0, [new Y.XmlText('waits')])
    Y.applyUpdate(source, Y.encodeStateAsUpdate(other, before)) // its paragraph never came
    expect(source.store.pendingStructs).not.toBeNull()
    const doc = new Y.Doc()
    applyEach(doc, encodeStateInChunks(source, Y.encodeStateVector(doc), 500))
    expect(doc.store.clients.has(other.clientID)).toBe(false)
  })
})

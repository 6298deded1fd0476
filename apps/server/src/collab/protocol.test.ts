import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MessageType } from '@tandem/shared'
import {
  decodeMessage,
  encodeAwareness,
  encodeStored,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
} from './protocol.ts'

function sampleUpdate(): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('text').insert(0, 'Kollegiale Beratung')
  doc.getMap('meta').set('status', 'draft')
  return Y.encodeStateAsUpdate(doc)
}

describe('decodeMessage', () => {
  it('decodes every message a provider sends', () => {
    const update = sampleUpdate()
    const sv = Y.encodeStateVector(new Y.Doc())
    expect(decodeMessage(encodeSyncStep1(sv))).toEqual({ type: 'sync-step1', stateVector: sv })
    const step2 = decodeMessage(encodeSyncStep2(update))
    expect(step2).toMatchObject({ type: 'sync-step2', update })
    expect(step2.type === 'sync-step2' && step2.contents.structs.length).toBeGreaterThan(0)
    const frame = encodeUpdate(update)
    const decoded = decodeMessage(frame)
    expect(decoded).toMatchObject({ type: 'sync-update', update, frame })
    // What validating it decoded comes along: the structs the room checks against its document before forwarding.
    expect(decoded.type === 'sync-update' && decoded.contents.structs.map((s) => s.id)).toEqual(
      Y.decodeUpdate(update).structs.map((s) => s.id),
    )
    expect(decoded.type === 'sync-update' && decoded.contents.deleteSet).toEqual(Y.decodeUpdate(update).ds)
    const awareness = new Uint8Array([1, 7, 1, ...encodeString('{"user":{"name":"Amina"}}')])
    expect(decodeMessage(encodeAwareness(awareness))).toEqual({ type: 'awareness', update: awareness })
    expect(decodeMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' })
  })

  it.each([
    ['empty frame', []],
    ['truncated varint', [0x80]],
    ['unknown message type', [7]],
    ['auth from a client', [2, 0, 0]],
    ['unknown sync type', [0, 9, 0]],
    ['sync without payload', [0, 2]],
    ['payload length past the end', [0, 2, 50, 1, 2]],
    ['garbage update', [0, 2, 4, 0xff, 0xff, 0xff, 0xff]],
    ['trailing bytes', [3, 0]],
    ['awareness with broken JSON', [1, 5, 1, 1, 1, 1, 0x7b]],
  ])('rejects %s with ProtocolError', (_label, bytes) => {
    expect(() => decodeMessage(new Uint8Array(bytes))).toThrow(ProtocolError)
  })

  it('rejects a truncated copy of a real update at every length', () => {
    const frame = encodeUpdate(sampleUpdate())
    for (let cut = 1; cut < frame.length; cut++) {
      expect(() => decodeMessage(frame.subarray(0, cut))).toThrow(ProtocolError)
    }
  })

  it('never throws anything but ProtocolError, whatever the bytes (fuzz)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeMessage(bytes)
        } catch (error) {
          return error instanceof ProtocolError
        }
        return true
      }),
      { numRuns: 5_000 },
    )
  })

  it('a mutated update either fails to decode or applies without throwing (fuzz)', () => {
    const base = encodeUpdate(sampleUpdate())
    fc.assert(
      fc.property(fc.integer({ min: 3, max: base.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const mutated = base.slice()
        mutated[at] = value
        let message
        try {
          message = decodeMessage(mutated)
        } catch (error) {
          return error instanceof ProtocolError
        }
        if (message.type !== 'sync-update') return true
        const doc = new Y.Doc()
        try {
          Y.applyUpdate(doc, message.update)
        } catch {
          return false
        }
        return true
      }),
      { numRuns: 2_000 },
    )
  })
})

describe('encodeStored', () => {
  it("carries the client states in Yjs's state-vector encoding", () => {
    const doc = new Y.Doc()
    doc.getText('text').insert(0, 'Kollegiale Beratung')
    Y.applyUpdate(doc, sampleUpdate())
    const frame = encodeStored(Y.decodeStateVector(Y.encodeStateVector(doc)))
    expect(frame[0]).toBe(MessageType.STORED)
    const stateVector = frame.subarray(2) // type, then the length (one byte here), then the state vector
    expect(frame[1]).toBe(stateVector.length)
    expect(Y.decodeStateVector(stateVector)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)))
    expect(Y.decodeStateVector(encodeStored(new Map()).subarray(2)).size).toBe(0)
  })
})

function encodeString(value: string): number[] {
  const bytes = [...new TextEncoder().encode(value)]
  return [bytes.length, ...bytes]
}

import { beforeEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { AwarenessGuard, MAX_AWARENESS_IDS_PER_SOCKET, MAX_AWARENESS_STATE_BYTES, type AwarenessOwner } from './awareness-guard.ts'

function socket(userId: string, displayName: string): AwarenessOwner {
  return { userId, displayName, awarenessClientIds: new Set() }
}

/** An update naming states as a client would send them: `[clientId, clock, state]`. */
function update(...states: Array<[number, number, unknown]>): Uint8Array {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  for (const [id, clock, state] of states) {
    awareness.states.set(id, state as Record<string, unknown>)
    awareness.meta.set(id, { clock, lastUpdated: 0 })
  }
  const bytes = awarenessProtocol.encodeAwarenessUpdate(awareness, states.map(([id]) => id))
  awareness.destroy()
  doc.destroy()
  return bytes
}

/** A room's awareness that applies what the guard admits, as Room does. */
function room() {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awareness.setLocalState(null)
  const guard = new AwarenessGuard()
  return {
    awareness,
    guard,
    apply(from: AwarenessOwner, bytes: Uint8Array): Uint8Array | null {
      const admitted = guard.admit(from, bytes, awareness.meta)
      if (admitted) awarenessProtocol.applyAwarenessUpdate(awareness, admitted, from)
      return admitted
    },
    state: (id: number) => awareness.getStates().get(id) as { user?: Record<string, unknown> } | undefined,
  }
}

describe('AwarenessGuard', () => {
  let amina: AwarenessOwner
  let bruno: AwarenessOwner
  beforeEach(() => {
    amina = socket('u-amina', 'Amina')
    bruno = socket('u-bruno', 'Bruno')
  })

  it('lets a socket claim an id and writes its user’s own id and name into the state, keeping the rest', () => {
    const r = room()
    r.apply(amina, update([11, 1, { user: { id: 'u-admin', name: 'Admin', color: '#3949ab' }, cursor: { anchor: 3 } }]))
    expect(r.state(11)).toEqual({ user: { id: 'u-amina', name: 'Amina', color: '#3949ab' }, cursor: { anchor: 3 } })
    expect([...amina.awarenessClientIds]).toEqual([11])
    // A state with no user gets one: everyone in the room is someone.
    r.apply(amina, update([12, 1, {}]))
    expect(r.state(12)).toEqual({ user: { id: 'u-amina', name: 'Amina' } })
  })

  it('passes a state that already names its user as it came, bytes and all', () => {
    const r = room()
    const bytes = update([21, 1, { user: { id: 'u-amina', name: 'Amina', color: '#00838f' } }])
    expect(r.apply(amina, bytes)).toBe(bytes)
  })

  it('refuses another user’s socket a state for an id it does not own, whatever its clock', () => {
    const r = room()
    r.apply(amina, update([31, 1, { user: { name: 'Amina' } }]))
    expect(r.apply(bruno, update([31, 50, { user: { name: 'Hacked' } }]))).toBeNull()
    expect(r.apply(bruno, update([31, 51, null]))).toBeNull()
    expect(r.state(31)?.user?.name).toBe('Amina')
    expect(r.guard.ownerOf(31)).toBe(amina)
  })

  it('keeps an id its user’s after the socket left: another user cannot take it over, the same user can', () => {
    const r = room()
    const first = socket('u-amina', 'Amina')
    r.apply(first, update([41, 1, { user: {} }]))
    r.guard.release(first)
    awarenessProtocol.removeAwarenessStates(r.awareness, [41], null)
    expect(r.apply(bruno, update([41, 9, { user: {} }]))).toBeNull()
    const again = socket('u-amina', 'Amina')
    expect(r.apply(again, update([41, 9, { user: {} }]))).not.toBeNull()
    expect(r.guard.ownerOf(41)).toBe(again)
  })

  it('moves an id to its user’s new socket on a newer state, never on an echo of the same clock', () => {
    const r = room()
    const old = socket('u-amina', 'Amina')
    const reconnected = socket('u-amina', 'Amina')
    r.apply(old, update([51, 3, { user: {} }]))
    // A stock provider sends back every state it received: an echo changes nothing and claims nothing.
    expect(r.apply(reconnected, update([51, 3, { user: {} }]))).toBeNull()
    expect(r.guard.ownerOf(51)).toBe(old)
    expect(r.apply(reconnected, update([51, 4, { user: {}, cursor: 1 }]))).not.toBeNull()
    expect(r.guard.ownerOf(51)).toBe(reconnected)
    expect(old.awarenessClientIds.has(51)).toBe(false)
  })

  it('gives one socket at most MAX_AWARENESS_IDS_PER_SOCKET ids, however many states it sends', () => {
    const r = room()
    const flood = socket('u-flood', 'Observer')
    const states = Array.from({ length: 2_000 }, (_, i): [number, number, unknown] => [1_000 + i, 1, { user: { name: `Fake ${i}` } }])
    r.apply(flood, update(...states))
    expect(flood.awarenessClientIds.size).toBe(MAX_AWARENESS_IDS_PER_SOCKET)
    expect(r.awareness.getStates().size).toBe(MAX_AWARENESS_IDS_PER_SOCKET)
  })

  it('drops a state over MAX_AWARENESS_STATE_BYTES, a state that is not an object, and a removal of an id no one owns', () => {
    const r = room()
    const big = { user: {}, notes: 'x'.repeat(MAX_AWARENESS_STATE_BYTES) }
    expect(r.apply(amina, update([61, 1, big]))).toBeNull()
    expect(r.apply(amina, update([62, 1, 'a string']))).toBeNull()
    expect(r.apply(amina, update([63, 1, null]))).toBeNull()
    expect(amina.awarenessClientIds.has(61) || amina.awarenessClientIds.has(62) || amina.awarenessClientIds.has(63)).toBe(false)
    // What passes of a mixed update is re-encoded without the rest.
    const admitted = r.apply(amina, update([64, 1, { user: {} }], [65, 1, big]))
    expect(admitted).not.toBeNull()
    expect(r.state(64)).toBeDefined()
    expect(r.state(65)).toBeUndefined()
  })

  it('lets the owner remove its own state', () => {
    const r = room()
    r.apply(amina, update([71, 1, { user: {} }]))
    r.apply(amina, update([71, 2, null]))
    expect(r.state(71)).toBeUndefined()
  })
})

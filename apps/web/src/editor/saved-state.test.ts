import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SavedTracker } from './saved-state.ts'

const stateVectorOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc))

describe('SavedTracker', () => {
  it('is saved with no local changes, unsaved after typing, saved once the server holds the change', () => {
    const doc = new Y.Doc()
    const tracker = new SavedTracker(doc, null)
    expect(tracker.isSaved()).toBe(true)
    doc.getText('t').insert(0, 'hello')
    tracker.noteLocalWrite()
    expect(tracker.isSaved()).toBe(false)
    tracker.noteStored(new Map([[doc.clientID, 2]]))
    expect(tracker.isSaved()).toBe(false)
    tracker.noteStored(stateVectorOf(doc))
    expect(tracker.isSaved()).toBe(true)
  })

  it('ignores other clients’ changes it has not stored', () => {
    const doc = new Y.Doc()
    const other = new Y.Doc()
    other.getText('t').insert(0, 'theirs')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
    const tracker = new SavedTracker(doc, null)
    tracker.noteLocalWrite()
    expect(tracker.isSaved()).toBe(true)
  })

  it('remembers an earlier session’s client id until the server has its changes', () => {
    const store = new Map<string, string>()
    globalThis.localStorage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
      removeItem: (key: string) => void store.delete(key),
    } as Storage
    try {
      // Offline, before a reload: typed, never stored.
      const before = new Y.Doc()
      const first = new SavedTracker(before, 'own')
      before.getText('t').insert(0, 'offline words')
      first.noteLocalWrite()
      // After the reload: a new Y.Doc (new client id) restored from IndexedDB.
      const after = new Y.Doc()
      Y.applyUpdate(after, Y.encodeStateAsUpdate(before))
      const second = new SavedTracker(after, 'own')
      expect(second.isSaved()).toBe(false)
      second.noteStored(stateVectorOf(after))
      expect(second.isSaved()).toBe(true)
      expect(store.has('own')).toBe(false)
    } finally {
      delete (globalThis as { localStorage?: Storage }).localStorage
    }
  })
})

import { CloseCode, isPermanentClose, MessageType, STORED_ACK_PARAM } from '@tandem/shared'
import type { Editor } from '@tiptap/core'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SavedTracker } from './saved-state.ts'
import { stopAwarenessEcho } from './awareness-echo.ts'
import * as decoding from 'lib0/decoding'
import { ideaKey, ideaStoreName, noteLocalCopy, noteUnsynced } from '../lib/local-copies.ts'
import { onEnded, reportUnauthenticated } from '../lib/session-signals.ts'

/** What the page says about the connection. `closed` carries the server's close code (4401, 4403, 4404 …). */
export type ConnectionState = 'connecting' | 'live' | 'offline' | 'closed'
export type SaveState = 'saved' | 'saving' | 'local'

export interface CollabSnapshot {
  connection: ConnectionState
  closeCode: number | null
  /** The document has been read from this browser's store or from the server (no flash of an empty editor). */
  loaded: boolean
  /** The document has been synchronised with the server at least once in this session. */
  synced: boolean
  /** Everyone whose awareness state names a user, this browser included (`self`). */
  people: Person[]
  /**
   * The document holds something the editor cannot read (it would show an empty page and overwrite the document
   * with the first keystroke): editing is off until it is repaired. See ReadabilityCheck.
   */
  unreadable: boolean
  /**
   * Counts the times the document became unreadable or readable again: each time the editor is made anew (read-only
   * and unbound, or bound to the document whole).
   */
  editorEpoch: number
}

/**
 * What the editor's chunk knows about reading the document (@tandem/editor's placement rules): the session itself
 * stays free of the schema, so the small chunk that opens the socket first does not carry TipTap.
 */
export interface ReadabilityCheck {
  /** Whether the editor's fragment as it is now holds anything the editor cannot read. */
  unreadableNow(doc: Y.Doc): boolean
  /** Whether a transaction added anything the editor cannot read (a look at the new items alone). */
  unreadableAdded(transaction: Y.Transaction): boolean
}

export interface Person {
  clientId: number
  id: string
  name: string
  color: string
  self: boolean
}

export interface CollabUser {
  id: string
  name: string
  color: string
}

/** A session's state before anything is known (also what a page shows before it has a session). */
export const INITIAL_SNAPSHOT: CollabSnapshot = {
  connection: 'connecting',
  closeCode: null,
  loaded: false,
  synced: false,
  people: [],
  unreadable: false,
  editorEpoch: 0,
}

/**
 * One idea's shared document in this browser: the Y.Doc, its copy in IndexedDB (edits survive a reload while
 * offline) and the room socket. Pages subscribe to a small immutable snapshot of its state.
 */
export class CollabSession {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly persistence: IndexeddbPersistence
  private readonly saved: SavedTracker
  private readonly listeners = new Set<() => void>()
  private state: CollabSnapshot = INITIAL_SNAPSHOT
  /** Apart from the snapshot: it changes twice a keystroke, and only the status shows it (getSaveState). */
  private saveState: SaveState = 'saved'
  private unreadable = false
  private editorEpoch = 0
  private readability: ReadabilityCheck | null = null
  private readonly unreadableListeners = new Set<() => void>()
  private readonly cleanups: Array<() => void> = []
  private closeCode: number | null = null
  private storeLoaded = false
  private everSynced = false
  private offered: { editor: Editor; adopted: () => void } | null = null
  /** What `tandem:unsynced:<id>` says, once the store has been read (before, an empty doc would look saved). */
  private notedUnsynced: boolean | null = null
  private storeRead = false
  private readonly ideaChangedListeners = new Set<() => void>()

  constructor(
    readonly ideaId: string,
    readonly room: string,
  ) {
    noteLocalCopy(ideaId)
    this.persistence = new IndexeddbPersistence(ideaStoreName(ideaId), this.doc)
    this.saved = new SavedTracker(this.doc, ideaKey('own-clients', ideaId))
    const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`
    this.provider = new WebsocketProvider(wsUrl, room, this.doc, {
      params: { [STORED_ACK_PARAM]: '1' },
      connect: navigator.onLine,
      // Tabs of one browser talk to the server each; BroadcastChannel would also mix observers' and members' tabs.
      disableBc: true,
    })
    // Others' carets and presence come from the server: do not send them back to it (a room of 30 would otherwise
    // upload 29 frames for each caret move anyone makes).
    stopAwarenessEcho(this.provider)

    // Type 100: the state vector the database durably holds.
    this.provider.messageHandlers[MessageType.STORED] = (_encoder, decoder) => {
      const sv = decoding.readVarUint8Array(decoder)
      this.saved.noteStored(Y.decodeStateVector(sv))
      this.update()
    }
    // Type 101: the idea's record (title, status, …) changed; pages showing it read it again.
    this.provider.messageHandlers[MessageType.IDEA_CHANGED] = () => {
      for (const listener of this.ideaChangedListeners) listener()
    }
    // The server sends a STORED frame as soon as this client joins (what it already holds, edits from earlier visits
    // included), then one after each commit: "saved" never relies on anything else.

    const onStatus = () => this.update()
    const onClosed = (event: { code: number }) => {
      if (isPermanentClose(event.code)) {
        this.provider.shouldConnect = false
        this.closeCode = event.code
        // The idea was deleted (or never existed): this browser keeps no copy of it.
        if (event.code === CloseCode.NOT_FOUND) void this.persistence.clearData()
      }
      this.update()
      // Signed out (here, in another tab or everywhere): the whole app settles on the sign-in page.
      if (event.code === CloseCode.UNAUTHENTICATED) reportUnauthenticated()
    }
    const onSync = () => this.update()
    const onAwareness = () => this.update()
    const onAfterTransaction = () => {
      this.saved.noteLocalWrite()
      this.update()
    }
    this.provider.on('status', onStatus)
    this.provider.on('closed', onClosed)
    this.provider.on('sync', onSync)
    this.provider.awareness.on('change', onAwareness)
    this.doc.on('afterTransaction', onAfterTransaction)
    void this.persistence.whenSynced.then(() => {
      // A store with nothing in it (a first visit) is not the document: wait for the server rather than offer an
      // empty page to type into that is about to fill.
      this.storeLoaded = this.doc.store.clients.size > 0
      this.storeRead = true
      // Another tab erases this copy (sign-out there): stop writing to it (lib0 closes the connection itself).
      this.persistence.db?.addEventListener('versionchange', () => void this.persistence.destroy())
      this.update()
    })

    // The browser knows first when the network goes: say "offline" at once and reconnect as soon as it is back,
    // instead of waiting for the socket's own timeout.
    const onOffline = () => {
      this.provider.disconnect()
      this.update()
    }
    const onOnline = () => {
      if (this.closeCode === null) this.provider.connect()
      this.update()
    }
    window.addEventListener('offline', onOffline)
    window.addEventListener('online', onOnline)

    this.cleanups.push(() => {
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
      this.provider.off('status', onStatus)
      this.provider.off('closed', onClosed)
      this.provider.off('sync', onSync)
      this.provider.awareness.off('change', onAwareness)
      this.doc.off('afterTransaction', onAfterTransaction)
    })
  }

  /**
   * Starts judging the document as the editor would read it: at once, then before the observers of every transaction
   * run (the editor's binding is one), so editing is turned off before the binding reads what it cannot. Once.
   */
  watchReadability(check: ReadabilityCheck): void {
    if (this.readability) return
    this.readability = check
    const onTransaction = (transaction: Y.Transaction) => {
      if (!this.unreadable) {
        if (check.unreadableAdded(transaction)) this.setUnreadable(true)
      } else if (transaction.deleteSet.clients.size > 0 && !check.unreadableNow(this.doc)) {
        // Repaired (by a facilitator, or a restore): read it whole again.
        this.setUnreadable(false)
      }
    }
    this.doc.on('beforeObserverCalls', onTransaction)
    this.cleanups.push(() => this.doc.off('beforeObserverCalls', onTransaction))
    if (check.unreadableNow(this.doc)) this.setUnreadable(true)
  }

  /**
   * Marks the document unreadable (or readable again). Becoming unreadable tells the onUnreadable listeners at once,
   * inside the transaction that made it so: an editor bound to the document must stop before its binding reads it
   * (it would throw, and its next view update would write its empty page over the document).
   */
  setUnreadable(unreadable: boolean): void {
    if (this.unreadable === unreadable) return
    this.unreadable = unreadable
    this.editorEpoch++
    if (unreadable) for (const listener of [...this.unreadableListeners]) listener()
    this.update()
  }

  /** Calls `listener` when the document becomes unreadable, before anything reads it; returns the way out. */
  onUnreadable(listener: () => void): () => void {
    this.unreadableListeners.add(listener)
    return () => this.unreadableListeners.delete(listener)
  }

  /** Shares who this is with the others in the room (carets, avatars). */
  setUser(user: CollabUser | null): void {
    if (user) this.provider.awareness.setLocalStateField('user', user)
    else this.provider.awareness.setLocalStateField('user', null)
  }

  /**
   * The quick open hands the editor it made before React loaded to the idea page, which takes it once and calls
   * `adopted` when the editor's element is in the page.
   */
  offerEditor(editor: Editor, adopted: () => void): void {
    this.offered = { editor, adopted }
  }

  takeEditor(): { editor: Editor; adopted: () => void } | null {
    const offered = this.offered
    this.offered = null
    if (!offered || offered.editor.isDestroyed) return null
    return offered
  }

  /** Withdraws an editor no page took (the quick open gave up waiting). */
  withdrawEditor(editor: Editor): void {
    if (this.offered?.editor === editor) this.offered = null
  }

  /** Calls `listener` each time the server says the idea's record changed (someone renamed it, say). */
  onIdeaChanged(listener: () => void): () => void {
    this.ideaChangedListeners.add(listener)
    return () => this.ideaChangedListeners.delete(listener)
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): CollabSnapshot => this.state

  /** Whether the server has stored every change made here: subscribe with `subscribe`, as for the snapshot. */
  getSaveState = (): SaveState => this.saveState

  private update(): void {
    const p = this.provider
    const closed = this.closeCode !== null
    const connection: ConnectionState = closed
      ? 'closed'
      : p.wsconnected && p.synced
        ? 'live'
        : !navigator.onLine || (!p.shouldConnect && !p.wsconnecting)
          ? 'offline'
          : p.wsUnsuccessfulReconnects > 1 && !p.wsconnected
            ? 'offline'
            : 'connecting'
    this.everSynced ||= p.wsconnected && p.synced
    const isSaved = this.saved.isSaved()
    const save: SaveState = isSaved ? 'saved' : connection === 'live' ? 'saving' : 'local'
    if (this.storeRead && !this.destroyed && this.notedUnsynced !== !isSaved) {
      this.notedUnsynced = !isSaved
      noteUnsynced(this.ideaId, !isSaved)
    }
    const people = this.readPeople()
    const next: CollabSnapshot = {
      connection,
      closeCode: this.closeCode,
      synced: this.everSynced,
      loaded: this.storeLoaded || this.everSynced,
      people,
      unreadable: this.unreadable,
      editorEpoch: this.editorEpoch,
    }
    const same =
      next.unreadable === this.state.unreadable &&
      next.editorEpoch === this.state.editorEpoch &&
      next.connection === this.state.connection &&
      next.closeCode === this.state.closeCode &&
      next.loaded === this.state.loaded &&
      next.synced === this.state.synced &&
      samePeople(next.people, this.state.people)
    if (same && save === this.saveState) return
    // The page re-renders when the snapshot is a new object: only when something it shows changed.
    if (!same) this.state = next
    this.saveState = save
    for (const listener of this.listeners) listener()
  }

  private readPeople(): Person[] {
    const people: Person[] = []
    for (const [clientId, value] of this.provider.awareness.getStates()) {
      const user = (value as { user?: Partial<CollabUser> | null }).user
      if (!user || typeof user.name !== 'string' || typeof user.id !== 'string') continue
      people.push({
        clientId,
        id: user.id,
        name: user.name,
        color: typeof user.color === 'string' ? user.color : '#37474f',
        self: clientId === this.doc.clientID,
      })
    }
    return people
  }

  /** A room closed for good (signed out, no access, deleted): a page opening the idea again needs a new session. */
  get closedForGood(): boolean {
    return this.closeCode !== null
  }

  private destroyed = false

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.unreadableListeners.clear()
    for (const cleanup of this.cleanups) cleanup()
    this.provider.destroy()
    void this.persistence.destroy()
    this.doc.destroy()
    this.listeners.clear()
    this.ideaChangedListeners.clear()
  }
}

function samePeople(a: Person[], b: Person[]): boolean {
  return a.length === b.length && a.every((p, i) => p.clientId === b[i]!.clientId && p.name === b[i]!.name && p.color === b[i]!.color)
}

/**
 * Sessions outlive a page for a few seconds, so going from the editor to the history and back (and React's
 * development double mount) reuses the open socket and document instead of reconnecting.
 */
const sessions = new Map<string, { session: CollabSession; users: number; timer: ReturnType<typeof setTimeout> | null }>()
const KEEP_MS = 15_000

export function acquireSession(ideaId: string, room: string): CollabSession {
  let entry = sessions.get(ideaId)
  if (!entry || entry.session.room !== room || entry.session.closedForGood) {
    entry = { session: new CollabSession(ideaId, room), users: 0, timer: null }
    sessions.set(ideaId, entry)
  }
  if (entry.timer) clearTimeout(entry.timer)
  entry.timer = null
  entry.users++
  return entry.session
}

export function releaseSession(session: CollabSession): void {
  const entry = sessions.get(session.ideaId)
  if (!entry || entry.session !== session) {
    session.destroy()
    return
  }
  entry.users--
  if (entry.users > 0) return
  entry.timer = setTimeout(() => {
    sessions.delete(session.ideaId)
    session.destroy()
  }, KEEP_MS)
}

/** Signed out: every document is closed now (its socket, its IndexedDB connection), so its copy can be erased. */
function destroyAllSessions(): void {
  for (const [ideaId, entry] of sessions) {
    if (entry.timer) clearTimeout(entry.timer)
    sessions.delete(ideaId)
    entry.session.destroy()
  }
}
onEnded(destroyAllSessions)

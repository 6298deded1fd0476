import { ideaPath } from '../editor/idea-path.ts'

/**
 * This browser's copies of a person's ideas: each opened idea's document in IndexedDB (`tandem:<ideaId>`, kept by
 * y-indexeddb so edits survive a reload offline), its metadata and version list in localStorage, and the last API
 * answers in the service worker's cache. Offices share computers: sign-out erases all of it, so the next person
 * finds none. Which ideas hold changes the server has not stored yet is noted per idea (`tandem:unsynced:<id>`,
 * kept by the open document), so sign-out can ask first, also about ideas no tab has open.
 */

/** The localStorage entries kept per idea; every one is named `tandem:<kind>:<ideaId>`. */
const IDEA_KEY_KINDS = ['idea', 'snapshots', 'own-clients', 'unsynced', 'copy'] as const
export type IdeaKeyKind = (typeof IDEA_KEY_KINDS)[number]
const IDEA_KEY = new RegExp(`^tandem:(${IDEA_KEY_KINDS.join('|')}):(.+)$`)
const STORE_PREFIX = 'tandem:'

export const ideaKey = (kind: IdeaKeyKind, ideaId: string): string => `tandem:${kind}:${ideaId}`
/** The IndexedDB database holding an idea's document. */
export const ideaStoreName = (ideaId: string): string => `${STORE_PREFIX}${ideaId}`
/** The signed-in person as last read, for a reload with no network (editor/viewer.ts). */
export const VIEWER_KEY = 'tandem:editor:me'
/** Whose copies these are (a user id): another person signing in on this browser finds them erased. */
const OWNER_KEY = 'tandem:copies-owner'
/** The service worker's cache of API answers (vite.config.ts, `runtimeCaching`). */
export const API_CACHE = 'tandem-api'
/** A deletion another tab still blocks (its connection is closing) is not waited for longer than this. */
const DELETE_WAIT_MS = 3_000

function storage(): Storage | null {
  try {
    return localStorage
  } catch {
    return null
  }
}

function keysOf(store: Storage): string[] {
  const keys: string[] = []
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i)
    if (key !== null) keys.push(key)
  }
  return keys
}

/** Notes that this browser keeps a copy of the idea (for browsers that cannot list their IndexedDB databases). */
export function noteLocalCopy(ideaId: string): void {
  try {
    storage()?.setItem(ideaKey('copy', ideaId), '1')
  } catch {
    // Storage full or disabled: the IndexedDB listing still finds the copy.
  }
}

/** The open document says whether the server holds every change made to it here. */
export function noteUnsynced(ideaId: string, unsynced: boolean): void {
  try {
    if (unsynced) storage()?.setItem(ideaKey('unsynced', ideaId), '1')
    else storage()?.removeItem(ideaKey('unsynced', ideaId))
  } catch {
    // Storage disabled: sign-out then cannot warn about this idea.
  }
}

export interface PendingIdea {
  id: string
  /** From the idea's cached metadata; null when this browser never kept it. */
  title: string | null
  path: string | null
}

/** The ideas with changes only this browser holds (made offline, or not yet acknowledged by the server). */
export function pendingIdeas(): PendingIdea[] {
  const store = storage()
  if (!store) return []
  const pending: PendingIdea[] = []
  for (const key of keysOf(store)) {
    const match = IDEA_KEY.exec(key)
    if (!match || match[1] !== 'unsynced') continue
    const id = match[2]!
    let title: string | null = null
    let path: string | null = null
    try {
      const idea = JSON.parse(store.getItem(ideaKey('idea', id)) ?? 'null') as { title?: unknown; networkSlug?: unknown } | null
      if (typeof idea?.title === 'string') title = idea.title
      if (typeof idea?.networkSlug === 'string') path = ideaPath(idea.networkSlug, id)
    } catch {
      // No readable metadata: the idea is listed without its title.
    }
    pending.push({ id, title, path })
  }
  return pending.sort((a, b) => (a.title ?? '').localeCompare(b.title ?? ''))
}

/**
 * The pending ideas once changes being sent right now had their moment to be stored (online, an open document is
 * usually acknowledged within a second), or at once when nothing is pending or the browser is offline.
 */
export async function pendingIdeasSettled(withinMs = 1_500, stepMs = 100): Promise<PendingIdea[]> {
  const deadline = Date.now() + withinMs
  let pending = pendingIdeas()
  while (pending.length > 0 && navigator.onLine && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, stepMs))
    pending = pendingIdeas()
  }
  return pending
}

/** False when the copies in this browser are another person's (the app erases them before showing anything). */
export function copiesBelongTo(userId: string): boolean {
  const owner = storage()?.getItem(OWNER_KEY) ?? null
  return owner === null || owner === userId
}

/** Makes the copies this person's: another person's copies, kept when their session ended by itself, are erased first. */
export async function adoptCopies(userId: string): Promise<void> {
  if (!copiesBelongTo(userId)) await eraseLocalCopies({ keepUnsynced: false })
  try {
    storage()?.setItem(OWNER_KEY, userId)
  } catch {
    // Storage disabled: there are no copies to own either.
  }
}

async function ideaIdsWithCopies(): Promise<Set<string>> {
  const ids = new Set<string>()
  const store = storage()
  if (store) {
    for (const key of keysOf(store)) {
      const match = IDEA_KEY.exec(key)
      if (match) ids.add(match[2]!)
    }
  }
  if (typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
    try {
      for (const { name } of await indexedDB.databases()) {
        if (name?.startsWith(STORE_PREFIX)) ids.add(name.slice(STORE_PREFIX.length))
      }
    } catch {
      // The listing failed: the localStorage entries still name every idea opened here.
    }
  }
  return ids
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest
    try {
      request = indexedDB.deleteDatabase(name)
    } catch {
      resolve()
      return
    }
    // Blocked by another tab's open connection: it closes on `versionchange` and the deletion then completes by
    // itself; the sign-out does not wait for it beyond a few seconds.
    const timer = setTimeout(resolve, DELETE_WAIT_MS)
    request.onsuccess = request.onerror = () => {
      clearTimeout(timer)
      resolve()
    }
  })
}

let erasing: Promise<void> = Promise.resolve()

/**
 * Erases this browser's copies of ideas and the cached API answers. `keepUnsynced` keeps the ideas holding changes
 * the server lacks (the session ended by itself: the same person signing in again sends them); a sign-out asked
 * first and erases everything. Runs one at a time; resolves when done (never rejects).
 */
export function eraseLocalCopies({ keepUnsynced }: { keepUnsynced: boolean }): Promise<void> {
  erasing = erasing.then(() => eraseNow(keepUnsynced)).catch((error: unknown) => console.warn('erasing local copies failed', error))
  return erasing
}

async function eraseNow(keepUnsynced: boolean): Promise<void> {
  const store = storage()
  const kept = new Set(keepUnsynced ? pendingIdeas().map((idea) => idea.id) : [])
  const ids = [...(await ideaIdsWithCopies())].filter((id) => !kept.has(id))
  if (store) {
    for (const key of keysOf(store)) {
      const match = IDEA_KEY.exec(key)
      if (match && !kept.has(match[2]!)) store.removeItem(key)
    }
    store.removeItem(VIEWER_KEY)
    if (kept.size === 0) store.removeItem(OWNER_KEY)
  }
  const deletions: Promise<unknown>[] = ids.map((id) => deleteDatabase(ideaStoreName(id)))
  if (typeof caches !== 'undefined') deletions.push(caches.delete(API_CACHE).catch(() => false))
  await Promise.all(deletions)
}

/**
 * How the parts of the app hear that the session changed, without importing each other (the editor's chunk is not
 * loaded on most screens, and the boot chunk must stay small):
 * - `unauthenticated`: the server refused the session (a 401 anywhere, a room closed with 4401). The session
 *   provider settles on "signed out".
 * - `ended`: the provider settled on "signed out"; whoever holds this person's data in memory lets go of it now
 *   (open documents, their sockets and IndexedDB connections).
 * - other tabs of this browser: "signed-out" and "signed-in" over a BroadcastChannel, so every tab follows at once.
 */
type Listener = () => void
export type TabMessage = 'signed-out' | 'signed-in'

const unauthenticatedListeners = new Set<Listener>()
const endedListeners = new Set<Listener>()
const CHANNEL_NAME = 'tandem:session'
let channel: BroadcastChannel | null | undefined

function subscribe(set: Set<Listener>, listener: Listener): () => void {
  set.add(listener)
  return () => set.delete(listener)
}

/** The server answered that nobody is signed in. Listeners run after the current task (never inside a socket's close handler). */
export function reportUnauthenticated(): void {
  queueMicrotask(() => {
    for (const listener of [...unauthenticatedListeners]) listener()
  })
}

export function onUnauthenticated(listener: Listener): () => void {
  return subscribe(unauthenticatedListeners, listener)
}

/** This tab is signed out now: release everything held for the person who was signed in. Runs listeners at once. */
export function announceEnded(): void {
  for (const listener of [...endedListeners]) {
    try {
      listener()
    } catch (error) {
      console.warn('a sign-out listener failed', error)
    }
  }
}

export function onEnded(listener: Listener): () => void {
  return subscribe(endedListeners, listener)
}

function tabChannel(): BroadcastChannel | null {
  if (channel === undefined) channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null
  return channel
}

/** Tells this browser's other tabs (never this one). */
export function tellOtherTabs(message: TabMessage): void {
  tabChannel()?.postMessage(message)
}

export function onOtherTab(listener: (message: TabMessage) => void): () => void {
  const bc = tabChannel()
  if (!bc) return () => undefined
  const handle = (event: MessageEvent) => {
    if (event.data === 'signed-out' || event.data === 'signed-in') listener(event.data)
  }
  bc.addEventListener('message', handle)
  return () => bc.removeEventListener('message', handle)
}

import type { WebsocketProvider } from 'y-websocket'

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] }
type AwarenessHandler = (changes: AwarenessChanges, origin: unknown) => void

/**
 * Stops a y-websocket provider from sending the server back every awareness update the server sent it.
 *
 * y-websocket 3.1's provider sends every awareness change, whatever its origin: another person's caret moves, the
 * server passes it on to everyone in the room, and each of them sends it straight back. In a room of N that is N − 1
 * useless frames per caret move and per 15-second renewal of each person's presence, uploaded by every phone in the room
 * on whatever connection it has. Hocuspocus's provider skips what it received (`origin === this`); this does the same.
 *
 * One exception is kept: when what came in concerned this client itself (someone else's copy removed it), Yjs's
 * awareness raises its own clock so that the others hear it is still here, and that must go out.
 *
 * The provider keeps its handler as `_awarenessUpdateHandler` (registered on the awareness and removed by destroy()).
 * Should a later y-websocket rename it, nothing changes: the provider echoes as before.
 */
export function stopAwarenessEcho(provider: WebsocketProvider): void {
  const insides = provider as unknown as { _awarenessUpdateHandler?: AwarenessHandler }
  const send = insides._awarenessUpdateHandler
  if (typeof send !== 'function') return
  const awareness = provider.awareness
  const handler: AwarenessHandler = (changes, origin) => {
    if (origin !== provider) return send(changes, origin)
    const own = awareness.clientID
    if ([...changes.added, ...changes.updated, ...changes.removed].includes(own)) send({ added: [], updated: [own], removed: [] }, origin)
  }
  awareness.off('update', send)
  awareness.on('update', handler)
  insides._awarenessUpdateHandler = handler
}

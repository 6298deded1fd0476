import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { bodyTextOf } from './editor-doc.ts'
import { cookieFor } from './session-cookies.ts'

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

/** A real y-websocket 3.1 WebsocketProvider in Node (ws as its WebSocket). */
export function connectProvider(
  wsUrl: string,
  room: string,
  options: { doc?: Y.Doc; params?: Record<string, string>; connect?: boolean; cookie?: string | null } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc()
  const cookie = options.cookie === undefined ? cookieFor(wsUrl) : options.cookie
  // A browser sends the session cookie with the upgrade request; in Node the provider's WebSocket is given it here.
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {})
    }
  }
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    params: options.params ?? {},
    connect: options.connect ?? true,
    disableBc: true,
  })
  return {
    doc,
    provider,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export function waitForSync(client: TestClient, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync in time')), timeoutMs)
    const onSync = (synced: boolean) => {
      if (!synced) return
      clearTimeout(timer)
      client.provider.off('sync', onSync)
      resolve()
    }
    client.provider.on('sync', onSync)
  })
}

/** Polls until the predicate holds (or fails after the timeout with the message). */
export async function eventually(predicate: () => boolean | Promise<boolean>, message: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await predicate()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`timed out: ${message}`)
}

/** The text tests type into (editor-doc.ts: the document's last paragraph). */
export function text(client: TestClient): string {
  return bodyTextOf(client.doc)
}

/** The client ids an awareness update names, in its order (`varUint count`, then `{id, clock, JSON}` each). */
export function awarenessClientIds(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update)
  const ids: number[] = []
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    ids.push(decoding.readVarUint(decoder))
    decoding.readVarUint(decoder)
    decoding.readVarString(decoder)
  }
  return ids
}

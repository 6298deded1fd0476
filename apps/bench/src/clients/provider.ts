import { HocuspocusProvider } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Dialect } from '../servers/types.ts'
import { presenceRenewal } from './presence.ts'

/** A full client as users run it: y-websocket 3.1's WebsocketProvider, or Hocuspocus's own provider. */
export interface FullClient {
  doc: Y.Doc
  /** Resolves when synced with the server (or, against the relay, once connected: a relay has no state to sync). */
  ready: Promise<void>
  /** Renews the client's presence, as its awareness's timer would (the bench calls it on its schedule: presence.ts). */
  renewPresence(): void
  destroy(): void
}

export interface FullClientOptions {
  dialect: Dialect
  wsBase: string
  room: string
  params?: Record<string, string>
  /** Sent on the upgrade (a session cookie). */
  headers?: Record<string, string>
  clientId?: number
  /** Ready when the socket is open rather than when synced (the relay). */
  readyOnConnect?: boolean
  /** Presence is renewed only by renewPresence(), on the bench's schedule, and not by the awareness's own timer. */
  scheduledRenewals?: boolean
}

export function connectFull(options: FullClientOptions): FullClient {
  const doc = new Y.Doc()
  if (options.clientId !== undefined) doc.clientID = options.clientId
  if (options.dialect === 'hocuspocus') {
    // The provider hands its configuration to the HocuspocusProviderWebsocket it creates, which takes the polyfill
    // (Node 20 has no global WebSocket); its types do not say so.
    const configuration = { url: options.wsBase, name: options.room, document: doc, WebSocketPolyfill: WebSocket }
    const provider = new HocuspocusProvider(configuration as ConstructorParameters<typeof HocuspocusProvider>[0])
    const renewPresence = presenceRenewal(provider.awareness!, options.scheduledRenewals)
    const ready = new Promise<void>((resolve) => {
      if (options.readyOnConnect) provider.on('status', ({ status }: { status: string }) => status === 'connected' && resolve())
      provider.on('synced', ({ state }: { state: boolean }) => state && resolve())
    })
    return {
      doc,
      ready,
      renewPresence,
      destroy() {
        provider.destroy()
        doc.destroy()
      },
    }
  }
  const headers = options.headers ?? {}
  // A browser sends its cookie by itself; in Node, ws takes headers as an option the provider does not pass.
  class WithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  }
  const provider = new WebsocketProvider(options.wsBase, options.room, doc, {
    WebSocketPolyfill: WithHeaders as unknown as typeof globalThis.WebSocket,
    params: options.params ?? {},
    disableBc: true,
  })
  const renewPresence = presenceRenewal(provider.awareness, options.scheduledRenewals)
  const ready = new Promise<void>((resolve) => {
    if (options.readyOnConnect) provider.on('status', ({ status }: { status: string }) => status === 'connected' && resolve())
    provider.on('sync', (synced: boolean) => synced && resolve())
  })
  return {
    doc,
    ready,
    renewPresence,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

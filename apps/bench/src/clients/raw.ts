import WebSocket from 'ws'
import { decodeIncoming, opening, type Incoming, type Wire } from '../protocol/wire.ts'
import type { Dialect } from '../servers/types.ts'

/** A bare protocol client: sends the frames it is given, decodes what comes back only when asked to. */
export interface RawClient {
  socket: WebSocket
  wire: Wire
  /** Open (and, unless readyOnConnect, the server's first message received: the room is loaded / authenticated). */
  ready: Promise<void>
  send(frame: Uint8Array): void
  /** Bytes sent so far (websocket payloads). */
  sentBytes: number
  onMessage(listener: (message: Incoming) => void): void
  close(): void
}

export interface RawClientOptions {
  dialect: Dialect
  wsBase: string
  room: string
  params?: Record<string, string>
  headers?: Record<string, string>
  readyOnConnect?: boolean
}

export function roomUrl(dialect: Dialect, wsBase: string, room: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString()
  const base = dialect === 'hocuspocus' ? wsBase : `${wsBase}/${room}`
  return query ? `${base}?${query}` : base
}

export function connectRaw(options: RawClientOptions): RawClient {
  const wire: Wire = { dialect: options.dialect, docName: options.room }
  const socket = new WebSocket(roomUrl(options.dialect, options.wsBase, options.room, options.params), {
    perMessageDeflate: false,
    headers: options.headers ?? {},
  })
  socket.binaryType = 'nodebuffer'
  const listeners: ((message: Incoming) => void)[] = []
  const client: RawClient = {
    socket,
    wire,
    sentBytes: 0,
    ready: new Promise<void>((resolve, reject) => {
      socket.once('error', reject)
      socket.once('open', () => {
        for (const frame of opening(wire)) client.send(frame)
        if (options.readyOnConnect) resolve()
      })
      socket.once('message', () => resolve())
      socket.once('close', (code) => reject(new Error(`closed with ${code} before ready`)))
    }),
    send(frame) {
      if (socket.readyState !== WebSocket.OPEN) return
      client.sentBytes += frame.byteLength
      socket.send(frame)
    },
    onMessage(listener) {
      if (listeners.length === 0) {
        socket.on('message', (data: Buffer) => {
          const message = decodeIncoming(options.dialect, data)
          if (message) for (const l of listeners) l(message)
        })
      }
      listeners.push(listener)
    },
    close() {
      socket.close()
    },
  }
  socket.on('error', () => {})
  client.ready.catch(() => {})
  return client
}

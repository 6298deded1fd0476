import WebSocket from 'ws'
import { cookieFor } from './session-cookies.ts'

export interface RawSocket {
  socket: WebSocket
  frames: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  opened: Promise<void>
  send(frame: Uint8Array | string): void
}

/** A bare websocket client: sends exactly the bytes a test gives it, records every frame and the close code. */
export function rawSocket(url: string, options: WebSocket.ClientOptions & { cookie?: string | null } = {}): RawSocket {
  const { cookie: given, ...wsOptions } = options
  const cookie = given === undefined ? cookieFor(url) : given
  const socket = new WebSocket(url, { ...wsOptions, headers: { ...wsOptions.headers, ...(cookie ? { cookie } : {}) } })
  socket.binaryType = 'nodebuffer'
  const frames: Uint8Array[] = []
  socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  socket.on('error', () => {})
  return {
    socket,
    frames,
    closed,
    opened,
    send(frame) {
      socket.send(frame)
    },
  }
}

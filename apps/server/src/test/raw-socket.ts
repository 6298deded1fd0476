import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
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

/** Applies every sync frame (step 2 or update) a raw socket received to a fresh doc. */
export function docFromFrames(frames: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== 0) continue
    if (decoding.readVarUint(decoder) === 0) continue
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
  }
  return doc
}

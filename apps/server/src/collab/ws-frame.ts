import type { WebSocket } from 'ws'

/**
 * One binary WebSocket frame (RFC 6455 §5.2: FIN, opcode 2, unmasked as a server sends it) around the payload. A room
 * frames a change once and writes the same bytes to every socket, where ws's send() frames it again for each (a header
 * of its own, then the header and the payload corked into one writev).
 */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10
  const frame = Buffer.allocUnsafe(headerBytes + length)
  frame[0] = 0x82
  if (length < 126) frame[1] = length
  else if (length < 65_536) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeBigUInt64BE(BigInt(length), 2)
  }
  frame.set(payload, headerBytes)
  return frame
}

/** What of ws's insides writeFrame looks at. */
interface WebSocketInsides {
  _socket?: { writable: boolean; write(chunk: Buffer): boolean }
  _sender?: { _state?: unknown; _queue?: unknown[] }
}

/**
 * Writes a frame made by binaryFrame straight to the socket under ws, when nothing of ws's own is waiting to go out
 * before it (its sender is idle: no compression or blob read in progress, nothing queued); else returns false and the
 * caller sends the payload through ws. Should a later ws keep these under other names, every frame takes the ordinary
 * path: slower, never wrong.
 */
export function writeFrame(socket: WebSocket, frame: Buffer): boolean {
  const { _socket: raw, _sender: sender } = socket as unknown as WebSocketInsides
  if (!raw?.writable || sender?._state !== 0 || sender._queue?.length !== 0) return false
  raw.write(frame)
  return true
}

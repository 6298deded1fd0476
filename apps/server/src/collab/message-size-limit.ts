import { CloseCode } from '@tandem/shared'
import type { WebSocket, WebSocketServer } from 'ws'

/**
 * ws enforces `maxPayload` before buffering a frame, but closes with 1009; Tandem's table says 4413. ws emits the
 * error on its receiver before closing, so a listener put first closes with 4413 and ws's own close becomes a no-op.
 * (`_receiver` is ws 8's internal; the integration test of oversized messages guards this.)
 */
export function closeOversizedWith4413(wss: WebSocketServer): void {
  wss.on('connection', (socket: WebSocket) => {
    const receiver = (socket as unknown as { _receiver?: NodeJS.EventEmitter })._receiver
    receiver?.prependListener('error', (err: Error & { code?: string }) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') socket.close(CloseCode.TOO_LARGE, 'message too large')
    })
  })
}

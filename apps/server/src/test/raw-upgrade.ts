import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { cookieFor } from './session-cookies.ts'

/**
 * Opens a websocket with the request path sent exactly as given (a WHATWG URL would normalise `..` away), and
 * resolves with the close code of the first close frame the server sends.
 */
export function closeCodeForPath(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  const cookie = cookieFor(`http://127.0.0.1:${port}`)
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Version': '13',
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
    })
    request.on('response', (response) => reject(new Error(`no upgrade: HTTP ${response.statusCode}`)))
    request.on('error', reject)
    request.on('upgrade', (_response, socket, head) => {
      let buffer = Buffer.from(head)
      const onData = (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk])
        while (buffer.length >= 2) {
          const opcode = buffer[0]! & 0x0f
          let length = buffer[1]! & 0x7f
          let offset = 2
          if (length === 126) {
            length = buffer.readUInt16BE(2)
            offset = 4
          }
          if (buffer.length < offset + length) return
          if (opcode === 0x8) {
            socket.destroy()
            resolve(length >= 2 ? buffer.readUInt16BE(offset) : 1005)
            return
          }
          buffer = buffer.subarray(offset + length)
        }
      }
      socket.on('data', onData)
      onData(Buffer.alloc(0))
      socket.on('close', () => reject(new Error('closed without a close frame')))
    })
    request.end()
  })
}

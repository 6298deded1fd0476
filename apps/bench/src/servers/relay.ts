/**
 * The floor: a plain websocket relay. Each frame a socket sends is forwarded as is to the other sockets of its room
 * (the URL path); no decoding, no document, no CRDT work. Run as a server process: PORT, HOST.
 */
import http from 'node:http'
import { WebSocketServer, type WebSocket, type RawData } from 'ws'

const rooms = new Map<string, Set<WebSocket>>()
const server = http.createServer((_req, res) => res.end('relay'))
const wss = new WebSocketServer({ server, perMessageDeflate: false })

wss.on('connection', (socket, request) => {
  const name = (request.url ?? '/').split('?')[0]!
  let room = rooms.get(name)
  if (!room) rooms.set(name, (room = new Set()))
  room.add(socket)
  socket.on('message', (data: RawData, isBinary: boolean) => {
    for (const peer of room) if (peer !== socket && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary })
  })
  socket.on('close', () => {
    room.delete(socket)
    if (room.size === 0) rooms.delete(name)
  })
  socket.on('error', () => socket.terminate())
})

server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1')
process.on('SIGTERM', () => process.exit(0))

/**
 * The reference server: @y/websocket-server 0.1.1's setupWSConnection, launched exactly as its own bin/server.js
 * does (an HTTP server, a ws server without a server of its own, the room is the URL path): without persistence, or,
 * when YPERSISTENCE names a folder, storing every update into LevelDB there through y-leveldb, as bin/server.js does.
 */
import http from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'

const wss = new WebSocketServer({ noServer: true })
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' })
  response.end('okay')
})
wss.on('connection', setupWSConnection)
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1')
process.on('SIGTERM', () => process.exit(0))

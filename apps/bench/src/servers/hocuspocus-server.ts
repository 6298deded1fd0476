/**
 * Hocuspocus 4.7 as its users would start it: `new Server({...}).listen()`, no extensions (so no persistence), the
 * default debounce, timeouts and batching. `quiet` only silences the start banner.
 */
import { Server } from '@hocuspocus/server'

const server = new Server({ port: Number(process.env.PORT), address: process.env.HOST ?? '127.0.0.1', quiet: true })
await server.listen()

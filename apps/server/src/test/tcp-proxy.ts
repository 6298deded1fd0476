import net from 'node:net'

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1). */
  port: number
  /** Connections accepted since the proxy started (including ones dropped while cut). */
  readonly accepted: number
  /** True between cut() and restore(). */
  readonly isCut: boolean
  /** Resets every open connection (both sides, silenced ones too) and drops every new one at once until restore(). */
  cut(): void
  /**
   * Every connection open now goes silent for good: bytes are dropped both ways and nothing is closed (no RST, no
   * FIN), as when a failover or a forgotten NAT entry strands a connection mid-query. New connections pass as usual.
   */
  silence(): void
  /**
   * Every connection open now stops carrying bytes, both ways, until resume(): nothing is dropped or closed, the bytes
   * wait (a phone in a tunnel, a link saturated by a download). New connections pass as usual.
   */
  stall(): void
  /** Stalled connections carry on, delivering what waited. */
  resume(): void
  /** Lets new connections through again. */
  restore(): void
  close(): Promise<void>
}

/**
 * A TCP proxy on 127.0.0.1:0 to a target host and port, for making a real server unreachable without stopping
 * it: cut() is what a client sees when the network between it and the database goes away (open connections reset,
 * new ones closed right after they are accepted).
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<net.Socket>()
  const pairs = new Set<[net.Socket, net.Socket]>()
  const silenced = new Set<net.Socket>()
  const stalled = new Set<[net.Socket, net.Socket]>()
  let cut = false
  let accepted = 0

  const server = net.createServer((client) => {
    accepted++
    if (cut) {
      client.resetAndDestroy()
      return
    }
    const upstream = net.connect({ host: targetHost, port: targetPort })
    const pair: [net.Socket, net.Socket] = [client, upstream]
    open.add(client)
    open.add(upstream)
    pairs.add(pair)
    const drop = () => {
      open.delete(client)
      open.delete(upstream)
      pairs.delete(pair)
      stalled.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', drop)
    upstream.on('error', drop)
    client.on('close', drop)
    upstream.on('close', drop)
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as net.AddressInfo).port

  const proxy: TcpProxy = {
    port,
    get accepted() {
      return accepted
    },
    get isCut() {
      return cut
    },
    cut() {
      cut = true
      for (const socket of [...open, ...silenced]) socket.resetAndDestroy()
      open.clear()
      silenced.clear()
    },
    silence() {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream)
        upstream.unpipe(client)
        for (const socket of [client, upstream]) {
          socket.removeAllListeners('data')
          socket.on('data', () => {}) // read and drop: the peer's writes never block, and never arrive
          open.delete(socket)
          silenced.add(socket)
          socket.once('close', () => silenced.delete(socket))
        }
      }
      pairs.clear()
    },
    stall() {
      for (const pair of pairs) {
        const [client, upstream] = pair
        client.unpipe(upstream)
        upstream.unpipe(client)
        client.pause()
        upstream.pause()
        stalled.add(pair)
      }
    },
    resume() {
      for (const [client, upstream] of stalled) {
        // pipe() resumes a paused source.
        client.pipe(upstream)
        upstream.pipe(client)
      }
      stalled.clear()
    },
    restore() {
      cut = false
    },
    close() {
      cut = true
      for (const socket of [...open, ...silenced]) socket.destroy()
      open.clear()
      silenced.clear()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
  return proxy
}

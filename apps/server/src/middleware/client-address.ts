import type { HttpBindings } from '@hono/node-server'
import type { MiddlewareHandler } from 'hono'
import ipaddr from 'ipaddr.js'
import type { TLSSocket } from 'node:tls'
import proxyaddr from 'proxy-addr'

/**
 * Which peers are proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (`TRUST_PROXY`): none (false, the
 * default: the socket's address is the client's), any (true), the nearest `n` hops, or the listed addresses and
 * subnets (`loopback`, `10.0.0.0/8`, …), as Express's "trust proxy" setting.
 */
export type TrustProxy = boolean | number | string[]

declare module 'hono' {
  interface ContextVariableMap {
    /** The client's address as the limits key it (see `clientAddress`). */
    clientIp: string
    /** The request reached us over https: on a TLS socket, or so a trusted proxy says. */
    overHttps: boolean
  }
}

type Trust = (address: string, hop: number) => boolean

/** TRUST_PROXY's text as a value: `false`/`0`/empty, `true`, a number of proxies, or a comma-separated list. */
export function parseTrustProxy(value: string | undefined): TrustProxy | { error: string } {
  const text = (value ?? '').trim()
  if (text === '' || text === 'false' || text === '0') return false
  if (text === 'true') return true
  if (/^\d+$/.test(text)) return Number(text)
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean)
  try {
    proxyaddr.compile(entries)
  } catch (err) {
    return { error: `${(err as Error).message}: use true, false, a number of proxies, or addresses and subnets` }
  }
  return entries
}

export function compileTrust(trust: TrustProxy): Trust {
  if (trust === true) return () => true
  if (trust === false) return () => false
  if (typeof trust === 'number') return (_address, hop) => hop < trust
  return proxyaddr.compile(trust)
}

/**
 * Sets `clientIp` and `overHttps` for everything after it (the limits, HSTS, the room server). X-Forwarded-For and
 * X-Forwarded-Proto are read only from a trusted proxy; otherwise anyone could choose their own address and walk
 * past every per-address limit. Mounted first.
 */
export function clientAddress(trustProxy: TrustProxy): MiddlewareHandler<{ Bindings: HttpBindings }> {
  const trust = compileTrust(trustProxy)
  return async (c, next) => {
    const incoming = c.env?.incoming
    const socketAddress = incoming?.socket?.remoteAddress
    let address = socketAddress
    let overHttps = (incoming?.socket as TLSSocket | undefined)?.encrypted === true
    if (incoming && socketAddress) {
      address = proxyaddr(incoming, trust)
      if (trust(socketAddress, 0)) {
        const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
        if (proto) overHttps = proto === 'https'
      }
    }
    c.set('clientIp', limitKey(address))
    c.set('overHttps', overHttps)
    await next()
  }
}

/**
 * The address as a limit's key: an IPv4 address as it is (also when it arrives IPv4-mapped), an IPv6 address as its
 * /64, the block one subscriber gets (else one machine could take a new address for each request).
 */
export function limitKey(address: string | undefined): string {
  if (!address || !ipaddr.isValid(address)) return address || 'unknown'
  const parsed = ipaddr.process(address)
  if (parsed.kind() === 'ipv4') return parsed.toString()
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4)
  return `${parts.map((part) => part.toString(16)).join(':')}::/64`
}

import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { limitKey } from '../../middleware/client-address.ts'

/**
 * The client's address, the key of the per-address limits: as middleware/client-address.ts read it (X-Forwarded-For
 * only from a proxy that TRUST_PROXY trusts), else the socket's peer.
 */
export function clientIp(c: Context): string {
  const resolved = c.get('clientIp')
  if (resolved) return resolved
  try {
    return limitKey(getConnInfo(c).remote.address)
  } catch {
    return 'unknown'
  }
}

import type { MeResponse } from '@tandem/shared'
import { useRefreshWhileShown } from './use-refresh-while-shown.ts'

/** A join request of the signed-in person that no facilitator has decided yet (GET /api/me `joinRequests`). */
export interface PendingJoinRequest {
  networkSlug: string
  createdAt: string
}

/** The signed-in person's pending join requests; older servers leave the field out, which means none known. */
export function pendingJoinRequests(me: MeResponse | null | undefined): PendingJoinRequest[] {
  const list = (me as (MeResponse & { joinRequests?: unknown }) | null | undefined)?.joinRequests
  return Array.isArray(list) ? (list as PendingJoinRequest[]).filter((r) => typeof r?.networkSlug === 'string') : []
}

/** How often a page with a pending request asks whether a facilitator has decided. */
const PENDING_POLL_MS = 20_000

/**
 * While the signed-in person waits for a facilitator, asks /api/me again now and then (and when the tab comes back),
 * so an approval opens the network without a reload.
 */
export function useRefreshWhilePending(me: MeResponse | null | undefined, refresh: () => Promise<unknown>): void {
  useRefreshWhileShown(refresh, { everyMs: PENDING_POLL_MS, enabled: pendingJoinRequests(me).length > 0, onlineOnly: false })
}

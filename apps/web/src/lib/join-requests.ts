import type { MeResponse } from '@tandem/shared'

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

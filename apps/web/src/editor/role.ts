import type { MeResponse } from '@tandem/shared'

export type Role = 'observer' | 'member' | 'facilitator' | 'admin' | null

/** The viewer's standing in a network; an instance admin may do what a facilitator may. */
export function roleOf(me: MeResponse | null | undefined, slug: string): Role {
  if (!me) return null
  if (me.user.isAdmin) return 'admin'
  return me.memberships.find((m) => m.networkSlug === slug)?.role ?? null
}

/** Members, facilitators and admins write; observers (and outsiders) read. */
export function canWrite(role: Role): boolean {
  return role === 'member' || role === 'facilitator' || role === 'admin'
}

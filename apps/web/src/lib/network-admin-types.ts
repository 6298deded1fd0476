import type { NetworkRole } from './taxonomy.ts'

// The answers of the facilitators' endpoints (packages/shared/src/api/memberships.ts: memberSchema,
// joinRequestSchema, invitationSchema). Written out here because @tandem/shared exports those as zod schemas only,
// and the web bundle must not carry zod for a type.

export interface Member {
  userId: string
  displayName: string
  organisation: string | null
  city: string | null
  country: string | null
  role: NetworkRole
  since: string
}

export interface JoinRequest {
  id: string
  message: string | null
  createdAt: string
  user: { id: string; displayName: string; organisation: string | null; city: string | null; country: string | null }
}

export interface Invitation {
  id: string
  token: string
  networkSlug: string
  role: NetworkRole
  email: string | null
  expiresAt: string
}

/** "Organisation · City, Country", leaving out what is unknown. */
export function whereFrom(person: { organisation: string | null; city: string | null; country: string | null }): string {
  const place = [person.city, person.country].filter(Boolean).join(', ')
  return [person.organisation, place].filter(Boolean).join(' · ')
}

import type { AuthUser } from '../../app-env.ts'
import type { PublicUserRow } from './users.repository.ts'

/** The user as routes and the API see it: never the password hash. */
export function toAuthUser(row: PublicUserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    organisation: row.organisation,
    city: row.city,
    country: row.country,
    languages: row.languages,
    isAdmin: row.is_admin,
  }
}

import type { HttpBindings } from '@hono/node-server'

/** The signed-in user as every route sees it (never the password hash). */
export interface AuthUser {
  id: string
  email: string
  displayName: string
  organisation: string | null
  city: string | null
  country: string | null
  languages: string[]
  isAdmin: boolean
}

export interface AuthSession {
  /** hex SHA-256 of the cookie's token. */
  id: string
  userId: string
  expiresAt: Date
}

/** Hono's environment for every router: set by the session middleware on each request. */
export interface AppEnv {
  Bindings: HttpBindings
  Variables: {
    user: AuthUser | null
    session: AuthSession | null
  }
}

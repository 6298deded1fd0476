import type { User } from '@tandem/shared'
import { randomBytes } from 'node:crypto'

/**
 * Accounts for tests, made through the real API. The first account of a fresh database is its admin.
 *
 * A request that carries the cookie and changes something (POST/PUT/PATCH/DELETE) must also say where it comes
 * from, as a browser would: send `sessionHeaders(server, cookie)` (Cookie + Origin), else the CSRF check answers 403.
 */
export interface SignedInAccount {
  user: User
  /** `tandem_session=<token>`: send it back in a Cookie header. */
  cookie: string
  email: string
  password: string
}

export interface AccountOptions {
  email?: string
  displayName?: string
  password?: string
  organisation?: string
  city?: string
  country?: string
  languages?: string[]
}

interface HasUrl {
  url: string
}

export const DEFAULT_PASSWORD = 'correct horse battery staple'

let counter = 0

/** A unique email each call: tests in one file share a database. */
export function uniqueEmail(prefix = 'person'): string {
  counter += 1
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}@tandem.test`
}

/** The `name=value` of the session cookie an answer sets. */
export function sessionCookieOf(response: Response): string {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith('tandem_session='))
  if (!header) throw new Error(`no session cookie in the answer (${response.status})`)
  return header.split(';')[0]!
}

/** Cookie and Origin, as a browser on the server's own page sends them. */
export function sessionHeaders(
  server: HasUrl,
  cookie: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { cookie, origin: new URL(server.url).origin, ...extra }
}

function postJson(server: HasUrl, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** Creates an account (POST /api/auth/signup) and returns it signed in. */
export async function signUp(server: HasUrl, options: AccountOptions = {}): Promise<SignedInAccount> {
  const email = options.email ?? uniqueEmail()
  const password = options.password ?? DEFAULT_PASSWORD
  const response = await postJson(server, '/auth/signup', {
    ...options,
    email,
    password,
    displayName: options.displayName ?? email.split('@')[0],
  })
  if (response.status !== 201) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`)
  const { user } = (await response.json()) as { user: User }
  return { user, cookie: sessionCookieOf(response), email, password }
}

/** Signs in (POST /api/auth/login): a new session of an existing account. */
export async function login(
  server: HasUrl,
  credentials: { email: string; password?: string },
): Promise<SignedInAccount> {
  const password = credentials.password ?? DEFAULT_PASSWORD
  const response = await postJson(server, '/auth/login', { email: credentials.email, password })
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`)
  const { user } = (await response.json()) as { user: User }
  return { user, cookie: sessionCookieOf(response), email: credentials.email, password }
}

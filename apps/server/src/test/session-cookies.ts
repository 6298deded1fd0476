import { login, signUp } from './accounts.ts'

/**
 * Test clients sign in like a person would: the first account of a fresh database is its admin, who may do anything
 * in every network. The cookie is remembered per server (host:port), so providers and raw sockets opened against
 * that server send it unless a test passes its own (or `null`, to be a stranger).
 */
const cookies = new Map<string, string>()

export const TEST_ADMIN = { email: 'admin@tandem.test', displayName: 'Test Admin' }

function hostOf(url: string): string {
  return new URL(url).host
}

export function cookieFor(url: string): string | undefined {
  return cookies.get(hostOf(url))
}

/** Signs the test admin up (or in, when the database has it already) and remembers the cookie for that server. */
export async function adminCookie(baseUrl: string, refresh = false): Promise<string> {
  const known = cookies.get(hostOf(baseUrl))
  if (known && !refresh) return known
  const server = { url: baseUrl }
  const account = await signUp(server, TEST_ADMIN).catch((error: Error) => {
    if (!error.message.includes('409')) throw error
    return login(server, { email: TEST_ADMIN.email })
  })
  cookies.set(hostOf(baseUrl), account.cookie)
  return account.cookie
}

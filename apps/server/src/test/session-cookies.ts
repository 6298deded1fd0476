/**
 * Test clients sign in like a person would: the first account of a fresh database is its admin, who may do anything
 * in every network. The cookie is remembered per server (host:port), so providers and raw sockets opened against
 * that server send it unless a test passes its own (or `null`, to be a stranger).
 */
const cookies = new Map<string, string>()

export const TEST_ADMIN = { email: 'admin@tandem.test', password: 'correct horse battery', displayName: 'Test Admin' }

function hostOf(url: string): string {
  return new URL(url).host
}

export function cookieFor(url: string): string | undefined {
  return cookies.get(hostOf(url))
}

function sessionCookie(response: Response): string {
  const header = response.headers.getSetCookie().find((c) => c.startsWith('tandem_session='))
  if (!header) throw new Error(`no session cookie in the answer (${response.status})`)
  return header.split(';')[0]!
}

/** Signs the test admin up (or in, when the database has it already) and remembers the cookie for that server. */
export async function adminCookie(baseUrl: string, refresh = false): Promise<string> {
  const known = cookies.get(hostOf(baseUrl))
  if (known && !refresh) return known
  const post = (path: string, body: object) =>
    fetch(`${baseUrl}/api/auth/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  let response = await post('signup', TEST_ADMIN)
  if (response.status === 409) response = await post('login', { email: TEST_ADMIN.email, password: TEST_ADMIN.password })
  if (!response.ok) throw new Error(`signing the test admin in answered ${response.status}: ${await response.text()}`)
  const cookie = sessionCookie(response)
  cookies.set(hostOf(baseUrl), cookie)
  return cookie
}

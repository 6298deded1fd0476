import { dialectsUnderTest } from '@tandem/db/testing'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_PASSWORD, login, sessionHeaders, signUp } from '../../test/accounts.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'
import { sessionIdFromToken } from './session-token.ts'

describe.each(dialectsUnderTest())('what the logs never hold (%s)', (dialect) => {
  const lines: string[] = []
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) })
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer(dialect, {}, undefined, logger)
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  it('holds no password, email, session token or session id through sign-up, sign-in and sign-out', async () => {
    const email = 'Secret.Person@Tandem.test'
    const password = 'a very secret passphrase 42'
    const account = await signUp(server, { email, password, displayName: 'Secret Person' })
    const again = await login(server, { email, password })
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
    expect((await post('/auth/login', { email, password: `${password}!` })).status).toBe(401)
    expect((await post('/auth/signup', { email, password, displayName: 'Twin' })).status).toBe(409)
    expect((await post('/auth/signup', { email: 'broken', password: DEFAULT_PASSWORD, displayName: 'x' })).status).toBe(
      400,
    )
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: again.cookie } })).status).toBe(200)
    const patched = await fetch(`${server.url}/api/me`, {
      method: 'PATCH',
      headers: sessionHeaders(server, again.cookie, { 'content-type': 'application/json' }),
      body: JSON.stringify({ city: 'Beirut' }),
    })
    expect(patched.status).toBe(200)
    expect((await post('/auth/logout', {}, sessionHeaders(server, account.cookie))).status).toBe(204)
    expect((await post('/auth/logout-everywhere', {}, sessionHeaders(server, again.cookie))).status).toBe(204)

    const log = lines.join('')
    // The capture works: the request lines are there.
    expect(log).toContain('"path":"/api/auth/signup"')
    expect(log).toContain('"path":"/api/auth/login"')
    for (const secret of [password, email, email.toLowerCase(), 'broken']) expect(log).not.toContain(secret)
    for (const cookie of [account.cookie, again.cookie]) {
      const token = cookie.slice('tandem_session='.length)
      expect(log).not.toContain(token)
      expect(log).not.toContain(sessionIdFromToken(token))
    }
  })
})

import { dialectsUnderTest } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signUp, type SignedInAccount } from '../test/accounts.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'

describe.each(dialectsUnderTest())('the CSRF origin check (%s)', (dialect) => {
  let server: TestServer
  let account: SignedInAccount
  const patchMe = (headers: Record<string, string>, city = 'Sarajevo') =>
    fetch(`${server.url}/api/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ city }),
    })

  beforeAll(async () => {
    server = await startTestServer(dialect)
    account = await signUp(server, { city: 'Skopje' })
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  it('refuses a state-changing request with the cookie from another origin: 403, nothing changed', async () => {
    const response = await patchMe({ cookie: account.cookie, origin: 'https://evil.example' })
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ error: { code: 'forbidden', message: 'cross-origin request refused' } })
    const me = await (await fetch(`${server.url}/api/me`, { headers: { cookie: account.cookie } })).json()
    expect(me).toMatchObject({ user: { city: 'Skopje' } })
    const logout = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: account.cookie, origin: 'https://evil.example' },
    })
    expect(logout.status).toBe(403)
  })

  it('accepts the same request from the server’s own origin', async () => {
    const response = await patchMe({ cookie: account.cookie, origin: server.url }, 'Tirana')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ user: { city: 'Tirana' } })
  })

  it('falls back on the Referer when there is no Origin, and refuses when there is neither', async () => {
    expect((await patchMe({ cookie: account.cookie, referer: `${server.url}/ideas/1?x=y` })).status).toBe(200)
    expect((await patchMe({ cookie: account.cookie, referer: 'https://evil.example/page' })).status).toBe(403)
    expect((await patchMe({ cookie: account.cookie })).status).toBe(403)
    expect((await patchMe({ cookie: account.cookie, origin: 'null' })).status).toBe(403)
  })

  it('does not check requests without a cookie, nor reads', async () => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ email: account.email, password: account.password }),
    })
    expect(login.status).toBe(200)
    const read = await fetch(`${server.url}/api/me`, {
      headers: { cookie: account.cookie, origin: 'https://evil.example' },
    })
    expect(read.status).toBe(200)
    // Existing routes without cookies answer as before.
    expect(
      (await fetch(`${server.url}/api/networks`, { method: 'GET', headers: { origin: 'https://evil.example' } }))
        .status,
    ).toBe(200)
  })

  it('allows exactly ALLOWED_ORIGINS when set', async () => {
    const configured = await startTestServer(dialect, { ALLOWED_ORIGINS: ['https://tandem.example'] }, server.testDb)
    try {
      const patch = (origin: string) =>
        fetch(`${configured.url}/api/me`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', cookie: account.cookie, origin },
          body: '{}',
        })
      expect((await patch('https://tandem.example')).status).toBe(200)
      expect((await patch(configured.url)).status).toBe(403)
    } finally {
      await configured.close()
    }
  })
})

import { dialectsUnderTest } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_PASSWORD, login, sessionCookieOf, sessionHeaders, signUp, uniqueEmail } from '../../test/accounts.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'
import { sessionIdFromToken } from './session-token.ts'

const DAY = 24 * 60 * 60 * 1000

describe.each(dialectsUnderTest())('accounts and sessions (%s)', (dialect) => {
  let server: TestServer
  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api${path}`, init)
  const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    api(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
  const me = (cookie: string) => api('/me', { headers: { cookie } })
  const tokenOf = (cookie: string) => cookie.slice('tandem_session='.length)
  const sessionRow = (cookie: string) =>
    server.testDb.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', sessionIdFromToken(tokenOf(cookie)))
      .executeTakeFirst()

  beforeAll(async () => {
    server = await startTestServer(dialect)
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  it('makes the first account the admin and the second not', async () => {
    const first = await signUp(server, { email: 'First.Admin@Tandem.test', displayName: '  Amina  ' })
    expect(first.user).toEqual({
      id: expect.any(String),
      email: 'first.admin@tandem.test',
      displayName: 'Amina',
      organisation: null,
      city: null,
      country: null,
      languages: [],
      isAdmin: true,
    })
    const second = await signUp(server, {
      organisation: 'City of Tunis',
      city: 'Tunis',
      country: 'TN',
      languages: ['ar', 'fr'],
    })
    expect(second.user).toMatchObject({
      organisation: 'City of Tunis',
      city: 'Tunis',
      country: 'TN',
      languages: ['ar', 'fr'],
      isAdmin: false,
    })
    const row = await server.testDb.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', second.user.id)
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })

  it('signs up, reads /me, signs out, signs in again', async () => {
    const account = await signUp(server, { displayName: 'Kofi' })
    const read = await me(account.cookie)
    expect(read.status).toBe(200)
    expect(await read.json()).toEqual({ user: account.user, memberships: [], joinRequests: [] })

    const logout = await api('/auth/logout', { method: 'POST', headers: sessionHeaders(server, account.cookie) })
    expect(logout.status).toBe(204)
    expect(logout.headers.getSetCookie().join()).toMatch(/tandem_session=;.*Max-Age=0/)
    expect(await sessionRow(account.cookie)).toBeUndefined()
    expect((await me(account.cookie)).status).toBe(401)

    const again = await login(server, { email: account.email.toUpperCase() })
    expect(again.user).toEqual(account.user)
    expect(again.cookie).not.toBe(account.cookie)
    expect((await me(again.cookie)).status).toBe(200)
  })

  it('lists memberships in /me', async () => {
    const account = await signUp(server)
    const network = await server.testDb.db
      .selectFrom('networks')
      .select('id')
      .where('slug', '=', 'asia')
      .executeTakeFirstOrThrow()
    await server.testDb.db
      .insertInto('memberships')
      .values({ network_id: network.id, user_id: account.user.id, role: 'facilitator' })
      .execute()
    expect(await (await me(account.cookie)).json()).toMatchObject({
      memberships: [{ networkSlug: 'asia', role: 'facilitator' }],
    })
  })

  it('edits the profile with PATCH /me', async () => {
    const account = await signUp(server, { organisation: 'Old org', city: 'Accra' })
    const patch = (body: unknown) =>
      api('/me', {
        method: 'PATCH',
        headers: sessionHeaders(server, account.cookie, { 'content-type': 'application/json' }),
        body: JSON.stringify(body),
      })
    const response = await patch({
      displayName: 'Ama Mensah',
      organisation: '',
      country: 'GH',
      languages: ['en', 'tw'],
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      user: {
        ...account.user,
        displayName: 'Ama Mensah',
        organisation: null,
        city: 'Accra',
        country: 'GH',
        languages: ['en', 'tw'],
      },
    })
    const invalid = await patch({ displayName: '', languages: 'en' })
    expect(invalid.status).toBe(400)
    expect(await invalid.json()).toMatchObject({
      error: { code: 'validation_failed', fields: { displayName: expect.any(String), languages: expect.any(String) } },
    })
    expect((await patch({})).status).toBe(200)
    const signedOut = await api('/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"city":"Kumasi"}',
    })
    expect(signedOut.status).toBe(401)
  })

  it.each([
    ['a malformed email', { email: 'not-an-email', password: 'long enough password', displayName: 'X' }, ['email']],
    ['a short password', { email: 'short@tandem.test', password: 'short', displayName: 'X' }, ['password']],
    [
      'a password over 256 characters',
      { email: 'long@tandem.test', password: 'p'.repeat(257), displayName: 'X' },
      ['password'],
    ],
    [
      'an empty display name',
      { email: 'empty@tandem.test', password: 'long enough password', displayName: '   ' },
      ['displayName'],
    ],
    [
      'a display name over 100 characters',
      { email: 'n@tandem.test', password: 'long enough password', displayName: 'n'.repeat(101) },
      ['displayName'],
    ],
    ['nothing at all', {}, ['email', 'password', 'displayName']],
  ])('refuses a sign-up with %s: 400 naming the fields', async (_label, body, fields) => {
    const response = await postJson('/auth/signup', body)
    expect(response.status).toBe(400)
    const error = (await response.json()) as { error: { code: string; fields: Record<string, string> } }
    expect(error.error.code).toBe('validation_failed')
    expect(Object.keys(error.error.fields).sort()).toEqual([...fields].sort())
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('refuses a second account with the same email, whatever its case: 409', async () => {
    const account = await signUp(server)
    const response = await postJson('/auth/signup', {
      email: account.email.toUpperCase(),
      password: 'another password',
      displayName: 'Twin',
    })
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ error: { code: 'conflict', fields: { email: expect.any(String) } } })
  })

  it('answers 401 with one message for an unknown email and a wrong password', async () => {
    const account = await signUp(server)
    const unknown = await postJson('/auth/login', { email: uniqueEmail('nobody'), password: DEFAULT_PASSWORD })
    const wrong = await postJson('/auth/login', { email: account.email, password: 'not the password' })
    expect(unknown.status).toBe(401)
    expect(wrong.status).toBe(401)
    const [a, b] = [await unknown.json(), await wrong.json()]
    expect(a).toEqual(b)
    expect(a).toMatchObject({ error: { code: 'unauthenticated' } })
    expect(unknown.headers.getSetCookie()).toEqual([])
    expect((await postJson('/auth/login', { email: account.email })).status).toBe(400)
  })

  it('answers 401 to /me, logout and logout-everywhere when signed out', async () => {
    expect((await api('/me')).status).toBe(401)
    expect(await (await api('/me')).json()).toMatchObject({ error: { code: 'unauthenticated' } })
    expect((await api('/auth/logout', { method: 'POST' })).status).toBe(401)
    expect((await api('/auth/logout-everywhere', { method: 'POST' })).status).toBe(401)
    const bogus = sessionHeaders(server, 'tandem_session=abcdefghijklmnopqrstuvwxyz234567')
    const response = await api('/auth/logout', { method: 'POST', headers: bogus })
    expect(response.status).toBe(401)
    // The stale cookie is cleared.
    expect(response.headers.getSetCookie().join()).toMatch(/tandem_session=;.*Max-Age=0/)
  })

  it('sets the cookie HttpOnly, SameSite=Lax, Path=/ for 30 days; Secure only over https', async () => {
    const response = await postJson('/auth/signup', {
      email: uniqueEmail(),
      password: DEFAULT_PASSWORD,
      displayName: 'Cookie',
    })
    const [cookie] = response.headers.getSetCookie()
    expect(cookie).toMatch(/^tandem_session=[a-z2-7]{32};/)
    const attributes = cookie!.split(';').map((a) => a.trim())
    expect(attributes).toContain('HttpOnly')
    expect(attributes).toContain('SameSite=Lax')
    expect(attributes).toContain('Path=/')
    expect(attributes).not.toContain('Secure')
    const maxAge = Number(attributes.find((a) => a.startsWith('Max-Age='))!.slice('Max-Age='.length))
    expect(Math.abs(maxAge - 30 * 24 * 3600)).toBeLessThan(10)
    const expires = Date.parse(attributes.find((a) => a.startsWith('Expires='))!.slice('Expires='.length))
    expect(Math.abs(expires - (Date.now() + 30 * DAY))).toBeLessThan(10_000)

    const { user } = (await response.json()) as { user: { email: string } }
    const overHttps = await postJson(
      '/auth/login',
      { email: user.email, password: DEFAULT_PASSWORD },
      { 'x-forwarded-proto': 'https' },
    )
    expect(overHttps.status).toBe(200)
    expect(
      overHttps.headers
        .getSetCookie()[0]!
        .split(';')
        .map((a) => a.trim()),
    ).toContain('Secure')
  })

  it('stores only the SHA-256 of the token, expiring in 30 days', async () => {
    const account = await signUp(server)
    const row = await sessionRow(account.cookie)
    expect(row?.user_id).toBe(account.user.id)
    expect(row?.id).toMatch(/^[0-9a-f]{64}$/)
    expect(Math.abs(new Date(row!.expires_at).getTime() - (Date.now() + 30 * DAY))).toBeLessThan(10_000)
    const stored = await server.testDb.db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', tokenOf(account.cookie))
      .executeTakeFirst()
    expect(stored).toBeUndefined()
  })

  it('refuses an expired session with 401 and deletes it', async () => {
    const account = await signUp(server)
    const id = sessionIdFromToken(tokenOf(account.cookie))
    await server.testDb.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', id)
      .execute()
    const response = await me(account.cookie)
    expect(response.status).toBe(401)
    expect(await sessionRow(account.cookie)).toBeUndefined()
  })

  it('extends a session used in its last 15 days to 30 days and sends the cookie again', async () => {
    const account = await signUp(server)
    // Fresh: no cookie is sent again.
    expect((await me(account.cookie)).headers.getSetCookie()).toEqual([])

    const id = sessionIdFromToken(tokenOf(account.cookie))
    await server.testDb.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() + 10 * DAY) })
      .where('id', '=', id)
      .execute()
    const response = await me(account.cookie)
    expect(response.status).toBe(200)
    const [cookie] = response.headers.getSetCookie()
    expect(cookie?.split(';')[0]).toBe(account.cookie)
    expect(cookie).toMatch(/Max-Age=259\d{4}/)
    const row = await sessionRow(account.cookie)
    expect(Math.abs(new Date(row!.expires_at).getTime() - (Date.now() + 30 * DAY))).toBeLessThan(10_000)

    // 16 days left: not extended.
    await server.testDb.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() + 16 * DAY) })
      .where('id', '=', id)
      .execute()
    expect((await me(account.cookie)).headers.getSetCookie()).toEqual([])
  })

  it('signs out everywhere: every session of the user ends, other users keep theirs', async () => {
    const account = await signUp(server)
    const laptop = await login(server, { email: account.email })
    const phone = await login(server, { email: account.email })
    const someoneElse = await signUp(server)
    const response = await api('/auth/logout-everywhere', {
      method: 'POST',
      headers: sessionHeaders(server, phone.cookie),
    })
    expect(response.status).toBe(204)
    expect(response.headers.getSetCookie().join()).toMatch(/tandem_session=;/)
    for (const cookie of [account.cookie, laptop.cookie, phone.cookie]) expect((await me(cookie)).status).toBe(401)
    expect((await me(someoneElse.cookie)).status).toBe(200)
    const left = await server.testDb.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', account.user.id)
      .execute()
    expect(left).toEqual([])
  })

  it('signs in over a stale cookie with exactly one Set-Cookie: the new session', async () => {
    const account = await signUp(server)
    await api('/auth/logout', { method: 'POST', headers: sessionHeaders(server, account.cookie) })
    const response = await postJson(
      '/auth/login',
      { email: account.email, password: account.password },
      sessionHeaders(server, account.cookie),
    )
    expect(response.status).toBe(200)
    const cookies = response.headers.getSetCookie()
    expect(cookies).toHaveLength(1)
    expect(cookies[0]).toMatch(/^tandem_session=[a-z2-7]{32};/)
    expect((await me(cookies[0]!.split(';')[0]!)).status).toBe(200)
  })

  it('keeps the cookie from sign-up usable with sessionCookieOf', async () => {
    const response = await postJson('/auth/signup', {
      email: uniqueEmail(),
      password: DEFAULT_PASSWORD,
      displayName: 'Helper',
    })
    expect((await me(sessionCookieOf(response))).status).toBe(200)
  })
})

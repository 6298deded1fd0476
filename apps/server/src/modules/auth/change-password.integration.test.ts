import { dialectsUnderTest } from '@tandem/db/testing'
import { CloseCode } from '@tandem/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, sessionHeaders, signUp, type SignedInAccount } from '../../test/accounts.ts'
import { bodyText } from '../../test/editor-doc.ts'
import { connectProvider, eventually, text, waitForSync, type TestClient } from '../../test/providers.ts'
import { ManualClock } from '../../test/manual-clock.ts'
import { adminCookie } from '../../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'

const NEW_PASSWORD = 'a brand new passphrase'

/** POST /api/me/password: the current password is checked, other sessions end, this one stays. */
describe.each(dialectsUnderTest())('changing the password (%s)', (dialect) => {
  let server: TestServer
  let admin: string
  const clients: TestClient[] = []
  const clock = new ManualClock()

  beforeAll(async () => {
    server = await startTestServer(dialect, { authLimits: { now: () => clock.now() } })
    admin = await adminCookie(server.url)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api${path}`, init)
  const me = (cookie: string) => api('/me', { headers: { cookie } })
  const change = (cookie: string, body: unknown) =>
    api('/me/password', {
      method: 'POST',
      headers: sessionHeaders(server, cookie, { 'content-type': 'application/json' }),
      body: JSON.stringify(body),
    })
  const signIn = (email: string, password: string) =>
    api('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
  const passwordHash = async (account: SignedInAccount) =>
    (
      await server.testDb.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', account.user.id)
        .executeTakeFirstOrThrow()
    ).password_hash

  it('changes it: the new password signs in, the old does not; other sessions end, this one and other users stay', async () => {
    const account = await signUp(server)
    const laptop = await login(server, { email: account.email })
    const someoneElse = await signUp(server)

    const response = await change(account.cookie, { currentPassword: account.password, newPassword: NEW_PASSWORD })
    expect(response.status).toBe(204)

    expect((await me(account.cookie)).status).toBe(200)
    expect((await me(laptop.cookie)).status).toBe(401)
    expect((await me(someoneElse.cookie)).status).toBe(200)
    expect((await signIn(account.email, account.password)).status).toBe(401)
    expect((await signIn(account.email, NEW_PASSWORD)).status).toBe(200)
    expect(await passwordHash(account)).toMatch(/^\$argon2id\$/)
  })

  it('closes the other session’s collaboration socket with 4401 and keeps this session’s socket writing', async () => {
    const account = await signUp(server)
    const membership = await api('/networks/asia/members', {
      method: 'POST',
      headers: sessionHeaders(server, admin, { 'content-type': 'application/json' }),
      body: JSON.stringify({ email: account.email, role: 'member' }),
    })
    expect(membership.status).toBe(201)
    const idea = await server.createIdea('Password change')
    const phone = await login(server, { email: account.email })
    const here = connectProvider(server.wsUrl, idea.room, { cookie: account.cookie })
    const there = connectProvider(server.wsUrl, idea.room, { cookie: phone.cookie })
    const watcher = connectProvider(server.wsUrl, idea.room, { cookie: admin })
    clients.push(here, there, watcher)
    await Promise.all([waitForSync(here), waitForSync(there), waitForSync(watcher)])
    const closes = { here: [] as number[], there: [] as number[] }
    here.provider.on('connection-close', (event) => event && closes.here.push(event.code))
    there.provider.on('connection-close', (event) => event && closes.there.push(event.code))

    expect((await change(account.cookie, { currentPassword: account.password, newPassword: NEW_PASSWORD })).status).toBe(204)
    await eventually(() => closes.there.includes(CloseCode.UNAUTHENTICATED), 'the other session’s socket closed with 4401', 5_000)

    // This session's socket was checked again too, and is still open and allowed to write.
    bodyText(here.doc).insert(0, 'still here')
    await eventually(() => text(watcher) === 'still here', 'the edit of this session arrives')
    expect(closes.here).toEqual([])
    expect(here.provider.wsconnected).toBe(true)
  })

  it('refuses a wrong current password with 403 wrong_password and changes nothing', async () => {
    const account = await signUp(server)
    const phone = await login(server, { email: account.email })
    const before = await passwordHash(account)

    const response = await change(account.cookie, { currentPassword: 'not my password', newPassword: NEW_PASSWORD })
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({
      error: { code: 'wrong_password', message: expect.any(String), fields: { currentPassword: expect.any(String) } },
    })
    expect(await passwordHash(account)).toBe(before)
    expect((await me(phone.cookie)).status).toBe(200)
    expect((await signIn(account.email, account.password)).status).toBe(200)
  })

  it.each([
    ['a new password shorter than sign-up allows', { currentPassword: 'x', newPassword: 'short' }, ['newPassword']],
    ['a new password over 256 characters', { currentPassword: 'x', newPassword: 'p'.repeat(257) }, ['newPassword']],
    ['the same password again', { currentPassword: 'same old passphrase', newPassword: 'same old passphrase' }, ['newPassword']],
    ['no current password', { newPassword: NEW_PASSWORD }, ['currentPassword']],
    ['nothing at all', {}, ['currentPassword', 'newPassword']],
  ])('refuses %s: 400 naming the fields, nothing changed', async (_label, body, fields) => {
    const account = await signUp(server)
    const before = await passwordHash(account)
    const response = await change(account.cookie, body)
    expect(response.status).toBe(400)
    const answer = (await response.json()) as { error: { code: string; fields: Record<string, string> } }
    expect(answer.error.code).toBe('validation_failed')
    expect(Object.keys(answer.error.fields).sort()).toEqual([...fields].sort())
    expect(await passwordHash(account)).toBe(before)
  })

  it('answers 401 when signed out and 403 from another origin', async () => {
    const anonymous = await api('/me/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(server.url).origin },
      body: JSON.stringify({ currentPassword: 'x', newPassword: NEW_PASSWORD }),
    })
    expect(anonymous.status).toBe(401)
    const account = await signUp(server)
    const elsewhere = await api('/me/password', {
      method: 'POST',
      headers: { cookie: account.cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: account.password, newPassword: NEW_PASSWORD }),
    })
    expect(elsewhere.status).toBe(403)
    expect((await signIn(account.email, account.password)).status).toBe(200)
  })

  it('limits wrong current passwords like sign-in from this address: after 5, a wait, even for the right one', async () => {
    const account = await signUp(server)
    for (let i = 0; i < 5; i++) {
      expect((await change(account.cookie, { currentPassword: `wrong ${i}`, newPassword: NEW_PASSWORD })).status).toBe(403)
    }
    const limited = await change(account.cookie, { currentPassword: account.password, newPassword: NEW_PASSWORD })
    expect(limited.status).toBe(429)
    expect(await limited.json()).toMatchObject({
      error: { code: 'rate_limited', message: expect.any(String), fields: { email: expect.any(String) } },
    })
    expect(Number(limited.headers.get('retry-after'))).toBe(1)
    // The guesses count against the account's sign-in from this address too: the same password, guessed another way.
    const signInNow = await signIn(account.email, account.password)
    expect(signInNow.status).toBe(429)
    expect(((await signInNow.json()) as { error: { fields?: Record<string, string> } }).error.fields).toEqual({ email: expect.any(String) })
    // Another account is not held up.
    const other = await signUp(server)
    expect((await change(other.cookie, { currentPassword: other.password, newPassword: NEW_PASSWORD })).status).toBe(204)
    // The wait over, the right password works.
    clock.advance(1_000)
    expect((await change(account.cookie, { currentPassword: account.password, newPassword: NEW_PASSWORD })).status).toBe(204)
  })
})

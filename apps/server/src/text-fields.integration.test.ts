import { dialectsUnderTest } from '@tandem/db/testing'
import type { Idea } from '@tandem/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionHeaders, signUp, uniqueEmail, type SignedInAccount } from './test/accounts.ts'
import { adminCookie } from './test/session-cookies.ts'
import { startTestServer, type TestServer } from './test/test-server.ts'

/**
 * A NUL byte (U+0000) in any text field, body or path, is a 400 naming the field, before the database sees it:
 * PostgreSQL's text cannot hold one, and it used to answer 500. Nothing is stored.
 */
const NUL = '\u0000'

describe.each(dialectsUnderTest())('a NUL byte in a text field (%s)', (dialect) => {
  let server: TestServer
  let admin: string
  let person: SignedInAccount
  let idea: Idea

  beforeAll(async () => {
    server = await startTestServer(dialect)
    admin = await adminCookie(server.url)
    person = await signUp(server, { displayName: 'Nadia', city: 'Tunis' })
    idea = await server.createIdea('Rainwater tanks')
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  const send = (method: string, path: string, body?: unknown, cookie: string | null = admin) =>
    fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        ...(cookie ? sessionHeaders(server, cookie) : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  async function expectRefused(response: Response, field: string) {
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { code: string; fields?: Record<string, string> } }
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.fields?.[field]).toMatch(/NUL/)
  }

  const signup = (fields: Record<string, unknown>) => ({
    email: uniqueEmail(),
    password: 'correct horse battery staple',
    displayName: 'Someone',
    ...fields,
  })

  it.each([
    ['email', signup({ email: `nul${NUL}@tandem.test` }), 'email'],
    ['displayName', signup({ displayName: `Amina${NUL}` }), 'displayName'],
    ['organisation', signup({ organisation: `City${NUL}` }), 'organisation'],
    ['city', signup({ city: `Da${NUL}kar` }), 'city'],
    ['country', signup({ country: `${NUL}` }), 'country'],
    ['a language', signup({ languages: ['French', `Wol${NUL}of`] }), 'languages.1'],
  ])('sign-up: %s', async (_label, body, field) => {
    await expectRefused(await send('POST', '/auth/signup', body, null), field)
  })

  it('sign-in: email', async () => {
    await expectRefused(await send('POST', '/auth/login', { email: `${person.email}${NUL}`, password: 'x' }, null), 'email')
  })

  it.each([['displayName'], ['organisation'], ['city'], ['country']])('profile: %s, and the profile stays', async (field) => {
    await expectRefused(await send('PATCH', '/me', { [field]: `x${NUL}y` }, person.cookie), field)
    const me = (await (await send('GET', '/me', undefined, person.cookie)).json()) as { user: Record<string, unknown> }
    expect(me.user).toMatchObject({ displayName: 'Nadia', city: 'Tunis', organisation: null })
  })

  it.each([
    ['name', { slug: 'nul-network', name: `Net${NUL}`, region: 'Asia' }],
    ['region', { slug: 'nul-network', name: 'Net', region: `A${NUL}sia` }],
    ['slug', { slug: `nul${NUL}`, name: 'Net', region: 'Asia' }],
  ])('network: %s, and no network is made', async (field, body) => {
    await expectRefused(await send('POST', '/networks', body), field)
    const networks = (await (await send('GET', '/networks')).json()) as { slug: string }[]
    expect(networks.map((n) => n.slug)).not.toContain('nul-network')
  })

  it.each([['title'], ['summary']])('idea: %s, on create and on edit, and the idea stays', async (field) => {
    await expectRefused(await send('POST', '/networks/asia/ideas', { title: 'Fine', [field]: `a${NUL}b` }), field)
    await expectRefused(await send('PATCH', `/networks/asia/ideas/${idea.id}`, { [field]: `a${NUL}b` }), field)
    const stored = (await (await send('GET', `/networks/asia/ideas/${idea.id}`)).json()) as Idea
    expect(stored.title).toBe('Rainwater tanks')
    expect(stored.summary).toBe('')
  })

  it('snapshot: label', async () => {
    await expectRefused(await send('POST', `/networks/asia/ideas/${idea.id}/snapshots`, { label: `v1${NUL}` }), 'label')
  })

  it('memberships: a join request message, a member email, an invitation email', async () => {
    await expectRefused(await send('POST', '/networks/asia/join-requests', { message: `hi${NUL}` }, person.cookie), 'message')
    await expectRefused(await send('POST', '/networks/asia/members', { email: `${person.email}${NUL}`, role: 'member' }), 'email')
    await expectRefused(await send('POST', '/networks/asia/invitations', { role: 'member', email: `a${NUL}@b.test` }), 'email')
  })

  it.each([
    ['slug', 'GET', '/networks/as%00ia/ideas'],
    ['id', 'GET', '/networks/asia/ideas/%00'],
    ['snapshotId', 'GET', () => `/networks/asia/ideas/${idea.id}/snapshots/%00`],
    ['userId', 'DELETE', '/networks/asia/members/%00'],
    ['id', 'POST', '/networks/asia/join-requests/%00/reject'],
    ['token', 'POST', '/invitations/%00/accept'],
  ])('a path parameter: %s (%s)', async (field, method, path) => {
    await expectRefused(await send(method, typeof path === 'function' ? path() : path), field)
  })
})

import { dialectsUnderTest } from '@tandem/db/testing'
import { CloseCode } from '@tandem/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeUpdate } from '../../collab/protocol.ts'
import { eventually } from '../../test/providers.ts'
import { paragraphDoc, paragraphTexts } from '../../test/editor-doc.ts'
import { rawSocket } from '../../test/raw-socket.ts'
import { adminCookie } from '../../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'

type Persona = 'anonymous' | 'observer' | 'member' | 'facilitator' | 'outsider' | 'admin'
const personas: Persona[] = ['anonymous', 'observer', 'member', 'facilitator', 'outsider', 'admin']

interface Fixture {
  ideaId: string
  snapshotId: string
  userId: string
  email: string
  requestId: string
  token: string
}

interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** The OpenAPI path, so every documented route must have its row. */
  path: string
  /** The concrete URL, given the fixtures made for this cell. */
  url?: (f: Fixture) => string
  body?: (f: Fixture) => unknown
  /** A Server-Sent Events stream: on 200 only the status and type are read, then the stream is dropped. */
  stream?: boolean
  expect: Record<Persona, number>
}

const all = (status: number): Record<Persona, number> =>
  Object.fromEntries(personas.map((p) => [p, status])) as Record<Persona, number>
const readers = { anonymous: 401, observer: 200, member: 200, facilitator: 200, outsider: 403, admin: 200 }
const editors = (ok: number) => ({ anonymous: 401, observer: 403, member: ok, facilitator: ok, outsider: 403, admin: ok })
const facilitators = (ok: number) => ({ anonymous: 401, observer: 403, member: 403, facilitator: ok, outsider: 403, admin: ok })
const idea = (f: Fixture) => `/api/networks/asia/ideas/${f.ideaId}`

/** Every route of the API and what each persona gets. A route without a row fails the coverage test below. */
const matrix: Row[] = [
  { method: 'GET', path: '/health', expect: all(200) },
  { method: 'GET', path: '/networks', expect: all(200) },
  { method: 'POST', path: '/networks', body: () => ({ slug: `n-${crypto.randomUUID().slice(0, 8)}`, name: 'New', region: 'Europe' }), expect: { ...facilitators(403), admin: 201 } },
  { method: 'POST', path: '/auth/signup', body: () => ({ email: `new-${crypto.randomUUID().slice(0, 8)}@tandem.test`, password: 'a long enough password', displayName: 'New' }), expect: all(201) },
  // An unknown email of its own per cell: 6 failures for one account from one address would start its wait (429).
  { method: 'POST', path: '/auth/login', body: (f) => ({ email: `nobody-${f.userId}@tandem.test`, password: 'not the password' }), expect: all(401) },
  { method: 'GET', path: '/me', expect: { ...all(200), anonymous: 401 } },
  { method: 'PATCH', path: '/me', body: () => ({ city: 'Kisumu' }), expect: { ...all(200), anonymous: 401 } },
  { method: 'POST', path: '/me/password', body: () => ({ currentPassword: 'not the password', newPassword: 'a new long password' }), expect: { ...all(403), anonymous: 401 } },
  { method: 'POST', path: '/auth/logout', expect: { ...all(204), anonymous: 401 } },
  { method: 'POST', path: '/auth/logout-everywhere', expect: { ...all(204), anonymous: 401 } },
  { method: 'GET', path: '/networks/{slug}/ideas', url: () => '/api/networks/asia/ideas', expect: readers },
  { method: 'POST', path: '/networks/{slug}/ideas', url: () => '/api/networks/asia/ideas', body: () => ({ title: 'Cell idea' }), expect: editors(201) },
  { method: 'GET', path: '/networks/{slug}/ideas/{id}', url: idea, expect: readers },
  { method: 'PATCH', path: '/networks/{slug}/ideas/{id}', url: idea, body: () => ({ status: 'draft' }), expect: editors(200) },
  { method: 'DELETE', path: '/networks/{slug}/ideas/{id}', url: idea, expect: facilitators(204) },
  { method: 'GET', path: '/networks/{slug}/ideas/{id}/export.docx', url: (f) => `${idea(f)}/export.docx`, expect: readers },
  { method: 'GET', path: '/networks/{slug}/presence', url: () => '/api/networks/asia/presence', stream: true, expect: readers },
  { method: 'GET', path: '/networks/{slug}/ideas/{id}/status-history', url: (f) => `${idea(f)}/status-history`, expect: readers },
  { method: 'GET', path: '/networks/{slug}/ideas/{id}/snapshots', url: (f) => `${idea(f)}/snapshots`, expect: readers },
  { method: 'POST', path: '/networks/{slug}/ideas/{id}/snapshots', url: (f) => `${idea(f)}/snapshots`, body: () => ({ label: 'Workshop' }), expect: editors(201) },
  { method: 'GET', path: '/networks/{slug}/ideas/{id}/snapshots/{snapshotId}', url: (f) => `${idea(f)}/snapshots/${f.snapshotId}`, expect: readers },
  { method: 'POST', path: '/networks/{slug}/ideas/{id}/snapshots/{snapshotId}/restore', url: (f) => `${idea(f)}/snapshots/${f.snapshotId}/restore`, expect: facilitators(200) },
  { method: 'POST', path: '/networks/{slug}/ideas/{id}/repair', url: (f) => `${idea(f)}/repair`, expect: facilitators(200) },
  { method: 'GET', path: '/networks/{slug}/members', url: () => '/api/networks/asia/members', expect: readers },
  { method: 'POST', path: '/networks/{slug}/members', url: () => '/api/networks/asia/members', body: (f) => ({ email: f.email, role: 'member' }), expect: facilitators(201) },
  { method: 'PATCH', path: '/networks/{slug}/members/{userId}', url: (f) => `/api/networks/asia/members/${f.userId}`, body: () => ({ role: 'observer' }), expect: facilitators(200) },
  { method: 'DELETE', path: '/networks/{slug}/members/{userId}', url: (f) => `/api/networks/asia/members/${f.userId}`, expect: facilitators(204) },
  { method: 'POST', path: '/networks/{slug}/join-requests', url: () => '/api/networks/asia/join-requests', body: () => ({}), expect: { anonymous: 401, observer: 409, member: 409, facilitator: 409, outsider: 201, admin: 201 } },
  { method: 'GET', path: '/networks/{slug}/join-requests', url: () => '/api/networks/asia/join-requests', expect: facilitators(200) },
  { method: 'POST', path: '/networks/{slug}/join-requests/{id}/approve', url: (f) => `/api/networks/asia/join-requests/${f.requestId}/approve`, body: () => ({ role: 'member' }), expect: facilitators(200) },
  { method: 'POST', path: '/networks/{slug}/join-requests/{id}/reject', url: (f) => `/api/networks/asia/join-requests/${f.requestId}/reject`, expect: facilitators(200) },
  { method: 'POST', path: '/networks/{slug}/invitations', url: () => '/api/networks/asia/invitations', body: () => ({ role: 'member' }), expect: facilitators(201) },
  { method: 'GET', path: '/invitations/{token}', url: (f) => `/api/invitations/${f.token}`, expect: all(200) },
  { method: 'POST', path: '/invitations/{token}/accept', url: (f) => `/api/invitations/${f.token}/accept`, expect: { ...all(200), anonymous: 401 } },
]

describe.each(dialectsUnderTest())('authorization matrix (%s)', (dialect) => {
  let server: TestServer
  const cookies = {} as Record<Persona, string | null>
  let admin: string

  async function call(method: string, url: string, cookie: string | null, body?: unknown) {
    return fetch(`${server.url}${url}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie, origin: server.url } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  }
  async function ok<T>(method: string, url: string, cookie: string | null, body?: unknown): Promise<T> {
    const response = await call(method, url, cookie, body)
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`)
    return (response.status === 204 ? undefined : await response.json()) as T
  }
  async function signUp(name: string): Promise<{ cookie: string; id: string; email: string }> {
    const email = `${name}-${crypto.randomUUID().slice(0, 8)}@tandem.test`
    const response = await call('POST', '/api/auth/signup', null, { email, password: 'a long enough password', displayName: name })
    if (response.status !== 201) throw new Error(`signup answered ${response.status}`)
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tandem_session='))!.split(';')[0]!
    const { user } = (await response.json()) as { user: { id: string } }
    return { cookie, id: user.id, email }
  }
  async function persona(role: 'observer' | 'member' | 'facilitator', network = 'asia') {
    const account = await signUp(role)
    await ok('POST', `/api/networks/${network}/members`, admin, { email: account.email, role })
    return account
  }
  /** Fresh objects for one cell, so destructive calls never affect another cell. */
  async function fixture(): Promise<Fixture> {
    const member = await signUp('target')
    await ok('POST', '/api/networks/asia/members', admin, { email: member.email, role: 'member' })
    const stranger = await signUp('applicant')
    const request = await ok<{ id: string }>('POST', '/api/networks/asia/join-requests', stranger.cookie, {})
    const created = await ok<{ id: string }>('POST', '/api/networks/asia/ideas', admin, { title: 'Fixture idea' })
    const snapshot = await ok<{ id: string }>('POST', `/api/networks/asia/ideas/${created.id}/snapshots`, admin, { label: 'v1' })
    // Another network's invitation: accepting it must not change anyone's standing in asia, where the matrix runs.
    const invitation = await ok<{ token: string }>('POST', '/api/networks/south-east-europe/invitations', admin, { role: 'member' })
    const newcomer = await signUp('newcomer')
    return { ideaId: created.id, snapshotId: snapshot.id, userId: member.id, email: newcomer.email, requestId: request.id, token: invitation.token }
  }

  beforeAll(async () => {
    server = await startTestServer(dialect)
    admin = await adminCookie(server.url)
    cookies.admin = await adminCookie(server.url)
    cookies.anonymous = null
    cookies.observer = (await persona('observer')).cookie
    cookies.member = (await persona('member')).cookie
    cookies.facilitator = (await persona('facilitator')).cookie
    cookies.outsider = (await persona('member', 'latin-america')).cookie
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  it('has a row for every route the API documents', async () => {
    const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> }
    const documented = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    const covered = new Set(matrix.map((row) => `${row.method} ${row.path}`))
    expect(documented.filter((route) => !covered.has(route))).toEqual([])
  })

  for (const row of matrix) {
    for (const who of personas) {
      it(`${row.method} ${row.path} as ${who} → ${row.expect[who]}`, async () => {
        const f = await fixture()
        // Sign-out rows sign out a session of its own, not the persona's shared one.
        const isSignOut = row.path.startsWith('/auth/logout')
        const cookie = isSignOut && who !== 'anonymous' ? await freshSession(who) : cookies[who]
        const response = await call(row.method, row.url?.(f) ?? `/api${row.path}`, cookie, row.body?.(f))
        if (isSignOut && who === 'admin') admin = cookies.admin = await adminCookie(server.url, true) // signed out everywhere
        if (row.stream && response.status === 200) {
          expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
          await response.body?.cancel()
          expect(row.expect[who]).toBe(200)
          return
        }
        expect(response.status, await response.clone().text()).toBe(row.expect[who])
        if (response.status >= 400) {
          expect(await response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } })
        }
      })
    }
  }

  async function freshSession(who: Persona): Promise<string> {
    if (who === 'admin') return adminCookie(server.url, true)
    const account = await signUp(who)
    if (who === 'outsider') return account.cookie
    await ok('POST', '/api/networks/asia/members', admin, { email: account.email, role: who })
    return account.cookie
  }

  const roomExpectations: Record<Persona, 'write' | 'read' | number> = {
    anonymous: CloseCode.UNAUTHENTICATED,
    observer: 'read',
    member: 'write',
    facilitator: 'write',
    outsider: CloseCode.FORBIDDEN,
    admin: 'write',
  }
  for (const who of personas) {
    it(`room join as ${who} → ${roomExpectations[who]}`, async () => {
      const created = await ok<{ id: string; room: string }>('POST', '/api/networks/asia/ideas', admin, { title: 'Room cell' })
      const raw = rawSocket(`${server.wsUrl}/${created.room}`, { cookie: cookies[who] })
      const expected = roomExpectations[who]
      if (typeof expected === 'number') {
        expect((await raw.closed).code).toBe(expected)
        return
      }
      await raw.opened
      const doc = paragraphDoc(who)
      raw.send(encodeUpdate(Y.encodeStateAsUpdate(doc)))
      // A writer's update reaches the room; an observer's is dropped and the socket stays open.
      const room = () => server.collab.registry.get(created.id)
      if (expected === 'write') await eventually(() => room() !== undefined && paragraphTexts(room()!.doc).includes(who), 'applied')
      else {
        await eventually(() => room() !== undefined && room()!.connections.size === 1, 'joined')
        await new Promise((r) => setTimeout(r, 150))
        expect(paragraphTexts(room()!.doc)).not.toContain(who)
        expect(raw.socket.readyState).toBe(raw.socket.OPEN)
      }
      raw.socket.close()
    })
  }
})

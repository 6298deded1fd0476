import { dialectsUnderTest } from '@tandem/db/testing'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionHeaders, signUp, type SignedInAccount } from '../../test/accounts.ts'
import { adminCookie } from '../../test/session-cookies.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'

const PAGE = '<!doctype html><head><title>Tandem</title></head><div id="root"></div>'

describe.each(dialectsUnderTest())('the status of the app’s pages (%s)', (dialect) => {
  let server: TestServer
  let dist: string
  let admin: string
  let member: SignedInAccount
  let outsider: SignedInAccount
  let ideaId: string
  const missingId = '0b0e4a36-52cf-4c7e-9f0e-1b2c3d4e5f60'

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'tandem-page-status-'))
    writeFileSync(path.join(dist, 'index.html'), PAGE)
    server = await startTestServer(dialect, { webDistDir: dist })
    admin = await adminCookie(server.url)
    member = await signUp(server)
    outsider = await signUp(server)
    await fetch(`${server.url}/api/networks/asia/members`, {
      method: 'POST',
      headers: sessionHeaders(server, admin, { 'content-type': 'application/json' }),
      body: JSON.stringify({ email: member.email, role: 'observer' }),
    })
    ideaId = (await server.createIdea('Rain gardens')).id
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
    rmSync(dist, { recursive: true, force: true })
  })

  /** The page at `target` as a browser asks for it: its status, and that it is the app's page either way. */
  async function page(target: string, cookie: string | null = null): Promise<number> {
    const response = await fetch(`${server.url}${target}`, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } })
    expect(await response.text(), target).toContain('<div id="root">')
    expect(response.headers.get('content-type'), target).toMatch(/^text\/html/)
    return response.status
  }

  it('answers 200 for the app’s screens and 404, with the same page, for anything else', async () => {
    for (const target of ['/', '/signin', '/signup', '/profile', '/networks', '/networks/', '/networks/asia', '/networks/asia/manage']) {
      expect(await page(target), target).toBe(200)
    }
    for (const target of ['/nowhere', '/networks/asia/somewhere', '/networks/asia/ideas', '/signin/again', '/networks//ideas/x', '/%E0%A4%A']) {
      expect(await page(target), target).toBe(404)
    }
  })

  it('answers 404 for a network that does not exist, to anyone', async () => {
    for (const cookie of [null, outsider.cookie, admin]) {
      expect(await page('/networks/atlantis', cookie)).toBe(404)
      expect(await page('/networks/atlantis/manage', cookie)).toBe(404)
      expect(await page(`/networks/atlantis/ideas/${ideaId}`, cookie)).toBe(404)
    }
  })

  it('tells a reader of the network whether the idea exists: 200, or 404', async () => {
    for (const cookie of [member.cookie, admin]) {
      expect(await page(`/networks/asia/ideas/${ideaId}`, cookie)).toBe(200)
      expect(await page(`/networks/asia/ideas/${ideaId}/history`, cookie)).toBe(200)
      expect(await page(`/networks/asia/ideas/${missingId}`, cookie)).toBe(404)
      expect(await page(`/networks/asia/ideas/${missingId}/history`, cookie)).toBe(404)
      expect(await page('/networks/asia/ideas/not-an-id', cookie)).toBe(404)
      // An idea of another network is not found in this one.
      expect(await page(`/networks/latin-america/ideas/${ideaId}`, cookie === admin ? admin : member.cookie)).toBe(cookie === admin ? 404 : 200)
    }
  })

  it('answers a stranger the same for an idea that exists and one that does not', async () => {
    for (const cookie of [null, outsider.cookie, 'tandem_session=not-a-session']) {
      const existing = await page(`/networks/asia/ideas/${ideaId}`, cookie)
      const missing = await page(`/networks/asia/ideas/${missingId}`, cookie)
      const malformed = await page('/networks/asia/ideas/not-an-id', cookie)
      expect([existing, missing, malformed], String(cookie)).toEqual([200, 200, 200])
    }
  })

  it('answers an invitation’s page as its API does: 200, 404 unknown, 410 used', async () => {
    const invite = async () =>
      ((await (
        await fetch(`${server.url}/api/networks/asia/invitations`, {
          method: 'POST',
          headers: sessionHeaders(server, admin, { 'content-type': 'application/json' }),
          body: JSON.stringify({ role: 'member' }),
        })
      ).json()) as { token: string }).token
    const open = await invite()
    expect(await page(`/invitations/${open}`)).toBe(200)
    expect(await page('/invitations/no-such-token')).toBe(404)
    const used = await invite()
    const newcomer = await signUp(server)
    await fetch(`${server.url}/api/invitations/${used}/accept`, { method: 'POST', headers: sessionHeaders(server, newcomer.cookie) })
    expect(await page(`/invitations/${used}`)).toBe(410)
  })
})

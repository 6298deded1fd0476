import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_PASSWORD, uniqueEmail } from '../test/accounts.ts'
import { requestFrom } from '../test/request-from.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'
import type { TrustProxy } from './client-address.ts'

/**
 * Whose address the per-address limits key on, seen through the sign-in backoff of a real server (5 tries, then a
 * wait, per address and account): X-Forwarded-For is believed only as far as TRUST_PROXY says. The embedded
 * database only: nothing here depends on the database.
 */
describe('the client address behind TRUST_PROXY', () => {
  const servers = new Map<string, TestServer>()
  const modes: [string, TrustProxy | undefined][] = [
    ['unset', undefined],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['loopback', ['loopback']],
  ]

  beforeAll(async () => {
    for (const [name, trust] of modes) servers.set(name, await startTestServer('pglite', trust === undefined ? {} : { TRUST_PROXY: trust }))
  }, 120_000)
  afterAll(async () => {
    for (const server of servers.values()) {
      await server.close()
      await server.testDb.destroy()
    }
  })

  /** A new account on `mode`'s server, then 5 wrong passwords with `forwardedFor`: its budget from that client. */
  async function exhaust(mode: string, forwardedFor: string) {
    const server = servers.get(mode)!
    const email = uniqueEmail()
    const signedUp = await requestFrom('127.0.0.1', `${server.url}/api/auth/signup`, 'POST', {
      email,
      password: DEFAULT_PASSWORD,
      displayName: 'Owner',
    })
    expect(signedUp.status).toBe(201)
    const attempt = (xff: string | null, password = 'wrong', from = '127.0.0.1') =>
      requestFrom(from, `${server.url}/api/auth/login`, 'POST', { email, password }, xff ? { 'x-forwarded-for': xff } : {})
    for (let i = 0; i < 5; i++) expect((await attempt(forwardedFor)).status).toBe(401)
    return attempt
  }

  it.each([['unset'], ['false']])('%s: X-Forwarded-For is ignored, the socket is the client', async (mode) => {
    const attempt = await exhaust(mode, '203.0.113.1')
    // Another forwarded address from the same socket is the same client: it waits.
    const other = await attempt('198.51.100.2')
    expect(other.status).toBe(429)
    expect(other.body.error.fields).toEqual({ email: expect.any(String) })
    expect((await attempt(null)).status).toBe(429)
    // Another socket address is another client.
    expect((await attempt(null, DEFAULT_PASSWORD, '127.0.0.2')).status).toBe(200)
  })

  it.each([['true'], ['loopback']])('%s: the forwarded client is the client', async (mode) => {
    const attempt = await exhaust(mode, '203.0.113.1')
    expect((await attempt('203.0.113.1')).status).toBe(429)
    expect((await attempt('198.51.100.2', DEFAULT_PASSWORD)).status).toBe(200)
  })

  it('1: only the address the one proxy saw counts; what the client wrote before it is ignored', async () => {
    const attempt = await exhaust('1', 'spoofed-1, 203.0.113.7')
    // The client made up another leftmost address; the proxy's own entry (rightmost) is the same: it waits.
    expect((await attempt('10.9.8.7, 203.0.113.7', DEFAULT_PASSWORD)).status).toBe(429)
    expect((await attempt('203.0.113.7', DEFAULT_PASSWORD)).status).toBe(429)
    expect((await attempt('203.0.113.7, 198.51.100.2', DEFAULT_PASSWORD)).status).toBe(200)
  })
})

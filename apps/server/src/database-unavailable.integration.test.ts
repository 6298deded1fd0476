import { createDb, type Db } from '@tandem/db'
import { dialectsUnderTest, openKillablePGlite, openTestDb, type TestDb } from '@tandem/db/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from './server.ts'
import { DEFAULT_PASSWORD, sessionHeaders, uniqueEmail } from './test/accounts.ts'
import { adminCookie } from './test/session-cookies.ts'
import { startTcpProxy, type TcpProxy } from './test/tcp-proxy.ts'
import { testLogger, testServerConfig } from './test/test-server.ts'

/**
 * While the database is out of reach, the REST API answers 503 with Retry-After (come back shortly), not 500: for
 * PGlite its thread ended (the embedded database crashed), for PostgreSQL the network to it cut for real through a
 * TCP proxy. When PostgreSQL is back, the same requests work again.
 */
interface Outage {
  server: RunningServer
  cut(): Promise<void>
  restore?(): void
  close(): Promise<void>
}

async function pgliteOutage(): Promise<Outage> {
  const db = await openKillablePGlite()
  const server = await startServer(testServerConfig(), testLogger, db)
  return {
    server,
    cut: () => db.endThread(),
    async close() {
      await server.close()
      await db.destroy()
    },
  }
}

async function postgresOutage(): Promise<Outage> {
  const testDb: TestDb = await openTestDb('postgres')
  const target = new URL(testDb.url!)
  const proxy: TcpProxy = await startTcpProxy(Number(target.port || 5432), target.hostname)
  const proxied = new URL(target)
  proxied.hostname = '127.0.0.1'
  proxied.port = String(proxy.port)
  const db: Db = await createDb({ databaseUrl: proxied.toString(), onPoolError: () => {} })
  const server = await startServer(testServerConfig({ DATABASE_URL: proxied.toString() }), testLogger, db)
  return {
    server,
    cut: async () => proxy.cut(),
    restore: () => proxy.restore(),
    async close() {
      proxy.restore()
      await server.close()
      await db.close()
      await proxy.close()
      await testDb.destroy()
    },
  }
}

describe.each(dialectsUnderTest())('REST during a database outage (%s)', (dialect) => {
  let outage: Outage | undefined
  afterAll(async () => {
    await outage?.close()
  })

  it('answers 503 with Retry-After, and works again when the database is back', async () => {
    outage = dialect === 'pglite' ? await pgliteOutage() : await postgresOutage()
    const { server } = outage
    const admin = await adminCookie(server.url, true)
    const requests: [string, () => Promise<Response>][] = [
      ['the network list', () => fetch(`${server.url}/api/networks`)],
      ['a signed-in read', () => fetch(`${server.url}/api/me`, { headers: { cookie: admin } })],
      [
        'an idea created',
        () =>
          fetch(`${server.url}/api/networks/asia/ideas`, {
            method: 'POST',
            headers: sessionHeaders(server, admin, { 'content-type': 'application/json' }),
            body: JSON.stringify({ title: 'During the outage' }),
          }),
      ],
      [
        'a sign-in',
        () =>
          fetch(`${server.url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: uniqueEmail(), password: DEFAULT_PASSWORD }),
          }),
      ],
    ]
    expect((await requests[0]![1]()).status).toBe(200)

    await outage.cut()
    for (const [label, request] of requests) {
      const response = await request()
      expect(response.status, label).toBe(503)
      expect(Number(response.headers.get('retry-after')), label).toBeGreaterThanOrEqual(1)
      expect(await response.json(), label).toEqual({
        error: { code: 'service_unavailable', message: expect.any(String) },
      })
    }

    if (!outage.restore) return // an embedded database whose thread ended stays down until the process restarts
    outage.restore()
    const back = async () => (await requests[0]![1]()).status
    const deadline = Date.now() + 15_000
    while ((await back()) !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    expect(await back()).toBe(200)
    expect((await requests[1]![1]()).status).toBe(200)
  }, 60_000)
})

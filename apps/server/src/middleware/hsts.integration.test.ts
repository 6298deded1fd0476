import { serve, type HttpBindings } from '@hono/node-server'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { get as httpsGet, createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../test/test-server.ts'
import { clientAddress } from './client-address.ts'
import { HSTS, securityHeaders } from './security-headers.ts'

/**
 * Strict-Transport-Security goes only on answers to requests that came over https: on a TLS socket, or through a
 * proxy that TRUST_PROXY trusts and that says so in X-Forwarded-Proto. A plain-http answer must not carry it, and
 * anyone can write X-Forwarded-Proto.
 */
describe('Strict-Transport-Security', () => {
  let direct: TestServer
  let proxied: TestServer

  beforeAll(async () => {
    direct = await startTestServer('pglite')
    proxied = await startTestServer('pglite', { TRUST_PROXY: ['loopback'] })
  }, 60_000)
  afterAll(async () => {
    for (const server of [direct, proxied]) {
      await server?.close()
      await server?.testDb.destroy()
    }
  })

  const hsts = async (server: TestServer, headers: Record<string, string> = {}) =>
    (await fetch(`${server.url}/api/networks`, { headers })).headers.get('strict-transport-security')

  it('is not sent over plain http, whatever X-Forwarded-Proto says when no proxy is trusted', async () => {
    expect(await hsts(direct)).toBeNull()
    expect(await hsts(direct, { 'x-forwarded-proto': 'https' })).toBeNull()
  })

  it('is sent when a trusted proxy says the request came over https', async () => {
    expect(await hsts(proxied, { 'x-forwarded-proto': 'https' })).toBe(HSTS)
    expect(await hsts(proxied, { 'x-forwarded-proto': 'https, http' })).toBe(HSTS)
    expect(await hsts(proxied, { 'x-forwarded-proto': 'http' })).toBeNull()
    expect(await hsts(proxied)).toBeNull()
    // On every kind of answer: a page, an error.
    const page = await fetch(`${proxied.url}/`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(page.headers.get('strict-transport-security')).toBe(HSTS)
    const error = await fetch(`${proxied.url}/api/me`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(error.status).toBe(401)
    expect(error.headers.get('strict-transport-security')).toBe(HSTS)
  })

  it('is sent on a TLS socket', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-tls-'))
    try {
      const key = path.join(dir, 'key.pem')
      const cert = path.join(dir, 'cert.pem')
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' })
      // The same two middlewares the app mounts first and around everything, on an https server.
      const app = new Hono<{ Bindings: HttpBindings }>().use(clientAddress(false)).use(securityHeaders()).get('/', (c) => c.text('ok'))
      const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const s = serve(
          { fetch: app.fetch, port: 0, hostname: '127.0.0.1', createServer: createHttpsServer, serverOptions: { key: readFileSync(key), cert: readFileSync(cert) } },
          () => resolve(s),
        )
      })
      try {
        const { port } = server.address() as AddressInfo
        const header = await new Promise<string | string[] | undefined>((resolve, reject) => {
          httpsGet(`https://127.0.0.1:${port}/`, { ca: readFileSync(cert) }, (res) => {
            res.resume()
            resolve(res.headers['strict-transport-security'])
          }).on('error', reject)
        })
        expect(header).toBe(HSTS)
      } finally {
        server.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

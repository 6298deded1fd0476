import { dialectsUnderTest } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../test/test-server.ts'

describe.each(dialectsUnderTest())('security headers (%s)', (dialect) => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer(dialect)
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  it.each([
    ['a JSON answer', '/api/networks', 200],
    ['an error', '/api/me', 401],
    ['an unknown route', '/api/nothing-here', 404],
    ['the root page', '/', 200],
    ['the OpenAPI document', '/api/openapi.json', 200],
  ])('are on %s', async (_label, path, status) => {
    const response = await fetch(`${server.url}${path}`)
    expect(response.status).toBe(status)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
  })

  it('serve the API reference from our own origin: scripts from self only, nothing inline', async () => {
    const response = await fetch(`${server.url}/api/docs`)
    expect(response.status).toBe(200)
    const html = await response.text()
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    expect(csp).not.toContain('https:')
    expect(csp).toContain("frame-ancestors 'none'")
    expect([...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)]).toHaveLength(0)
    for (const src of [...html.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((m) => m[1]!)) {
      expect((await fetch(`${server.url}${src}`)).status, src).toBe(200)
    }
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

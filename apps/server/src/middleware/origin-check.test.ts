import { describe, expect, it } from 'vitest'
import { OriginPolicy } from './origin-check.ts'

describe('OriginPolicy.isAllowedOrigin', () => {
  const url = 'http://tandem.example:3000/api/me'

  it('by default allows the server’s own origin (and its https form, for a TLS proxy) only', () => {
    const policy = new OriginPolicy({ NODE_ENV: 'production' })
    expect(policy.isAllowedOrigin('http://tandem.example:3000', url)).toBe(true)
    expect(policy.isAllowedOrigin('HTTP://Tandem.Example:3000', url)).toBe(true)
    expect(policy.isAllowedOrigin('https://tandem.example:3000', url)).toBe(true)
    expect(policy.isAllowedOrigin('http://tandem.example:3001', url)).toBe(false)
    expect(policy.isAllowedOrigin('http://evil.example', url)).toBe(false)
    expect(policy.isAllowedOrigin('http://tandem.example.evil.example:3000', url)).toBe(false)
    expect(policy.isAllowedOrigin('http://localhost:5173', url)).toBe(false)
    expect(policy.isAllowedOrigin('http://tandem.example', 'https://tandem.example/api/me')).toBe(false)
  })

  it('refuses a missing, opaque or non-http origin', () => {
    const policy = new OriginPolicy({ NODE_ENV: 'development' })
    for (const origin of [null, undefined, '', 'null', 'file://', 'chrome-extension://abc', 'not a url']) {
      expect(policy.isAllowedOrigin(origin, url)).toBe(false)
    }
  })

  it('allows http://localhost and http://127.0.0.1 on any port in development and test', () => {
    for (const NODE_ENV of ['development', 'test'] as const) {
      const policy = new OriginPolicy({ NODE_ENV })
      expect(policy.isAllowedOrigin('http://localhost:5173', url)).toBe(true)
      expect(policy.isAllowedOrigin('http://127.0.0.1:4000', url)).toBe(true)
      expect(policy.isAllowedOrigin('http://localhost', url)).toBe(true)
      expect(policy.isAllowedOrigin('https://localhost.evil.example', url)).toBe(false)
      expect(policy.isAllowedOrigin('http://127.0.0.2:4000', url)).toBe(false)
    }
  })

  it('allows exactly ALLOWED_ORIGINS when it is set', () => {
    const policy = new OriginPolicy({
      ALLOWED_ORIGINS: ['https://tandem.example', 'https://www.tandem.example'],
      NODE_ENV: 'development',
    })
    expect(policy.isAllowedOrigin('https://tandem.example', url)).toBe(true)
    expect(policy.isAllowedOrigin('https://tandem.example:443', url)).toBe(true)
    expect(policy.isAllowedOrigin('https://www.tandem.example', url)).toBe(true)
    expect(policy.isAllowedOrigin('http://tandem.example:3000', url)).toBe(false)
    expect(policy.isAllowedOrigin('http://localhost:5173', url)).toBe(false)
  })
})

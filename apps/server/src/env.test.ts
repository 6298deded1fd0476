import { describe, expect, it } from 'vitest'
import { readEnv } from './env.ts'

describe('readEnv', () => {
  it('defaults to production: development looseness only when asked for (npm run dev sets it)', () => {
    const env = readEnv({})
    expect(env.NODE_ENV).toBe('production')
    expect(env.TRUST_PROXY).toBe(false)
    expect(env.SIGN_IN_BACKOFF_SECONDS).toBe(1)
    expect(readEnv({ NODE_ENV: 'development' }).NODE_ENV).toBe('development')
  })

  it('reads TRUST_PROXY as a flag, a number of proxies or a list of addresses', () => {
    expect(readEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true)
    expect(readEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2)
    expect(readEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8'])
  })
})

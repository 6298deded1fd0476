import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.ts'
import { generateSessionToken, looksLikeSessionToken, sessionIdFromToken } from './session-token.ts'

describe('session tokens', () => {
  it('are 20 random bytes in lowercase base32 without padding, and differ each time', () => {
    const tokens = new Set(Array.from({ length: 100 }, generateSessionToken))
    expect(tokens.size).toBe(100)
    for (const token of tokens) {
      expect(token).toMatch(/^[a-z2-7]{32}$/)
      expect(looksLikeSessionToken(token)).toBe(true)
    }
  })

  it('are stored as their hex SHA-256', () => {
    const token = generateSessionToken()
    expect(sessionIdFromToken(token)).toBe(createHash('sha256').update(token).digest('hex'))
  })

  it('refuses cookies of another shape before any query', () => {
    for (const value of [
      '',
      'short',
      'UPPERCASE234567ABCDEFGHIJKLMNOPQR',
      'a'.repeat(200),
      "x' or 1=1 --".padEnd(40, 'a'),
    ]) {
      expect(looksLikeSessionToken(value)).toBe(false)
    }
  })
})

describe('passwords', () => {
  it('are hashed with argon2id, OWASP parameters, and verified', async () => {
    const hash = await hashPassword('correct horse battery staple')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true)
    expect(await verifyPassword(hash, 'Correct horse battery staple')).toBe(false)
    expect(await verifyPassword('not a hash', 'anything')).toBe(false)
    expect(await verifyAgainstDummy('anything')).toBe(false)
  })
})

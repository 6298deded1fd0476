import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { randomBytes } from 'node:crypto'

/**
 * Session tokens the Lucia way: 20 random bytes (160 bits) in lowercase base32 go into the cookie; the database keeps
 * only their SHA-256, so a leaked sessions table cannot be replayed as cookies.
 */
export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20))
}

/** The session id stored for a token: hex SHA-256. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

/** Cheap shape check before hashing and querying: base32 lowercase, as generateSessionToken makes them. */
export function looksLikeSessionToken(value: string): boolean {
  return /^[a-z2-7]{32,128}$/.test(value)
}

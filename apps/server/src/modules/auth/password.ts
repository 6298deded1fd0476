import { hash, verify } from '@node-rs/argon2'

/**
 * argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). `algorithm: 2` is Argon2id: the package
 * declares it as a const enum, which isolatedModules cannot import.
 */
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

/** False for a wrong password and for a hash that cannot be read. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | null = null

/** Computes the dummy hash ahead of the first unknown email (else that one answer would take twice as long). */
export function prepareDummyHash(): Promise<string> {
  return (dummyHash ??= hashPassword('tandem-dummy-password-for-unknown-accounts'))
}

/**
 * Spends one verify on a hash nobody owns, so that an unknown email takes as long to refuse as a wrong password
 * (no account enumeration by timing).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(await prepareDummyHash(), password)
  return false
}

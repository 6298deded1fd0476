import { describe, expect, it } from 'vitest'
import { SignInWaits } from './sign-in-waits.ts'

describe('sign-in waits', () => {
  const t0 = 1_000_000

  it('holds back only the account the 429 named, whatever the case and spaces it is typed with', () => {
    const waits = new SignInWaits()
    waits.note('Amina@Tandem.test', true, 900, t0)
    expect(waits.remainingMs(' amina@tandem.test ', t0)).toBe(900_000)
    expect(waits.remainingMs('bruno@tandem.test', t0)).toBe(0)
    expect(waits.waitsForEveryAccount(t0)).toBe(false)
    expect(waits.remainingMs('amina@tandem.test', t0 + 899_000)).toBe(1_000)
    expect(waits.remainingMs('amina@tandem.test', t0 + 900_000)).toBe(0)
  })

  it('holds back every account when the 429 named none (the address was limited)', () => {
    const waits = new SignInWaits()
    waits.note('amina@tandem.test', false, 60, t0)
    expect(waits.remainingMs('bruno@tandem.test', t0 + 1_000)).toBe(59_000)
    expect(waits.waitsForEveryAccount(t0 + 1_000)).toBe(true)
    expect(waits.waitsForEveryAccount(t0 + 60_000)).toBe(false)
  })

  it('says when the next wait ends and forgets the ones that ended', () => {
    const waits = new SignInWaits()
    waits.note('a@tandem.test', true, 30, t0)
    waits.note('b@tandem.test', true, 10, t0)
    expect(waits.nextEnd(t0)).toBe(t0 + 10_000)
    expect(waits.nextEnd(t0 + 10_000)).toBe(t0 + 30_000)
    expect(waits.nextEnd(t0 + 30_000)).toBeNull()
  })
})

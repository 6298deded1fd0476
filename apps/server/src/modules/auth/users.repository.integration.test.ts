import { dialectsUnderTest, openTestDb, type TestDb } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isUniqueViolation, UsersRepository } from './users.repository.ts'

describe.each(dialectsUnderTest())('UsersRepository (%s)', (dialect) => {
  let testDb: TestDb
  let users: UsersRepository
  const newUser = (email: string) => ({
    email,
    passwordHash: 'not-a-real-hash',
    displayName: email,
    organisation: null,
    city: null,
    country: null,
    languages: [],
  })

  beforeAll(async () => {
    testDb = await openTestDb(dialect)
    users = new UsersRepository(testDb.db)
  })
  afterAll(async () => {
    await testDb?.destroy()
  })

  it('makes exactly one admin when the first sign-ups of an empty instance race', async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => users.create(newUser(`racer-${i}@tandem.test`))),
    )
    expect(created.filter((u) => u.is_admin)).toHaveLength(1)
    expect((await users.create(newUser('later@tandem.test'))).is_admin).toBe(false)
  })

  it('finds by email whatever its case, and refuses a duplicate with a unique violation', async () => {
    expect((await users.findByEmail('RACER-1@tandem.TEST'))?.email).toBe('racer-1@tandem.test')
    const duplicate = await users.create(newUser('Racer-1@Tandem.test')).catch((err: unknown) => err)
    expect(isUniqueViolation(duplicate)).toBe(true)
  })
})

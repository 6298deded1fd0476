import { dialectsUnderTest } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_PASSWORD, uniqueEmail } from '../../test/accounts.ts'
import { ManualClock } from '../../test/manual-clock.ts'
import { requestFrom, type Answer } from '../../test/request-from.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'

/**
 * The abuse limits of accounts against a real server over real sockets, each client a loopback address of its own
 * (127.0.x.y), with the limiters' clock moved by the test instead of waited for.
 */
describe.each(dialectsUnderTest())('account abuse limits (%s)', (dialect) => {
  let server: TestServer
  const clock = new ManualClock()
  let setupAddress = 0

  beforeAll(async () => {
    server = await startTestServer(dialect, { authLimits: { now: () => clock.now() } })
  })
  afterAll(async () => {
    await server?.close()
    await server?.testDb.destroy()
  })

  const signUpFrom = (address: string, email = uniqueEmail(), password = DEFAULT_PASSWORD) =>
    requestFrom(address, `${server.url}/api/auth/signup`, 'POST', { email, password, displayName: email.split('@')[0] })
  const signInFrom = (address: string, email: string, password: string) =>
    requestFrom(address, `${server.url}/api/auth/login`, 'POST', { email, password })
  /** An account made from an address used for nothing else, so that no test's budget is spent on set-up. */
  async function account(): Promise<{ email: string; password: string }> {
    setupAddress += 1
    const email = uniqueEmail()
    const answer = await signUpFrom(`127.0.250.${setupAddress}`, email)
    expect(answer.status).toBe(201)
    return { email, password: DEFAULT_PASSWORD }
  }
  const retryAfterOf = (answer: Answer) => Number(answer.headers['retry-after'])

  describe('sign-up', () => {
    it('lets a workshop of 40 behind one address in within ten minutes, even when they all start at once', async () => {
      // 40 people press "Create account" within the first two minutes; whoever is asked to wait tries again then.
      const address = '127.0.1.1'
      const start = clock.now()
      let queue = Array.from({ length: 40 }, (_, i) => ({ person: i, at: start + i * 3_000, tries: 0 }))
      const joinedAt: number[] = []
      let refusals = 0
      while (queue.length > 0) {
        queue.sort((a, b) => a.at - b.at)
        const next = queue.shift()!
        if (next.at > clock.now()) clock.advance(next.at - clock.now())
        const answer = await signUpFrom(address)
        next.tries += 1
        if (answer.status === 201) {
          joinedAt.push(clock.now() - start)
          continue
        }
        expect(answer.status).toBe(429)
        expect(answer.body.error).toMatchObject({ code: 'rate_limited' })
        refusals += 1
        queue.push({ ...next, at: clock.now() + retryAfterOf(answer) * 1000 })
      }
      expect(joinedAt).toHaveLength(40)
      expect(Math.max(...joinedAt)).toBeLessThanOrEqual(10 * 60_000)
      console.log(`workshop: 40 sign-ups from one address, the last in at ${Math.round(Math.max(...joinedAt) / 1000)} s, ${refusals} asked to wait first`)
    })

    it('never refuses a workshop signing up one by one over ten minutes', async () => {
      const address = '127.0.1.2'
      for (let i = 0; i < 40; i++) {
        expect((await signUpFrom(address)).status).toBe(201)
        clock.advance(15_000)
      }
    })

    it('cuts a sweep of 300 parallel sign-ups from one address off after 30, 409s included', async () => {
      const address = '127.0.1.3'
      const existing = await account()
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, i) => signUpFrom(address, i % 10 === 0 ? existing.email : uniqueEmail('sweep'))),
      )
      const count = (status: number) => answers.filter((a) => a.status === status).length
      expect(count(201) + count(409)).toBe(30)
      expect(count(429)).toBe(270)
      const refused = answers.find((a) => a.status === 429)!
      expect(refused.body.error.fields).toBeUndefined()
      expect(retryAfterOf(refused)).toBeGreaterThanOrEqual(1)
      expect(retryAfterOf(refused)).toBeLessThanOrEqual(10)
      // Then one every 10 s, and no faster.
      clock.advance(10_000)
      expect((await signUpFrom(address)).status).toBe(201)
      expect((await signUpFrom(address)).status).toBe(429)
      // Another address is not held up.
      expect((await signUpFrom('127.0.1.4')).status).toBe(201)
    })
  })

  describe('sign-in', () => {
    it("does not lock the owner out: 10 wrong passwords from one address, the owner's right one from another is 200", async () => {
      const owner = await account()
      const stranger = '127.0.5.1'
      const statuses: number[] = []
      for (let i = 0; i < 10; i++) statuses.push((await signInFrom(stranger, owner.email, `guess ${i}`)).status)
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429])
      expect((await signInFrom('127.0.5.2', owner.email, owner.password)).status).toBe(200)

      // Even a patient stranger, who waits out every delay so that all 10 guesses are checked.
      const patient = '127.0.5.3'
      for (let i = 0; i < 10; i++) {
        let answer = await signInFrom(patient, owner.email, `patient guess ${i}`)
        if (answer.status === 429) {
          clock.advance(retryAfterOf(answer) * 1000)
          answer = await signInFrom(patient, owner.email, `patient guess ${i}`)
        }
        expect(answer.status).toBe(401)
      }
      expect((await signInFrom('127.0.5.2', owner.email, owner.password)).status).toBe(200)
    })

    it('slows repeated failures from one address down, doubling the wait up to 15 minutes, naming the account', async () => {
      const owner = await account()
      const address = '127.0.6.1'
      const waits: number[] = []
      let failures = 0
      while (failures < 16) {
        const answer = await signInFrom(address, owner.email, `wrong ${failures}`)
        if (answer.status === 401) {
          failures += 1
          continue
        }
        expect(answer.status).toBe(429)
        expect(answer.body.error.fields).toEqual({ email: expect.any(String) })
        waits.push(retryAfterOf(answer))
        clock.advance(retryAfterOf(answer) * 1000)
      }
      expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900])
      // While it waits, even the right password is refused, and no session is made.
      const limited = await signInFrom(address, owner.email, owner.password)
      expect(limited.status).toBe(429)
      expect(limited.headers['set-cookie']).toBeUndefined()
      clock.advance(retryAfterOf(limited) * 1000)
      // Waited out, the right password works: a wait, never a lock-out.
      expect((await signInFrom(address, owner.email, owner.password)).status).toBe(200)
      expect((await signInFrom(address, owner.email, 'wrong after success')).status).toBe(401)
    })

    it("does not let a workshop's failures on various accounts block another account behind the same address", async () => {
      const wifi = '127.0.7.1'
      const accounts = await Promise.all(Array.from({ length: 10 }, () => account()))
      const guesses = Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0 ? { email: uniqueEmail('nobody'), password: 'typo' } : { email: accounts[i % 10]!.email, password: `typo ${i}` },
      )
      const answers = await Promise.all(guesses.map((g) => signInFrom(wifi, g.email, g.password)))
      expect(answers.map((a) => a.status)).toEqual(Array(30).fill(401))
      const someone = await account()
      const started = performance.now()
      expect((await signInFrom(wifi, someone.email, someone.password)).status).toBe(200)
      expect(performance.now() - started).toBeLessThan(2_000)
      // Those who mistyped sign in too.
      for (const { email, password } of accounts) expect((await signInFrom(wifi, email, password)).status).toBe(200)
    })

    it('limits one address to 50 failures at once, then one every 12 s; other addresses go on', async () => {
      const address = '127.0.8.1'
      const owner = await account()
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => signInFrom(address, uniqueEmail(`spray-${i}`), 'Summer2026!')),
      )
      expect(answers.filter((a) => a.status === 401)).toHaveLength(50)
      expect(answers.filter((a) => a.status === 429)).toHaveLength(10)
      const limited = await signInFrom(address, owner.email, owner.password)
      expect(limited.status).toBe(429)
      // The address is limited: no field is named, every account behind it waits.
      expect(limited.body.error.fields).toBeUndefined()
      expect(retryAfterOf(limited)).toBeGreaterThanOrEqual(1)
      expect(retryAfterOf(limited)).toBeLessThanOrEqual(12)
      expect((await signInFrom('127.0.8.2', owner.email, owner.password)).status).toBe(200)
      clock.advance(12_000)
      expect((await signInFrom(address, owner.email, owner.password)).status).toBe(200)
    })

    it('counts a parallel burst of guesses whole: no more than 5 reach the password check', async () => {
      const owner = await account()
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) => signInFrom('127.0.9.1', owner.email, `parallel guess ${i}`)),
      )
      const statuses = answers.map((a) => a.status)
      expect(statuses.filter((s) => s === 401)).toHaveLength(5)
      expect(statuses.filter((s) => s === 429)).toHaveLength(11)
    })

    it('does not count successful sign-ins', async () => {
      const owner = await account()
      for (let i = 0; i < 60; i++) expect((await signInFrom('127.0.9.2', owner.email, owner.password)).status).toBe(200)
    })

    it('treats the same email in another case as the same account', async () => {
      const owner = await account()
      for (let i = 0; i < 5; i++) await signInFrom('127.0.9.3', owner.email, `wrong ${i}`)
      const limited = await signInFrom('127.0.9.3', owner.email.toUpperCase(), owner.password)
      expect(limited.status).toBe(429)
      expect(limited.body.error.fields).toEqual({ email: expect.any(String) })
    })
  })
})

import type { Idea } from '@tandem/shared'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startE2E, type Account, type E2E } from './harness.ts'

/**
 * Sessions on shared computers, in Chromium against the real server: sign-out erases this browser's copies of ideas
 * (IndexedDB, localStorage, the service worker's API cache) and asks first about changes the server has not stored;
 * a tab whose session ended elsewhere settles on the sign-in page without a request loop; the password change on the
 * profile page signs out the other devices; a sign-in rate limit holds back only the account it names.
 */
let e2e: E2E
const slug = 'asia'
const contexts: BrowserContext[] = []

beforeAll(async () => {
  // The sign-in wait after 5 failures of an account from one address is 1 s by default: too short to look at.
  e2e = await startE2E({ serverEnv: { SIGN_IN_BACKOFF_SECONDS: '900' } })
})
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await e2e?.close()
})

const ideaUrl = (idea: Idea) => `/networks/${slug}/ideas/${idea.id}`

async function member(name: string): Promise<Account> {
  const account = await e2e.createAccount(name)
  await e2e.addMember(slug, account, 'member')
  return account
}

async function newContext(account?: Account): Promise<BrowserContext> {
  const context = await e2e.newContext({ account, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
  contexts.push(context)
  return context
}

async function openIdea(context: BrowserContext, idea: Idea): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(ideaUrl(idea))
  await page.locator('[data-connection="live"]').waitFor({ timeout: 20_000 })
  await page.locator('#idea-editor-content[contenteditable="true"]').waitFor({ timeout: 20_000 })
  await page.locator('[data-save="saved"]').waitFor({ timeout: 10_000 })
  return page
}

/** The names of this origin's IndexedDB databases that hold ideas (`tandem:<ideaId>`). */
const ideaStores = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('tandem:')))

/** localStorage keys of Tandem, the remembered language aside. */
const storedKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('tandem:')))

/** Number of stored updates in an idea's IndexedDB copy (y-indexeddb's `updates` store). */
const storedUpdates = (page: Page, ideaId: string) =>
  page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const count = db.transaction('updates', 'readonly').objectStore('updates').count()
          count.onsuccess = () => {
            db.close()
            resolve(count.result)
          }
          count.onerror = () => reject(count.error)
        }
      }),
    `tandem:${ideaId}`,
  )

/** A second session of the account (another device): its own cookie, from a real sign-in. */
async function signInElsewhere(account: Account): Promise<Account> {
  const response = await fetch(`${e2e.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: e2e.baseUrl },
    body: JSON.stringify({ email: account.email, password: account.password }),
  })
  expect(response.status).toBe(200)
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tandem_session='))!
  return { ...account, token: cookie.split(';')[0]!.slice('tandem_session='.length) }
}

const loginStatus = async (email: string, password: string) =>
  (
    await fetch(`${e2e.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: e2e.baseUrl },
      body: JSON.stringify({ email, password }),
    })
  ).status

describe('signing out on a shared computer', () => {
  it('erases the IndexedDB copies of ideas, their cached metadata and the service worker’s API answers', async () => {
    const amina = await member('Amina Shared')
    const first = await e2e.createIdea(slug, 'Street lighting for Da Nang', amina)
    const second = await e2e.createIdea(slug, 'Bus rapid transit in Cebu', amina)
    const context = await newContext(amina)
    const page = await openIdea(context, first)
    // The service worker controls the page from a reload on: its API answers land in the `tandem-api` cache.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await page.goto(ideaUrl(second))
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await page.locator('[data-save="saved"]').waitFor({ timeout: 20_000 })
    await page.waitForFunction(async () => (await caches.open('tandem-api').then((c) => c.keys())).length > 0)

    expect((await ideaStores(page)).sort()).toEqual([`tandem:${first.id}`, `tandem:${second.id}`].sort())
    expect(await storedKeys(page)).toContain(`tandem:idea:${second.id}`)

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL('**/signin')
    await page.getByLabel('Email address').waitFor()
    await expect.poll(() => ideaStores(page), { timeout: 5_000 }).toEqual([])
    expect(await storedKeys(page)).toEqual([])
    expect(await page.evaluate(() => caches.has('tandem-api'))).toBe(false)
    // Signed out for real: the server refuses the old session.
    expect(await page.evaluate(() => fetch('/api/me').then((r) => r.status))).toBe(401)
  })

  it('asks first when a change made offline is not stored yet, even for an idea no tab has open', async () => {
    const bruno = await member('Bruno Offline')
    const idea = await e2e.createIdea(slug, 'Flood maps for Semarang', bruno)
    const context = await newContext(bruno)
    const editing = await openIdea(context, idea)
    const before = await storedUpdates(editing, idea.id)

    await context.setOffline(true)
    await editing.locator('[data-connection="offline"]').waitFor({ timeout: 5_000 })
    await editing.locator('#idea-editor-content').click()
    await editing.keyboard.press('Control+End')
    await editing.keyboard.type('Written on the train, offline.')
    await editing.locator('[data-save="local"]').waitFor()
    await expect.poll(() => storedKeys(editing)).toContain(`tandem:unsynced:${idea.id}`)
    await expect.poll(() => storedUpdates(editing, idea.id)).toBeGreaterThan(before)
    await editing.close()

    // Back online, on another screen: the idea with the unsent change is not open anywhere.
    await context.setOffline(false)
    const page = await context.newPage()
    await page.goto('/networks')
    await page.getByRole('heading', { level: 1, name: 'Regional networks' }).waitFor()
    await page.getByRole('button', { name: 'Sign out' }).click()
    const dialog = page.getByRole('dialog', { name: 'Changes not stored yet' })
    await dialog.waitFor({ timeout: 5_000 })
    expect(await dialog.getByTestId('unsynced-ideas').innerText()).toContain('Flood maps for Semarang')
    await e2e.screenshot(page, 'sign-out-asks-first')

    // Staying keeps everything: still signed in, the copy and its change still here.
    await dialog.getByRole('button', { name: 'Stay signed in' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(page.url()).toContain('/networks')
    expect(await ideaStores(page)).toEqual([`tandem:${idea.id}`])
    expect(await page.evaluate(() => fetch('/api/me').then((r) => r.status))).toBe(200)

    await page.getByRole('button', { name: 'Sign out' }).click()
    await dialog.waitFor({ timeout: 5_000 })
    await dialog.getByRole('button', { name: 'Sign out and erase the changes' }).click()
    await page.waitForURL('**/signin')
    await expect.poll(() => ideaStores(page), { timeout: 5_000 }).toEqual([])
    expect(await storedKeys(page)).toEqual([])
    await expect(e2e.apiAs(bruno, 'GET', '/me')).rejects.toThrow(/401/)
  })

  it('takes another tab that was signed out to the sign-in page and back, with no request loop', async () => {
    const chen = await member('Chen Tabs')
    const idea = await e2e.createIdea(slug, 'Cooling centres for Manila', chen)
    const context = await newContext(chen)
    const ideaTab = await openIdea(context, idea)
    const networkTab = await context.newPage()
    await networkTab.goto(`/networks/${slug}`)
    await networkTab.getByRole('heading', { level: 1 }).waitFor()

    const requests = { idea: 0, network: 0 }
    ideaTab.on('request', () => requests.idea++)
    ideaTab.on('websocket', () => requests.idea++)
    networkTab.on('request', () => requests.network++)

    const signingOut = await context.newPage()
    await signingOut.goto('/profile')
    await signingOut.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor()
    await signingOut.getByRole('button', { name: 'Sign out', exact: true }).click()
    await signingOut.waitForURL('**/signin')

    await ideaTab.waitForURL(`**/signin?next=${encodeURIComponent(ideaUrl(idea))}`, { timeout: 10_000 })
    await ideaTab.getByLabel('Email address').waitFor()
    await networkTab.waitForURL(`**/signin?next=${encodeURIComponent(`/networks/${slug}`)}`, { timeout: 10_000 })
    await networkTab.getByLabel('Email address').waitFor()
    await e2e.screenshot(ideaTab, 'signed-out-in-another-tab')

    // Settled: over the next three seconds neither tab asks the server anything.
    const settled = { ...requests }
    await ideaTab.waitForTimeout(3_000)
    expect(requests.idea - settled.idea, 'requests of the idea tab after it settled').toBe(0)
    expect(requests.network - settled.network, 'requests of the network tab after it settled').toBe(0)
    expect(settled.idea, 'requests of the idea tab from sign-out to the sign-in page').toBeLessThan(30)
    expect(await ideaStores(ideaTab)).toEqual([])

    // Signing in again in that tab leads back to the idea.
    await ideaTab.getByLabel('Email address').fill(chen.email)
    await ideaTab.getByLabel('Password').fill(chen.password)
    await ideaTab.getByRole('button', { name: 'Sign in' }).click()
    await ideaTab.waitForURL(`**${ideaUrl(idea)}`)
    await ideaTab.locator('[data-connection="live"]').waitFor({ timeout: 20_000 })
    // …and the other tab, told of the sign-in, follows back to its network.
    await networkTab.waitForURL(`**/networks/${slug}`, { timeout: 10_000 })
  })
})

describe('changing the password', () => {
  it('changes it on the profile page; the other device lands on sign-in, this one stays', async () => {
    const dina = await member('Dina Password')
    const idea = await e2e.createIdea(slug, 'Waste sorting in Hanoi', dina)
    const phone = await signInElsewhere(dina)
    const otherDevice = await openIdea(await newContext(phone), idea)

    const page = await (await newContext(dina)).newPage()
    await page.goto('/profile')
    const form = page.getByRole('region', { name: 'Change your password' })
    await form.waitFor()
    await form.getByLabel('Current password').fill('not my password at all')
    await form.getByLabel(/^New password\W*$/).fill('a fresh passphrase')
    await form.getByLabel('New password again').fill('a fresh passphrase')
    await form.getByRole('button', { name: 'Change password' }).click()
    await form.getByText('This is not your current password.').waitFor()

    await form.getByLabel('Current password').fill(dina.password)
    await form.getByLabel('New password again').fill('a fresh passphrase, mistyped')
    await form.getByRole('button', { name: 'Change password' }).click()
    await form.getByText('The two new passwords are not the same.').waitFor()

    await form.getByLabel('New password again').fill('a fresh passphrase')
    await form.getByRole('button', { name: 'Change password' }).click()
    await form.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor()
    await e2e.screenshot(page, 'profile-password-changed')
    expect(await form.getByLabel('Current password').inputValue()).toBe('')

    await otherDevice.waitForURL(`**/signin?next=${encodeURIComponent(ideaUrl(idea))}`, { timeout: 10_000 })
    // Its session ended by itself: the copy it held (nothing unsent in it) is erased too.
    await expect.poll(() => ideaStores(otherDevice), { timeout: 5_000 }).toEqual([])
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor()
    expect(await loginStatus(dina.email, dina.password)).toBe(401)
    expect(await loginStatus(dina.email, 'a fresh passphrase')).toBe(200)
    await e2e.expectNoSeriousAxeViolations(page, 'profile with the password form')
  })
})

describe('the sign-in rate limit', () => {
  it('makes only the limited account wait; another account signs in at once', async () => {
    const limited = await e2e.createAccount('Limited Account')
    const other = await e2e.createAccount('Other Account')
    for (let i = 0; i < 5; i++) expect(await loginStatus(limited.email, `wrong password ${i}`)).toBe(401)

    const page = await (await newContext()).newPage()
    await page.goto('/signin')
    const button = page.getByRole('button', { name: 'Sign in' })
    await page.getByLabel('Email address').fill(limited.email)
    await page.getByLabel('Password').fill(limited.password)
    await button.click()
    const wait = page.getByRole('alert').filter({ hasText: 'Too many sign-in attempts for this account' })
    await wait.waitFor()
    expect(await wait.textContent()).toMatch(/in 1[45] minutes/)
    expect(await button.isDisabled()).toBe(true)

    // Another account may try at once; the wait comes back with the limited account's address, in any case.
    await page.getByLabel('Email address').fill(other.email)
    expect(await button.isDisabled()).toBe(false)
    await wait.waitFor({ state: 'detached' })
    expect(await page.locator('[role="alert"]').textContent()).toBe('')
    await page.getByLabel('Email address').fill(` ${limited.email.toUpperCase()}`)
    await wait.waitFor()
    expect(await button.isDisabled()).toBe(true)

    await page.getByLabel('Email address').fill(other.email)
    await page.getByLabel('Password').fill(other.password)
    await button.click()
    await page.waitForURL('**/networks')
  })
})

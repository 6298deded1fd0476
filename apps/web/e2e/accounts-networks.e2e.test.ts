import type { Idea } from '@tandem/shared'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, PHONE, startE2E, type Account, type E2E } from './harness.ts'

/**
 * Accounts and networks in a real browser: sign-up, sign-in (by keyboard too), profile, the directory and a join
 * request approved by the admin in another context, a network's board and filters, presence, invitations, the Arabic
 * UI, every screen at phone width without sideways scrolling, and axe-core on every screen.
 */
let e2e: E2E
const contexts: BrowserContext[] = []
const NETWORK = 'asia'
const NETWORK_NAME = 'Asia'

beforeAll(async () => {
  // The sign-in wait after 5 failures of an account from one address is 1 s by default: too short to look at.
  e2e = await startE2E({ serverEnv: { SIGN_IN_BACKOFF_SECONDS: '900' } })
})
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await e2e?.close()
})

async function open(options: Parameters<E2E['newContext']>[0] = {}): Promise<Page> {
  const context = await e2e.newContext({ locale: 'en-GB', ...options })
  contexts.push(context)
  return context.newPage()
}

/** The page scrolls sideways when its content is wider than the viewport. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
}

/** Waits until the lazily loaded screen has rendered its first heading (and no loading state or skeleton is left). */
async function screenReady(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor()
  await page.waitForFunction(() => !document.querySelector('main .loading, main .skeleton'))
}

describe('accounts', () => {
  it('signs up, signs out, signs in and edits the profile', async () => {
    const page = await open()
    const email = `noura.${Date.now().toString(36)}@tandem.test`
    await page.goto('/signup')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password').fill('short')
    await page.getByLabel('Your name').fill('Noura Haddad')
    await page.getByLabel('Organisation').fill('Municipality of Irbid')
    await page.getByLabel('City').fill('Irbid')
    await page.getByLabel('Country').fill('Jordan')
    await page.getByRole('checkbox', { name: 'Arabic' }).check()
    await page.getByRole('checkbox', { name: 'English' }).check()
    await page.getByRole('button', { name: 'Create account' }).click()
    // The browser's own check (minlength) or ours stops a short password before the server sees it.
    expect(page.url()).toContain('/signup')
    await page.getByLabel('Password').fill(PASSWORD)
    await e2e.screenshot(page, 'sign-up-en')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL('**/networks')
    await page.getByRole('heading', { level: 1, name: 'Regional networks' }).waitFor()

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL('**/signin')

    // A wrong password says so, in an alert.
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password').fill('not the password at all')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'not correct' }).textContent()).resolves.toContain('password')

    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/networks')

    await page.getByRole('link', { name: 'Profile' }).click()
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor()
    expect(await page.getByLabel('City').inputValue()).toBe('Irbid')
    expect(await page.getByRole('checkbox', { name: 'Arabic' }).isChecked()).toBe(true)
    await page.getByLabel('City').fill('Amman')
    await page.getByRole('checkbox', { name: 'French' }).check()
    await page.getByLabel('Other languages').fill('Swahili')
    await page.getByRole('button', { name: 'Save profile' }).click()
    await page.getByRole('status').filter({ hasText: 'Your profile is saved.' }).waitFor()
    await e2e.screenshot(page, 'profile-en')

    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor()
    expect(await page.getByLabel('City').inputValue()).toBe('Amman')
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()))
    expect(me.user).toMatchObject({ city: 'Amman', country: 'Jordan', organisation: 'Municipality of Irbid' })
    expect(me.user.languages).toEqual(['en', 'fr', 'ar', 'Swahili'])
  })

  it('signs in with the keyboard alone, with a visible focus', async () => {
    const account = await e2e.createAccount('Kofi Mensah')
    const page = await open()
    await page.goto('/signin')
    await page.getByLabel('Email address').waitFor()
    let focused = ''
    for (let i = 0; i < 20 && focused !== 'email'; i++) {
      await page.keyboard.press('Tab')
      focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type ?? '')
    }
    expect(focused).toBe('email')
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
    expect(outline).not.toBe('none')
    await page.keyboard.type(account.email)
    await page.keyboard.press('Tab')
    await page.keyboard.type(account.password)
    await page.keyboard.press('Enter')
    await page.waitForURL('**/networks')
    await page.getByRole('heading', { level: 1, name: 'Regional networks' }).waitFor()
  })

  it('says when to try again after too many attempts', async () => {
    const account = await e2e.createAccount('Rate Limited')
    for (let i = 0; i < 5; i++) {
      await fetch(`${e2e.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: e2e.baseUrl },
        body: JSON.stringify({ email: account.email, password: 'wrong password here' }),
      })
    }
    const page = await open()
    await page.goto('/signin')
    await page.getByLabel('Email address').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'Too many sign-in attempts' })
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/in 1[45] minutes/)
    expect(await page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true)
  })
})

describe('networks', () => {
  let practitioner: Account
  let adminPage: Page
  let practitionerPage: Page

  it('lets a practitioner ask to join, the admin approve in another browser, and the practitioner start an idea', async () => {
    practitioner = await e2e.createAccount('Lina Perez', { organisation: 'Alcaldía de Medellín', city: 'Medellín', country: 'Colombia' })
    practitionerPage = await open({ account: practitioner })
    await practitionerPage.goto('/networks')
    const card = practitionerPage.getByRole('listitem').filter({ has: practitionerPage.getByRole('heading', { name: NETWORK_NAME, exact: true }) })
    await card.getByRole('button', { name: /Request to join/ }).click()
    await card.getByText('Request pending').waitFor()
    await e2e.screenshot(practitionerPage, 'networks-pending-en')
    // The pending state comes from the server, so it is still there after a reload.
    await practitionerPage.reload()
    await card.getByText('Request pending').waitFor()

    // A non-member sees the network's join prompt, not its ideas.
    await practitionerPage.goto(`/networks/${NETWORK}`)
    await practitionerPage.getByRole('heading', { level: 2, name: 'Join this network' }).waitFor()
    await practitionerPage.getByText('Request pending').waitFor()

    adminPage = await open({ account: e2e.admin })
    await adminPage.goto(`/networks/${NETWORK}/manage`)
    const request = adminPage.getByRole('listitem').filter({ has: adminPage.getByRole('heading', { name: 'Lina Perez' }) })
    await request.getByLabel('Role for Lina Perez').selectOption('member')
    await e2e.screenshot(adminPage, 'manage-request-en')
    await request.getByRole('button', { name: /Approve/ }).click()
    await adminPage.getByRole('status').filter({ hasText: 'Lina Perez is now a member' }).waitFor()
    await adminPage.getByRole('region', { name: 'Members' }).getByRole('heading', { name: /Lina Perez/ }).waitFor()

    // No reload: the waiting page asks again when the practitioner comes back to the tab (and every 20 s).
    await practitionerPage.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    await practitionerPage.getByRole('heading', { level: 2, name: 'Ideas' }).waitFor({ timeout: 10_000 })
    await practitionerPage.getByRole('button', { name: 'New idea' }).click()
    await practitionerPage.getByLabel('Title').fill('Solar street lights for Comuna 13')
    await practitionerPage.getByLabel('Theme cluster (optional)').selectOption('municipal-services')
    await practitionerPage.getByRole('checkbox', { name: /SDG 7:/ }).check()
    await practitionerPage.getByRole('checkbox', { name: /SDG 11:/ }).check()
    await e2e.screenshot(practitionerPage, 'new-idea-en')
    await practitionerPage.getByRole('button', { name: 'Create and open' }).click()
    await practitionerPage.waitForURL(new RegExp(`/networks/${NETWORK}/ideas/[0-9a-f-]{36}$`))
    const ideaId = practitionerPage.url().split('/').pop()!
    const idea = await e2e.apiAs<Idea>(practitioner, 'GET', `/networks/${NETWORK}/ideas/${ideaId}`)
    expect(idea).toMatchObject({ title: 'Solar street lights for Comuna 13', cluster: 'municipal-services', sdgs: [7, 11], status: 'idea' })
  })

  it('shows the ideas as a board by status and a list filtered by cluster and SDG', async () => {
    const make = async (title: string, cluster: Idea['cluster'], sdgs: number[], status: Idea['status']) => {
      const idea = await e2e.apiAs<Idea>(e2e.admin, 'POST', `/networks/${NETWORK}/ideas`, { title, cluster, sdgs })
      // The lifecycle moves one stage at a time: idea → draft → proposal → submitted.
      const path = ['draft', 'proposal', 'submitted'] as const
      for (const next of path.slice(0, path.indexOf(status as (typeof path)[number]) + 1)) {
        await e2e.apiAs(e2e.admin, 'PATCH', `/networks/${NETWORK}/ideas/${idea.id}`, { status: next })
      }
    }
    await make('Participatory budgeting in Da Nang', 'good-urban-governance', [16], 'draft')
    await make('Wastewater reuse for Chiang Mai', 'municipal-services', [6], 'proposal')
    await make('Street vendors market in Cebu', 'local-economic-development', [8, 11], 'submitted')

    const page = practitionerPage
    await page.goto(`/networks/${NETWORK}`)
    await screenReady(page)
    const column = (status: string) => page.getByRole('region', { name: new RegExp(`^${status}\\b`) })
    await column('Draft').getByRole('link', { name: 'Participatory budgeting in Da Nang' }).waitFor()
    await column('Proposal').getByRole('link', { name: 'Wastewater reuse for Chiang Mai' }).waitFor()
    await column('Submitted').getByRole('link', { name: 'Street vendors market in Cebu' }).waitFor()
    await column('Idea').getByRole('link', { name: 'Solar street lights for Comuna 13' }).waitFor()
    await e2e.screenshot(page, 'network-board-en')

    await page.getByLabel('Theme cluster').selectOption('municipal-services')
    await page.waitForURL(/cluster=municipal-services/)
    await page.getByRole('link', { name: 'Participatory budgeting in Da Nang' }).waitFor({ state: 'detached' })
    await page.getByRole('link', { name: 'Wastewater reuse for Chiang Mai' }).waitFor()
    await page.getByRole('link', { name: 'Solar street lights for Comuna 13' }).waitFor()

    await page.getByLabel('Sustainable Development Goal', { exact: true }).selectOption('11')
    await page.waitForURL(/sdg=11/)
    await page.getByRole('link', { name: 'Wastewater reuse for Chiang Mai' }).waitFor({ state: 'detached' })
    await page.getByRole('link', { name: 'Solar street lights for Comuna 13' }).waitFor()

    await page.getByRole('button', { name: 'List' }).click()
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByLabel('Sustainable Development Goal', { exact: true }).selectOption('11')
    await page.getByLabel('Stage').selectOption('submitted')
    await page.waitForURL(/status=submitted/)
    await page.getByRole('link', { name: 'Solar street lights for Comuna 13' }).waitFor({ state: 'detached' })
    const listed = page.locator('.idea-list').getByRole('link')
    await listed.first().waitFor()
    expect(await listed.allTextContents()).toEqual(['Street vendors market in Cebu'])
    await e2e.screenshot(page, 'network-list-filtered-en')
  })

  it('shows who is online in the network', async () => {
    await practitionerPage.goto(`/networks/${NETWORK}`)
    await adminPage.goto(`/networks/${NETWORK}`)
    const online = adminPage.getByRole('region', { name: /Online now/ })
    await online.getByText('Lina Perez').waitFor({ timeout: 10_000 })
    await online.getByText('Ada Admin').waitFor()
    await e2e.screenshot(adminPage, 'network-home-presence-en')
    // Leaving the network's home takes the practitioner off the list.
    await practitionerPage.goto('/profile')
    await online.getByText('Lina Perez').waitFor({ state: 'detached', timeout: 15_000 })
  })

  it('invites someone by link; they sign in first and come back to accept', async () => {
    await adminPage.goto(`/networks/${NETWORK}/manage`)
    const invitations = adminPage.getByRole('region', { name: 'Invitation links' })
    await invitations.getByLabel('Role of the invited person').selectOption('observer')
    await invitations.getByRole('button', { name: 'Create invitation link' }).click()
    const link = await invitations.getByRole('textbox', { name: /Invitation link/ }).inputValue()
    expect(link).toMatch(new RegExp(`^${e2e.baseUrl}/invitations/.+`))
    await e2e.screenshot(adminPage, 'manage-invitation-en')

    const guest = await e2e.createAccount('Amina Diallo')
    const page = await open()
    await page.goto(new URL(link).pathname)
    // The link names its network and the role it gives before anyone signs in.
    await page.getByRole('heading', { level: 1, name: `Invitation to ${NETWORK_NAME}` }).waitFor()
    await page.getByText(`join the ${NETWORK_NAME} network on Tandem as an observer`).waitFor()
    await e2e.expectNoSeriousAxeViolations(page, 'invitation (signed out)')
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click()
    await page.waitForURL(/\/signin\?next=/)
    await page.getByLabel('Email address').fill(guest.email)
    await page.getByLabel('Password').fill(guest.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/invitations\//)
    await page.getByRole('button', { name: 'Accept and join' }).click()
    await page.waitForURL(new RegExp(`/networks/${NETWORK}$`))
    // An observer reads and is told why there is no "New idea".
    await page.getByText('You are an observer in this network').waitFor()
    expect(await page.getByRole('button', { name: 'New idea' }).count()).toBe(0)
    await e2e.screenshot(page, 'network-home-observer-en')
  })
})

describe('languages, phones and accessibility', () => {
  it('shows the Arabic UI, right to left, on the first visit of an Arabic browser', async () => {
    const page = await open({ locale: 'ar' })
    await page.goto('/signin')
    await page.getByRole('heading', { level: 1, name: 'تسجيل الدخول' }).waitFor()
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl'])
    expect(await page.getByLabel('كلمة المرور').count()).toBe(1)
    await e2e.screenshot(page, 'sign-in-ar')

    const signedIn = await open({ locale: 'ar', account: e2e.admin })
    await signedIn.goto(`/networks/${NETWORK}`)
    await screenReady(signedIn)
    await signedIn.getByRole('heading', { level: 2, name: 'الأفكار' }).waitFor()
    expect(await signedIn.evaluate(() => document.documentElement.dir)).toBe('rtl')
    // Mirrored: the network's name starts at the right edge of the page.
    const box = await signedIn.getByRole('heading', { level: 1 }).boundingBox()
    const width = await signedIn.evaluate(() => document.documentElement.clientWidth)
    expect(box!.x + box!.width).toBeGreaterThan(width / 2)
    await e2e.screenshot(signedIn, 'network-home-ar')
    await e2e.expectNoSeriousAxeViolations(signedIn, 'network home (ar)')
  })

  /** Every screen of this part of the app, as someone who may see it. */
  async function screens(): Promise<Array<{ name: string; path: string; account: Account | null }>> {
    const invitation = await e2e.apiAs<{ token: string }>(e2e.admin, 'POST', `/networks/${NETWORK}/invitations`, { role: 'member' })
    return [
      { name: 'sign-in', path: '/signin', account: null },
      { name: 'sign-up', path: '/signup', account: null },
      { name: 'networks-signed-out', path: '/networks', account: null },
      { name: 'profile', path: '/profile', account: e2e.admin },
      { name: 'networks', path: '/networks', account: e2e.admin },
      { name: 'network-home', path: `/networks/${NETWORK}`, account: e2e.admin },
      { name: 'network-list', path: `/networks/${NETWORK}?view=list`, account: e2e.admin },
      { name: 'network-join-prompt', path: '/networks/latin-america', account: await e2e.createAccount('Not Yet Member') },
      { name: 'network-manage', path: `/networks/${NETWORK}/manage`, account: e2e.admin },
      { name: 'invitation', path: `/invitations/${invitation.token}`, account: e2e.admin },
      { name: 'not-found', path: '/no/such/page', account: null },
    ]
  }

  /** One browser context per person and setting, reused across screens (each new context loads the app cold). */
  async function pageFor(pages: Map<string, Page>, account: Account | null, options: Parameters<E2E['newContext']>[0]): Promise<Page> {
    const key = account?.email ?? 'signed out'
    if (!pages.has(key)) pages.set(key, await open({ ...options, ...(account ? { account } : {}) }))
    return pages.get(key)!
  }

  it('fits every screen into a 360 px wide phone without sideways scrolling', async () => {
    for (const locale of ['en-GB', 'ar']) {
      const pages = new Map<string, Page>()
      for (const screen of await screens()) {
        const page = await pageFor(pages, screen.account, { ...PHONE, locale })
        await page.goto(screen.path)
        await screenReady(page)
        if (screen.name === 'network-home') await page.getByRole('button', { name: /New idea|فكرة جديدة/ }).click()
        const overflow = await horizontalOverflow(page)
        if (locale === 'en-GB' || ['network-home', 'network-manage', 'sign-up'].includes(screen.name)) {
          await e2e.screenshot(page, `phone-${screen.name}-${locale.slice(0, 2)}`)
        }
        expect(overflow, `${screen.name} (${locale}) overflows by ${overflow}px`).toBeLessThanOrEqual(0)
      }
      for (const page of pages.values()) await page.context().close()
    }
  })

  it('has no serious or critical axe-core violation on any screen', async () => {
    const pages = new Map<string, Page>()
    for (const screen of await screens()) {
      const page = await pageFor(pages, screen.account, {})
      await page.goto(screen.path)
      await screenReady(page)
      await e2e.expectNoSeriousAxeViolations(page, screen.name)
      if (screen.name === 'network-home') {
        await page.getByRole('button', { name: 'New idea' }).click()
        await e2e.expectNoSeriousAxeViolations(page, 'network home with the new-idea form')
      }
      if (screen.name === 'network-manage') {
        await page.getByRole('button', { name: 'Create invitation link' }).click()
        await page.getByRole('textbox', { name: /Invitation link/ }).waitFor()
        await page.getByRole('button', { name: /^Remove/ }).first().click()
        await e2e.expectNoSeriousAxeViolations(page, 'network manage with an invitation link and a removal to confirm')
      }
    }
    for (const page of pages.values()) await page.context().close()
  })
})

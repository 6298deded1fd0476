import type { Idea } from '@tandem/shared'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, startE2E, type E2E } from './harness.ts'

/**
 * What a newcomer sees between and around the screens: the frame of a screen at once on every navigation, data still
 * on its way as skeletons, limits and refused fields said in words in the reader's language, the admin's standing,
 * a way in from a no-access page, invitations that name their network, the demo's numbered sections, network cards
 * that do not repeat themselves, and a 404 for what does not exist.
 */
let e2e: E2E
const contexts: BrowserContext[] = []

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await e2e?.close()
})

async function open(options: Parameters<E2E['newContext']>[0] = {}): Promise<Page> {
  // No service worker: it would answer every navigation itself (200), and these tests read the server's statuses.
  const context = await e2e.newContext({ locale: 'en-GB', serviceWorkers: 'block', ...options })
  contexts.push(context)
  return context.newPage()
}

/**
 * Records, for every animation frame from the next click until the page holds `readySelector` with no skeleton left,
 * whether the page showed a screen's frame: its heading or the heading's skeleton. React hides a screen it leaves
 * (display: none), so only what is seen counts. A string, so the bundler's helpers never reach the page.
 */
async function recordFramesOfNextClick(page: Page, readySelector: string): Promise<void> {
  await page.evaluate(`(() => {
    const seen = (selector) => [...document.querySelectorAll(selector)].some((e) => e.checkVisibility())
    window.__frames = []
    document.addEventListener('click', () => {
      const tick = () => {
        const framed = seen('main h1') || seen('main .skeleton-heading')
        const ready = seen(${JSON.stringify(readySelector)}) && !seen('main .skeleton')
        window.__frames.push({ framed, ready, path: location.pathname })
        if (!ready && window.__frames.length < 2000) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    }, { capture: true, once: true })
  })()`)
}

async function framesRecorded(page: Page) {
  type Frame = { framed: boolean; ready: boolean; path: string }
  await page.waitForFunction(
    () => {
      const frames = (window as unknown as { __frames: Frame[] }).__frames
      return frames.length > 0 && frames[frames.length - 1]!.ready
    },
    undefined,
    { timeout: 30_000 },
  )
  return page.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames)
}

describe('moving between screens', () => {
  it('shows every screen’s frame in every frame painted after a click, never an empty page', async () => {
    const idea = await e2e.createIdea('asia', 'Cool roofs for schools')
    const page = await open({ account: e2e.admin })
    await page.goto('/networks')
    await page.locator('.network-card').first().waitFor()

    const steps: Array<{ click: () => Promise<void>; ready: string; path: string }> = [
      { click: () => page.getByRole('link', { name: 'Asia', exact: true }).click(), ready: 'main .idea-card', path: '/networks/asia' },
      { click: () => page.getByRole('link', { name: 'Cool roofs for schools' }).click(), ready: 'main .ProseMirror', path: `/networks/asia/ideas/${idea.id}` },
      { click: () => page.locator('.app-nav').getByRole('link', { name: 'Profile', exact: true }).click(), ready: 'main h2#profile-networks', path: '/profile' },
      { click: () => page.locator('.app-nav').getByRole('link', { name: 'Networks', exact: true }).click(), ready: 'main .network-card', path: '/networks' },
    ]
    for (const step of steps) {
      await recordFramesOfNextClick(page, step.ready)
      await step.click()
      const frames = await framesRecorded(page)
      expect(frames.length, step.path).toBeGreaterThan(0)
      expect(frames.filter((f) => !f.framed), `frames without the screen's frame on the way to ${step.path}`).toEqual([])
      expect(new URL(page.url()).pathname).toBe(step.path)
    }
  })

  it('shows a network’s name at once and skeletons where its ideas will be, until they arrive', async () => {
    const page = await open({ account: e2e.admin })
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    // The ideas' answer waits for the test: what the page shows meanwhile is what a slow connection shows.
    await page.route('**/api/networks/asia/ideas', async (route) => {
      await held
      await route.continue()
    })
    await page.goto('/networks')
    await page.locator('.network-card').first().waitFor()
    await page.getByRole('link', { name: 'Asia', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Asia' }).waitFor()
    const region = page.locator('main .ideas-region')
    await region.locator('.skeleton-card').first().waitFor()
    expect(await region.getAttribute('aria-busy')).toBe('true')
    expect(await page.getByRole('status').filter({ hasText: 'Loading…' }).count()).toBeGreaterThan(0)
    await e2e.screenshot(page, 'network-home-skeleton-en')
    release()
    await page.locator('main .idea-card').first().waitFor()
    expect(await page.locator('main .skeleton').count()).toBe(0)
  })
})

describe('limits and refused fields, in words', () => {
  it('says a title’s limit, and says so when a pasted title was cut to fit', async () => {
    const page = await open({ account: e2e.admin })
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.baseUrl })
    await page.goto('/networks/asia')
    await page.getByRole('button', { name: 'New idea' }).click()
    const title = page.getByLabel('Title')
    await page.getByText('0 of 200 characters').waitFor()

    // A blank title is refused in words before anything is sent.
    const posts: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url())
    })
    await title.fill('   ')
    await page.getByRole('button', { name: 'Create and open' }).click()
    await page.getByText('This is required.').waitFor()
    expect(await title.getAttribute('aria-invalid')).toBe('true')
    expect(posts).toEqual([])

    const long = 'Rainwater harvesting for public schools in Kisumu and Beira. '.repeat(90).slice(0, 5000)
    await page.evaluate((text) => navigator.clipboard.writeText(text), long)
    await title.fill('')
    await title.focus()
    await page.keyboard.press('ControlOrMeta+V')
    expect((await title.inputValue()).length).toBe(200)
    await page.getByText('200 of 200 characters').waitFor()
    await page.getByRole('status').filter({ hasText: 'The text you pasted had 5,000 characters: only the first 200 were kept.' }).waitFor()
    expect(await page.getByText('This is required.').count()).toBe(0)
    expect(await title.getAttribute('aria-invalid')).toBeNull()
    await e2e.screenshot(page, 'new-idea-title-cut-en')
  })

  it('says so when a pasted new name of an idea was cut to fit', async () => {
    const idea = await e2e.createIdea('asia', 'Green corridors for Hanoi')
    const page = await open({ account: e2e.admin })
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.baseUrl })
    await page.goto(`/networks/asia/ideas/${idea.id}`)
    await page.getByRole('button', { name: 'Rename' }).click()
    const input = page.locator('.idea-title-input')
    await page.evaluate((text) => navigator.clipboard.writeText(text), 'Shade and water for every street. '.repeat(100).slice(0, 3000))
    await input.fill('')
    await input.focus()
    await page.keyboard.press('ControlOrMeta+V')
    expect((await input.inputValue()).length).toBe(200)
    await page.getByRole('status').filter({ hasText: 'The text you pasted had 3,000 characters: only the first 200 were kept.' }).waitFor()
  })

  it('answers a refused sign-up with one sentence per field, in the reader’s language', async () => {
    const page = await open({ locale: 'fr-FR' })
    await page.goto('/signup')
    await page.locator('input[name="email"]').fill('noura@irbid')
    await page.locator('input[name="new-password"]').fill(PASSWORD)
    // Spaces pass the browser's own check; the server refuses them as an empty name.
    await page.locator('input[name="displayName"]').fill('   ')
    await page.locator('form button[type="submit"]').click()
    const alert = page.getByRole('alert').filter({ hasText: 'Certaines informations ne sont pas valides.' })
    await alert.waitFor()
    expect(await alert.getByRole('listitem').allTextContents()).toEqual([
      'Adresse e-mail : Saisissez une adresse e-mail comme nom@exemple.org.',
      'Votre nom : Ce champ est obligatoire.',
    ])
    expect(await alert.textContent()).not.toMatch(/invalid|json|required/i)
    const name = page.locator('input[name="displayName"]')
    expect(await name.getAttribute('aria-invalid')).toBe('true')
    const described = await name.evaluate((input) => (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' | '))
    expect(described).toContain('Ce champ est obligatoire.')
    await e2e.screenshot(page, 'sign-up-refused-fr')
    await e2e.expectNoSeriousAxeViolations(page, 'sign-up with refused fields (fr)')
  })

  it('says in words that a member to add has no account', async () => {
    const page = await open({ account: e2e.admin })
    await page.goto('/networks/asia/manage')
    const members = page.getByRole('region', { name: 'Members' })
    await members.getByLabel('Email address').fill('nobody.here@tandem.test')
    await members.getByRole('button', { name: 'Add member', exact: true }).click()
    await members.getByRole('alert').filter({ hasText: 'No account uses nobody.here@tandem.test.' }).waitFor()
  })
})

describe('who may do what, said plainly', () => {
  it('tells the admin they act in every network, and lists them all', async () => {
    const page = await open({ account: e2e.admin })
    await page.goto('/profile')
    const section = page.getByRole('region', { name: 'Your networks' })
    await section.getByText('You are this instance’s admin').waitFor()
    await section.getByRole('link', { name: 'Sub-Saharan Africa' }).waitFor()
    expect(await section.getByRole('listitem').count()).toBe(5)
    expect(await section.getByText('You are not in a network yet').count()).toBe(0)
    await e2e.screenshot(page, 'profile-admin-en')
  })

  it('offers Request to join on an idea’s no-access page, shows it pending, and opens the idea once admitted', async () => {
    const idea = await e2e.createIdea('south-east-europe', 'Tram priority at junctions in Sarajevo')
    const outsider = await e2e.createAccount('Selma Hadzic')
    const page = await open({ account: outsider })
    await page.goto(`/networks/south-east-europe/ideas/${idea.id}`)
    await page.getByRole('heading', { level: 1, name: 'No access to this idea' }).waitFor()
    await page.getByRole('button', { name: /Request to join/ }).click()
    await page.getByText('Request pending').waitFor()
    await e2e.screenshot(page, 'idea-no-access-pending-en')
    await page.reload()
    await page.getByText('Request pending').waitFor()

    const requests = await e2e.apiAs<Array<{ id: string; user: { id: string } }>>(e2e.admin, 'GET', '/networks/south-east-europe/join-requests')
    const request = requests.find((r) => r.user.id === outsider.user.id)!
    await e2e.apiAs(e2e.admin, 'POST', `/networks/south-east-europe/join-requests/${request.id}/approve`, { role: 'member' })
    // Back on the tab, the page asks again and opens the idea.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    await page.getByRole('heading', { level: 1, name: 'Tram priority at junctions in Sarajevo' }).waitFor({ timeout: 15_000 })
  })

  it('names the network and role on an invitation page, and says when a link no longer works', async () => {
    const invitation = await e2e.apiAs<{ token: string }>(e2e.admin, 'POST', '/networks/latin-america/invitations', { role: 'member' })
    const page = await open()
    const response = await page.goto(`/invitations/${invitation.token}`)
    expect(response?.status()).toBe(200)
    await page.getByRole('heading', { level: 1, name: 'Invitation to Latin America' }).waitFor()
    await page.getByText('You are invited to join the Latin America network on Tandem as a member').waitFor()
    await e2e.screenshot(page, 'invitation-named-en')

    const unknown = await page.goto('/invitations/no-such-token')
    expect(unknown?.status()).toBe(404)
    await page.getByRole('heading', { level: 1, name: 'This invitation link does not work' }).waitFor()

    const guest = await e2e.createAccount('Diego Rojas')
    await e2e.apiAs(guest, 'POST', `/invitations/${invitation.token}/accept`)
    const used = await page.goto(`/invitations/${invitation.token}`)
    expect(used?.status()).toBe(410)
    await page.getByRole('heading', { level: 1, name: 'This invitation can no longer be used' }).waitFor()
  })
})

describe('what the newcomer reads', () => {
  it('numbers the demo idea’s sections 1 to 11, as the template does', async () => {
    const ideas = await e2e.apiAs<Idea[]>(e2e.admin, 'GET', '/networks/sub-saharan-africa/ideas')
    const demo = ideas.find((i) => i.title === 'Solar-powered water kiosks for informal settlements')!
    const page = await open({ account: e2e.admin })
    await page.goto(`/networks/sub-saharan-africa/ideas/${demo.id}`)
    const sections = page.locator('main .ProseMirror h2')
    await sections.nth(10).waitFor()
    const numbers = (await sections.allTextContents()).map((text) => Number(text.split('.')[0]))
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  })

  it('shows a network’s region only when its name does not say it already', async () => {
    const page = await open()
    await page.goto('/networks')
    const card = (name: string) => page.locator('.network-card').filter({ has: page.getByRole('heading', { name, exact: true }) })
    await card('Asia').waitFor()
    for (const name of ['Asia', 'Latin America', 'Sub-Saharan Africa', 'South-East Europe', 'Middle East & North Africa']) {
      const text = (await card(name).locator('.network-card-head ~ p.muted').allTextContents()).join(' ')
      expect(text, name).toBe('')
    }
    await page.goto('/networks/asia')
    await page.getByRole('heading', { level: 1, name: 'Asia' }).waitFor()
    expect(await page.locator('.page-head p.muted').count()).toBe(0)
  })

  it('answers 404 with the friendly screen for an unknown page and an unknown idea', async () => {
    const page = await open({ account: e2e.admin })
    const unknownPage = await page.goto('/no/such/page')
    expect(unknownPage?.status()).toBe(404)
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor()

    const unknownNetwork = await page.goto('/networks/atlantis')
    expect(unknownNetwork?.status()).toBe(404)
    await page.getByRole('heading', { level: 1, name: 'Network not found' }).waitFor()

    const missing = '0b0e4a36-52cf-4c7e-9f0e-1b2c3d4e5f60'
    const unknownIdea = await page.goto(`/networks/asia/ideas/${missing}`)
    expect(unknownIdea?.status()).toBe(404)
    await page.getByRole('heading', { level: 1, name: 'Idea not found' }).waitFor()
    await e2e.screenshot(page, 'idea-not-found-en')
  })

  it('answers a stranger the same for an idea that exists and one that does not', async () => {
    const idea = await e2e.createIdea('middle-east-north-africa', 'Shaded bus stops in Irbid')
    const stranger = await e2e.createAccount('Omar Khalil')
    const page = await open({ account: stranger })
    for (const id of [idea.id, '0b0e4a36-52cf-4c7e-9f0e-1b2c3d4e5f60']) {
      const response = await page.goto(`/networks/middle-east-north-africa/ideas/${id}`)
      expect(response?.status(), id).toBe(200)
      await page.getByRole('heading', { level: 1, name: 'No access to this idea' }).waitFor()
    }
  })
})

/**
 * How long an in-app navigation leaves the page empty, in Chromium against the real server and the built app:
 * from the click to the first frame that shows the screen's frame (its h1), and to the first frame that shows its
 * data (no loading placeholder left). Run: `npm run build -w @tandem/web && npx tsx apps/web/scripts/measure-navigation.ts [rounds]`.
 * A measurement, not a test: it prints figures and asserts nothing.
 */
import type { Page } from 'playwright-core'
import { startE2E } from '../e2e/harness.ts'

const ROUNDS = Number(process.argv[2] ?? 5)

/** Clicks `link` and records, frame by frame (requestAnimationFrame, just before each paint), when the frame and the data appear. */
async function timeNavigation(page: Page, click: () => Promise<void>, urlPart: string) {
  // Let the screen we leave settle (presence and late data move its layout), so the click lands on its target.
  await page.waitForTimeout(500)
  // A string, not a function: tsx's keepNames would wrap a named arrow function in a helper the page does not have.
  await page.evaluate(`(() => {
    const part = ${JSON.stringify(urlPart)}
    window.__nav = { clickAt: 0, frameAt: null, headingAt: null, dataAt: null }
    document.addEventListener('click', () => {
      window.__nav.clickAt = performance.now()
      const tick = () => {
        const now = performance.now()
        const onTarget = location.pathname.includes(part)
        const seen = (selector) => [...document.querySelectorAll(selector)].some((e) => e.checkVisibility())
        const heading = onTarget && seen('main h1')
        const frame = heading || (onTarget && seen('main .skeleton-heading'))
        const loading = seen('main .loading, main .page-loading, main .skeleton, main [aria-busy="true"]')
        // React hides the screen it leaves (display: none) while the next one loads: only what is seen counts.
        if (frame && window.__nav.frameAt === null) window.__nav.frameAt = now
        if (heading && window.__nav.headingAt === null) window.__nav.headingAt = now
        if (heading && !loading && window.__nav.dataAt === null) window.__nav.dataAt = now
        if (window.__nav.dataAt === null) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    }, { capture: true, once: true })
  })()`)
  await click()
  await page
    .waitForFunction(() => (window as unknown as { __nav: { dataAt: number | null } }).__nav.dataAt !== null, undefined, { timeout: 30_000 })
    .catch(async (error: unknown) => {
      console.error(page.url(), await page.evaluate(() => JSON.stringify((window as unknown as { __nav: unknown }).__nav)), await page.locator('main').innerHTML())
      throw error
    })
  return page.evaluate(() => {
    const n = (window as unknown as { __nav: { clickAt: number; frameAt: number; headingAt: number; dataAt: number } }).__nav
    return { frame: n.frameAt - n.clickAt, heading: n.headingAt - n.clickAt, data: n.dataAt - n.clickAt }
  })
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main() {
  const e2e = await startE2E()
  try {
    const idea = await e2e.createIdea('asia', 'Measuring navigation')
    const results = new Map<string, Array<{ frame: number; heading: number; data: number }>>()
    const record = (name: string, r: { frame: number; heading: number; data: number }) => results.set(name, [...(results.get(name) ?? []), r])
    for (let round = 0; round < ROUNDS; round++) {
      // A fresh context each round: the first visit of each screen loads its chunk (the service worker is not yet in control).
      const context = await e2e.newContext({ account: e2e.admin, locale: 'en-GB', serviceWorkers: 'block' })
      const page = await context.newPage()
      await page.bringToFront()
      await page.goto('/networks')
      await page.locator('main h1').waitFor()
      await page.locator('.network-card').first().waitFor()
      record('directory → network', await timeNavigation(page, () => page.getByRole('link', { name: 'Asia' }).first().click(), '/networks/asia'))
      record('network → idea', await timeNavigation(page, () => page.getByRole('link', { name: 'Measuring navigation' }).first().click(), `/ideas/${idea.id}`))
      record('idea → profile', await timeNavigation(page, () => page.locator('.app-nav').getByRole('link', { name: 'Profile', exact: true }).click(), '/profile'))
      record('profile → directory', await timeNavigation(page, () => page.locator('.app-nav').getByRole('link', { name: 'Networks', exact: true }).click(), '/networks'))
      record('directory → network (again)', await timeNavigation(page, () => page.getByRole('link', { name: 'Asia' }).first().click(), '/networks/asia'))
      await context.close()
    }
    console.log(`click → first painted frame showing: the screen's frame (its heading or the heading's skeleton) / its heading / its data; median of ${ROUNDS} rounds (ms)`)
    const column = (rs: Array<{ frame: number; heading: number; data: number }>, key: 'frame' | 'heading' | 'data') => median(rs.map((r) => r[key])).toFixed(0).padStart(5)
    for (const [name, rs] of results) {
      console.log(`${name.padEnd(30)} frame ${column(rs, 'frame')}   heading ${column(rs, 'heading')}   data ${column(rs, 'data')}   (frame: ${rs.map((r) => r.frame.toFixed(0)).join(', ')})`)
    }
  } finally {
    await e2e.close()
  }
}

await main()

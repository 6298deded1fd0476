import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness.ts'

let e2e: E2E

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

describe('the app shell', () => {
  it('is served at / and sends a signed-out visitor to sign in', async () => {
    const context = await e2e.newContext({ locale: 'en-GB' })
    const page = await context.newPage()
    const response = await page.goto('/')
    expect(response?.status()).toBe(200)
    await page.waitForURL('**/signin')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr')
    await context.close()
  })

  it('loads again with no network once the service worker has cached it', async () => {
    const context = await e2e.newContext({ account: e2e.admin })
    const page = await context.newPage()
    await page.goto('/networks')
    // The worker installs and precaches the shell and every chunk, then controls the next load.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await page.reload()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await context.setOffline(true)
    await page.reload()
    await page.getByRole('navigation', { name: /main/i }).waitFor()
    await e2e.screenshot(page, 'offline-app-shell')
    expect(await page.evaluate(() => navigator.onLine)).toBe(false)
    await context.close()
  })
})

import type { Idea } from '@tandem/shared'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startE2E, type Account, type E2E } from './harness.ts'

/**
 * A person whose account already holds MAX_SOCKETS_PER_USER sockets (32 by default: `npm start`'s) opens one more
 * idea: the server refuses the socket with 4429, and the page says why and what to do instead of retrying forever.
 */
let e2e: E2E
let context: BrowserContext
const sockets: WebSocket[] = []

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  for (const socket of sockets) socket.terminate()
  await context?.close().catch(() => undefined)
  await e2e?.close()
})

/** A socket of the account in the idea's room, once the server let it in (its first frame arrived). */
function openSocket(account: Account, idea: Idea): Promise<WebSocket> {
  const url = `${e2e.baseUrl.replace('http', 'ws')}/collab/${idea.room}`
  const socket = new WebSocket(url, { headers: { cookie: `tandem_session=${account.token}` } })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('message', () => resolve(socket))
    socket.once('close', (code) => reject(new Error(`closed with ${code}`)))
    socket.once('error', reject)
  })
}

it('tells a person with too many tabs open why this one is not connected, and lets it in once one is closed', async () => {
  const account = await e2e.createAccount('Nadia Haddad')
  await e2e.addMember('asia', account, 'member')
  const idea = await e2e.createIdea('asia', 'Street lighting in Tyre')
  const held = await Promise.all(Array.from({ length: 32 }, () => openSocket(account, idea)))

  context = await e2e.newContext({ account, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await page.goto(`/networks/asia/ideas/${idea.id}`)
  const note = page.getByTestId('too-many-sockets')
  await note.waitFor({ timeout: 20_000 })
  expect(await note.getAttribute('role')).toBe('alert')
  expect(await note.textContent()).toContain('too many tabs or windows open')
  expect(await page.locator('[data-connection]').getAttribute('data-connection')).toBe('closed')
  expect(await page.locator('#idea-editor-content').getAttribute('contenteditable')).toBe('false')
  await e2e.expectNoSeriousAxeViolations(page, 'idea refused: too many tabs')
  await e2e.screenshot(page, 'idea-too-many-tabs')

  held[0]!.close()
  await new Promise((resolve) => held[0]!.once('close', resolve))
  await page.reload()
  await page.locator('[data-connection="live"]').waitFor({ timeout: 20_000 })
  expect(await page.getByTestId('too-many-sockets').count()).toBe(0)
})

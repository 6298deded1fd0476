import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { createDb, type Db } from '@tandem/db'
import { freePort, spawnServer } from '@tandem/server/test/child-server'
import type { Idea, User } from '@tandem/shared'

/**
 * The end-to-end harness: the real server (`node --import tsx apps/server/src/main.ts`, as `npm start` runs it) on a
 * free port with a fresh embedded database, serving the built app (apps/web/dist), and Debian's Chromium driven by
 * playwright-core. One per test file: PGlite and Chromium each take seconds to start.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const webDist = path.join(repoRoot, 'apps/web/dist')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Screenshots of the key screens, for a person to look at: printed once per run. */
export const SCREENSHOT_DIR = path.join(repoRoot, 'apps/web/e2e/screenshots')
export const PASSWORD = 'correct horse battery staple'
export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
/** A common phone today (390 × 844, as iPhone 12 to 14): what "above the fold" is measured against. */
export const PHONE_390: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

export interface Account {
  user: User
  email: string
  password: string
  /** The session token (value of the `tandem_session` cookie). */
  token: string
}

export interface E2E {
  baseUrl: string
  browser: Browser
  /** The first account of the fresh database: the admin (facilitator powers in every network). */
  admin: Account
  /** A browser context (its own cookies, storage and IndexedDB), optionally already signed in as `account`. */
  newContext(options?: BrowserContextOptions & { account?: Account }): Promise<BrowserContext>
  /** A new account made through the API (fast); sign in a context with `newContext({ account })`. */
  createAccount(displayName: string, extra?: Partial<Pick<User, 'organisation' | 'city' | 'country' | 'languages'>>): Promise<Account>
  /** As the admin: put an account into a network with a role. */
  addMember(networkSlug: string, account: Account, role: 'observer' | 'member' | 'facilitator'): Promise<void>
  /** As `account` (default the admin): create an idea; the server seeds the proposal template. */
  createIdea(networkSlug: string, title: string, account?: Account): Promise<Idea>
  /** Any API call as an account: JSON in and out, throws on non-2xx. */
  apiAs<T>(account: Account | null, method: string, apiPath: string, body?: unknown): Promise<T>
  screenshot(page: Page, name: string): Promise<string>
  /** Runs axe-core on the page and fails with a readable list when a serious or critical violation is found. */
  expectNoSeriousAxeViolations(page: Page, screen: string): Promise<void>
  /**
   * Stops the server, hands `write` its database (the embedded one's folder: one process at a time), and starts the
   * server again on the same port: for putting into the database what no client can write any more.
   */
  withDatabase(write: (db: Db['db']) => Promise<void>): Promise<void>
  /** The server's recent output, for failure messages. */
  serverOutput(): string
  /**
   * Stops the server as an upgrade would (SIGTERM: every change stored) and starts it again on the same database and
   * port; browsers keep their sessions and storage. Rooms load afresh from the database.
   */
  restartServer(): Promise<void>
  close(): Promise<void>
}

let printedScreenshotDir = false

/** Debian's Chromium as every e2e test runs it; `extraArgs` for a test's own (a host mapping, say). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync', ...extraArgs],
  })
}

export interface E2EOptions {
  /** More environment for the server (a setting a test file needs, e.g. a long sign-in wait). */
  serverEnv?: Record<string, string>
}

export async function startE2E(options: E2EOptions = {}): Promise<E2E> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`)
  if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('apps/web/dist is missing: run `npm run build -w @tandem/web` (npm test does)')
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  if (!printedScreenshotDir) {
    printedScreenshotDir = true
    console.log(`e2e screenshots: ${SCREENSHOT_DIR}`)
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-e2e-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const { DATABASE_URL: _ignored, ...inherited } = process.env
  // `npm start`'s server (node --import tsx apps/server/src/main.ts) in a process group of its own.
  const serverEnv = { ...inherited, DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...options.serverEnv }
  let server = spawnServer(serverEnv, port)
  await server.ready(60_000)
  async function stopServer(): Promise<void> {
    server.signal('SIGTERM')
    const ended = await Promise.race([server.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 15_000))])
    if (!ended) server.signal('SIGKILL')
    await server.exited
  }

  const browser = await launchChromium()

  async function apiAs<T>(account: Account | null, method: string, apiPath: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', origin: baseUrl }
    if (account) headers.cookie = `tandem_session=${account.token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${baseUrl}/api${apiPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${apiPath} answered ${response.status}: ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }

  let counter = 0
  async function createAccount(displayName: string, extra: Partial<Pick<User, 'organisation' | 'city' | 'country' | 'languages'>> = {}): Promise<Account> {
    counter += 1
    const email = `${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${counter}.${Date.now().toString(36)}@tandem.test`
    const response = await fetch(`${baseUrl}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({ email, password: PASSWORD, displayName, ...extra }),
    })
    if (response.status !== 201) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`)
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tandem_session='))
    if (!cookie) throw new Error('sign-up set no session cookie')
    const { user } = (await response.json()) as { user: User }
    return { user, email, password: PASSWORD, token: cookie.split(';')[0]!.slice('tandem_session='.length) }
  }

  const admin = await createAccount('Ada Admin', { organisation: 'City of Bonn', city: 'Bonn', country: 'Germany' })
  if (!admin.user.isAdmin) throw new Error('the first account of a fresh database is not the admin')

  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

  return {
    baseUrl,
    browser,
    admin,
    apiAs,
    createAccount,
    async newContext(options = {}) {
      const { account, ...contextOptions } = options
      const context = await browser.newContext({ baseURL: baseUrl, ...contextOptions })
      if (account) await context.addCookies([{ name: 'tandem_session', value: account.token, url: baseUrl }])
      return context
    },
    async addMember(networkSlug, account, role) {
      await apiAs(admin, 'POST', `/networks/${networkSlug}/members`, { email: account.email, role })
    },
    createIdea: (networkSlug, title, account = admin) => apiAs<Idea>(account, 'POST', `/networks/${networkSlug}/ideas`, { title }),
    async screenshot(page, name) {
      const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`)
      await page.screenshot({ path: file, fullPage: true })
      return file
    },
    async expectNoSeriousAxeViolations(page, screen) {
      // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
      await page.evaluate(axeSource)
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe
        const result = await axe.run(document, { resultTypes: ['violations'] })
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }))
      })
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      if (serious.length > 0) {
        throw new Error(`axe-core on ${screen}: ${serious.length} serious/critical violations\n${serious.map((v) => `- [${v.impact}] ${v.id}: ${v.help} at ${v.targets.join(', ')}`).join('\n')}`)
      }
    },
    async withDatabase(write) {
      await stopServer()
      const db = await createDb({ dataDir })
      try {
        await write(db.db)
      } finally {
        await db.close()
      }
      server = spawnServer(serverEnv, port)
      await server.ready(60_000)
    },
    serverOutput: () => server.output(),
    async restartServer() {
      await stopServer()
      server = spawnServer(serverEnv, port)
      await server.ready(60_000)
    },
    async close() {
      await browser.close().catch(() => undefined)
      await stopServer()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

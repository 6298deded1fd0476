import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WEB_APP_CSP, webAppRoutes } from './web-app.routes.ts'

let dist: string
const html = { accept: 'text/html,application/xhtml+xml' }

beforeAll(() => {
  dist = mkdtempSync(path.join(tmpdir(), 'tandem-web-dist-'))
  mkdirSync(path.join(dist, 'assets'))
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><head><title>Tandem</title></head><div id="root"></div>')
  const js = 'console.log("the app");'.repeat(100)
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), js)
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js.gz'), gzipSync(js))
  writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})')
})
afterAll(() => rmSync(dist, { recursive: true, force: true }))

const PAGE = '<!doctype html><head><title>Tandem</title></head><div id="root"></div>'

/** A built app of just a page and the given preload hints, removed after `use`. */
async function withHintedDist(hints: unknown, use: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-web-dist-'))
  try {
    writeFileSync(path.join(dir, 'index.html'), PAGE)
    writeFileSync(path.join(dir, 'preload-hints.json'), JSON.stringify(hints))
    await use(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('the web app at /', () => {
  it('serves index.html at / with the app CSP and no long caching', async () => {
    const response = await webAppRoutes(dist).request('/', { headers: html })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<div id="root">')
    expect(response.headers.get('content-security-policy')).toBe(WEB_APP_CSP)
    expect(response.headers.get('cache-control')).toBe('no-cache')
  })

  it('answers every screen path with index.html, so a reload of /networks/asia/ideas/… works', async () => {
    for (const screen of ['/signin', '/networks/asia', '/networks/asia/ideas/0b0e4a36-52cf-4c7e-9f0e-1b2c3d4e5f60/history']) {
      const response = await webAppRoutes(dist).request(screen, { headers: html })
      expect(response.status, screen).toBe(200)
      expect(await response.text()).toContain('<div id="root">')
    }
  })

  it('answers an unknown page 404 with the same page (the app shows its friendly screen) and its headers', async () => {
    for (const target of ['/no-such-page', '/networks/asia/nothing-here', '/signin/more']) {
      const response = await webAppRoutes(dist).request(target, { headers: html })
      expect(response.status, target).toBe(404)
      expect(await response.text()).toContain('<div id="root">')
      expect(response.headers.get('content-security-policy')).toBe(WEB_APP_CSP)
      expect(response.headers.get('cache-control')).toBe('no-cache')
    }
  })

  it('sends hashed assets precompressed when accepted, cached for a year', async () => {
    const response = await webAppRoutes(dist).request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip, deflate' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('content-type')).toMatch(/javascript/)
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toContain('the app')
    const plain = await webAppRoutes(dist).request('/assets/index-abc123.js')
    expect(plain.headers.get('content-encoding')).toBeNull()
  })

  it('lets the service worker control the whole origin and never caches it long', async () => {
    const response = await webAppRoutes(dist).request('/sw.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('service-worker-allowed')).toBe('/')
    expect(response.headers.get('cache-control')).toBe('no-cache')
  })

  it('does not answer missing assets, API paths or escapes with the page', async () => {
    for (const target of ['/assets/missing-123.js', '/api/nothing', '/collab/asia/x', '/../package.json', '/%2e%2e/package.json']) {
      const response = await webAppRoutes(dist).request(target, { headers: html })
      expect(response.status, target).toBe(404)
    }
  })

  it('says how to build the app when it is not built', async () => {
    const response = await webAppRoutes(path.join(dist, 'nowhere')).request('/', { headers: html })
    expect(response.status).toBe(503)
    expect(await response.text()).toContain('npm run build')
  })

  it('names in the page the chunks each kind of screen loads first (preload-hints.json)', async () => {
    const hints = {
      routes: [
        { pattern: '^/networks/[^/]+/ideas/[^/]+/?$', modules: ['/assets/quick-open-1.js', '/assets/editor-2.js'], styles: ['/assets/editor-3.css'] },
        { pattern: '^/', modules: ['/assets/main-4.js'], styles: [] },
      ],
    }
    await withHintedDist(hints, async (dir) => {
      const routes = webAppRoutes(dir)
      const idea = await routes.request('/networks/asia/ideas/0b0e4a36-52cf-4c7e-9f0e-1b2c3d4e5f60', { headers: { ...html, 'accept-encoding': 'gzip, br' } })
      expect(idea.status).toBe(200)
      expect(idea.headers.get('content-encoding')).toBe('br')
      expect(idea.headers.get('content-security-policy')).toBe(WEB_APP_CSP)
      expect(idea.headers.get('cache-control')).toBe('no-cache')
      const ideaPage = brotliDecompressSync(Buffer.from(await idea.arrayBuffer())).toString()
      expect(ideaPage).toContain('<link rel="modulepreload" crossorigin href="/assets/quick-open-1.js">')
      expect(ideaPage).toContain('<link rel="modulepreload" crossorigin href="/assets/editor-2.js">')
      expect(ideaPage).toContain('<link rel="preload" as="style" crossorigin href="/assets/editor-3.css">')
      expect(ideaPage).not.toContain('main-4.js')
      expect(ideaPage.indexOf('modulepreload')).toBeLessThan(ideaPage.indexOf('</head>'))

      for (const screen of ['/', '/signin', '/networks/asia', '/networks/asia/ideas/x/history']) {
        const page = await (await routes.request(screen, { headers: html })).text()
        expect(page, screen).toContain('href="/assets/main-4.js"')
        expect(page, screen).not.toContain('quick-open')
      }
    })
  })

  it('serves the page as built when the hints name anything but assets', async () => {
    await withHintedDist({ routes: [{ pattern: '^/', modules: ['"><script>alert(1)</script>'], styles: [] }] }, async (dir) => {
      const page = await (await webAppRoutes(dir).request('/signin', { headers: html })).text()
      expect(page).toBe(PAGE)
    })
  })
})

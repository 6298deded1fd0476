import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { signUp } from '../test/accounts.ts'
import { freePort, spawnServer, type ChildServer } from '../test/child-server.ts'

/**
 * The server as `npm start` runs it (no NODE_ENV) trusts only its own origin: a page on another local port (any
 * other program's web server on this machine) cannot act as the signed-in user. Only `npm run dev`, which sets
 * NODE_ENV=development, lets the Vite dev server's http://localhost:5173 in.
 */
describe('origins a started server trusts', () => {
  const started: { server: ChildServer; dataDir: string }[] = []
  afterAll(async () => {
    for (const { server, dataDir } of started) {
      server.signal('SIGTERM')
      await server.exited
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  async function start(nodeEnv: string | undefined): Promise<ChildServer> {
    const { NODE_ENV: _vitests, DATABASE_URL: _ignored, ...inherited } = process.env
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-origins-'))
    const env = { ...inherited, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_CONTENT: 'false', ...(nodeEnv ? { NODE_ENV: nodeEnv } : {}) }
    const server = spawnServer(env, await freePort())
    started.push({ server, dataDir })
    await server.ready(60_000)
    return server
  }

  const patchCity = (server: ChildServer, cookie: string, origin: string) =>
    fetch(`${server.url}/api/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, origin },
      body: JSON.stringify({ city: 'Accra' }),
    })

  it('npm start: a page on another local port is refused (403); its own origin is not', async () => {
    const server = await start(undefined)
    const { cookie } = await signUp(server)
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080']) {
      expect((await patchCity(server, cookie, origin)).status, origin).toBe(403)
    }
    expect((await patchCity(server, cookie, server.url)).status).toBe(200)
  }, 90_000)

  it('npm run dev (NODE_ENV=development): the Vite dev server on another port is let in', async () => {
    const server = await start('development')
    const { cookie } = await signUp(server)
    expect((await patchCity(server, cookie, 'http://localhost:5173')).status).toBe(200)
  }, 90_000)
})

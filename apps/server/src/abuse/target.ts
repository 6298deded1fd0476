import { openTestDb, type TestDb } from '@tandem/db/testing'
import type { Idea } from '@tandem/shared'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { sessionHeaders, signUp, type SignedInAccount } from '../test/accounts.ts'
import { freePort, spawnServer, type ChildServer } from '../test/child-server.ts'

/** The server under abuse: `npm start`'s process on a fresh database, its admin, and an idea to aim at. */
export interface Target {
  server: ChildServer
  pid: number
  admin: SignedInAccount
  idea: Idea
  /** A new account with the role in the idea's network. */
  account(role: 'observer' | 'member'): Promise<SignedInAccount>
  close(): Promise<void>
}

/**
 * Starts the server as a child process (so its RSS and event loop are its own) on a fresh embedded database, or on
 * a fresh PostgreSQL database of DATABASE_URL's server when `postgres` is set; `env` is added to its environment.
 */
export async function startTarget(options: { postgres: boolean; env?: Record<string, string> }): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-abuse-'))
  let pgDb: TestDb | null = null
  if (options.postgres) {
    pgDb = await openTestDb('postgres', { migrate: false })
    await pgDb.close()
  }
  const { DATABASE_URL: _unused, ...inherited } = process.env
  const env: NodeJS.ProcessEnv = { ...inherited, DATA_DIR: dataDir, LOG_LEVEL: 'error', NODE_ENV: 'test', DEMO_CONTENT: 'false', ...options.env }
  if (pgDb?.url) env.DATABASE_URL = pgDb.url
  const server = spawnServer(env, await freePort())
  await server.ready(60_000)
  const admin = await signUp(server, { displayName: 'Abuse Admin' })
  const api = async (method: string, apiPath: string, body: unknown) => {
    const response = await fetch(`${server.url}/api${apiPath}`, {
      method,
      headers: { ...sessionHeaders(server, admin.cookie), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${method} ${apiPath} answered ${response.status}: ${await response.text()}`)
    return response.json() as Promise<unknown>
  }
  const idea = (await api('POST', '/networks/asia/ideas', { title: 'Abuse target' })) as Idea
  return {
    server,
    pid: server.child.pid!,
    admin,
    idea,
    async account(role) {
      const account = await signUp(server)
      await api('POST', '/networks/asia/members', { email: account.email, role })
      return account
    },
    async close() {
      server.signal('SIGTERM')
      const timer = setTimeout(() => server.signal('SIGKILL'), 10_000)
      await server.exited
      clearTimeout(timer)
      rmSync(dataDir, { recursive: true, force: true })
      if (pgDb) {
        // openTestDb's destroy drops the database; its own connection is closed already.
        await pgDb.destroy().catch(() => {})
      }
    },
  }
}

/**
 * Grows the idea's document to about `mib` MiB of paragraphs in the editor's `default` fragment (what the editor's
 * schema accepts), written as the admin over a raw socket: one sync update per 64 KiB.
 */
export async function growDocument(target: Target, mib: number): Promise<number> {
  const doc = new Y.Doc()
  const socket = await openSocket(target, target.admin.cookie)
  const fragment = doc.getXmlFragment('default')
  const line = 'Water kiosks in Kisumu: context, objectives, stakeholders and a budget. '.repeat(14)
  const paragraphs = Math.ceil((mib * 1024 * 1024) / line.length)
  doc.on('update', (update: Uint8Array) => socket.send(syncFrame(2, update)))
  for (let i = 0; i < paragraphs; i += 64) {
    doc.transact(() => {
      for (let j = i; j < Math.min(paragraphs, i + 64); j++) {
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText(`${j} ${line}`)])
        fragment.push([paragraph])
      }
    })
  }
  const bytes = Y.encodeStateAsUpdate(doc).byteLength
  // The server has it all once it answers a request for everything with at least that many bytes.
  let ask: NodeJS.Timeout | undefined
  const answer = await new Promise<number>((resolve, reject) => {
    // A document past 4 MiB is answered in chunks (sync updates, then a sync step 2): counted together.
    let answered = 0
    socket.on('message', (data: Buffer) => {
      if (data[0] !== 0 || (data[1] !== 1 && data[1] !== 2)) return
      answered += data.byteLength
      if (data[1] !== 1) return
      if (answered >= bytes) resolve(answered)
      answered = 0
    })
    socket.once('close', (code) => reject(new Error(`the writer's socket closed with ${code}`)))
    ask = setInterval(() => socket.send(syncFrame(0, Y.encodeStateVector(new Y.Doc()))), 500)
  }).finally(() => clearInterval(ask))
  socket.close()
  doc.destroy()
  return answer
}

export function openSocket(target: Target, cookie: string | null): Promise<WebSocket> {
  const socket = new WebSocket(`${target.server.wsUrl}/${target.idea.room}`, { headers: cookie ? { cookie } : {} })
  socket.on('error', () => {})
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket))
    socket.once('error', reject)
    socket.once('close', (code) => reject(new Error(`closed with ${code} before it opened`)))
  })
}

/** `varUint 0` (sync), the sync step, `varUint8Array` the payload (all three varUints here fit in the bytes used). */
export function syncFrame(step: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const length: number[] = []
  let n = payload.byteLength
  while (n > 0x7f) {
    length.push((n & 0x7f) | 0x80)
    n >>>= 7
  }
  length.push(n)
  const frame = new Uint8Array(2 + length.length + payload.byteLength)
  frame[0] = 0
  frame[1] = step
  frame.set(length, 2)
  frame.set(payload, 2 + length.length)
  return frame
}

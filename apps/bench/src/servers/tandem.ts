import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { cleanEnv, envFlags, freePort, spawnServer, waitForHttp } from './launch.ts'
import { startScriptFlags } from './start-flags.ts'
import { tandemTree } from './tandem-tree.ts'
import type { RunningServer, ServerKind, ServerKindName, StartOptions, StorageHandle } from './types.ts'

/** One statement on the server of DATABASE_URL (create or drop a bench database). */
export async function adminQuery(url: string, statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await client.query(statement)
  } finally {
    await client.end()
  }
}

/**
 * Tandem as `npm start` runs it (with its start script's node flags), on a fresh embedded database, or on a fresh
 * PostgreSQL database. With `ref`, that commit's Tandem (`--compare-ref`): a row of its own beside the measured one,
 * not judged against the targets.
 */
export function tandemKind(dialect: 'pglite' | 'postgres', ref?: string): ServerKind {
  const label = dialect === 'pglite' ? 'Tandem (PGlite)' : 'Tandem (PostgreSQL)'
  const kind: ServerKind = {
    name: `${dialect === 'pglite' ? 'tandem' : 'tandem-pg'}${ref ? `@${ref}` : ''}` as ServerKindName,
    label: ref ? `${label} at ${ref}` : label,
    dialect: 'y-websocket',
    persistent: true,
    crdt: true,
    unavailable: () =>
      dialect === 'postgres' && !process.env.DATABASE_URL ? 'DATABASE_URL is not set: the PostgreSQL variant is skipped' : null,
    start: (options) => startTandem(kind, dialect, ref ? { ...options, tandemRef: ref } : options),
  }
  return kind
}

async function freshStorage(dialect: 'pglite' | 'postgres'): Promise<StorageHandle> {
  if (dialect === 'pglite') return { dataDir: mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-data-')) }
  const base = process.env.DATABASE_URL!
  const databaseName = `tandem_bench_${randomBytes(6).toString('hex')}`
  await adminQuery(base, `CREATE DATABASE ${databaseName}`)
  const url = new URL(base)
  url.pathname = `/${databaseName}`
  return { databaseUrl: url.toString(), databaseName }
}

async function dropStorage(storage: StorageHandle): Promise<void> {
  if (storage.dataDir) rmSync(storage.dataDir, { recursive: true, force: true })
  if (storage.databaseName) {
    await adminQuery(process.env.DATABASE_URL!, `DROP DATABASE IF EXISTS ${storage.databaseName} WITH (FORCE)`)
  }
}

const BENCH_ACCOUNT = { email: 'bench@tandem.test', password: 'bench account password 1', displayName: 'Bench' }

/**
 * With accounts, rooms and ideas need a session: the bench signs up (the first account of a fresh database is its
 * admin) or, on a database it used before, logs in, and sends the cookie. A server without accounts answers 404.
 */
async function signIn(base: string): Promise<Record<string, string>> {
  const post = (route: string, body: object) =>
    fetch(`${base}/api/auth/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify(body),
    })
  let response = await post('signup', BENCH_ACCOUNT)
  if (response.status === 404) return {}
  if (response.status === 409) response = await post('login', { email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password })
  if (!response.ok) throw new Error(`signing the bench account in answered ${response.status}: ${await response.text()}`)
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tandem_session='))
  return cookie ? { cookie: cookie.split(';')[0]! } : {}
}

/**
 * BENCH_TANDEM_FLAGS: node flags for the working tree's Tandem alone (BENCH_NODE_FLAGS is for every server), so that
 * `--compare-ref HEAD` measures a flag's effect against the same code without it, taking turns in one run.
 */
function tandemFlags(): string[] {
  return envFlags('BENCH_TANDEM_FLAGS')
}

async function startTandem(kind: ServerKind, dialect: 'pglite' | 'postgres', options: StartOptions): Promise<RunningServer> {
  const storage = options.storage ?? (await freshStorage(dialect))
  const port = await freePort()
  const root = tandemTree(options.tandemRef ?? null)
  const proc = spawnServer(
    path.join(root, 'apps/server/src/main.ts'),
    cleanEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: options.logLevel ?? 'warn',
      DATA_DIR: storage.dataDir,
      DATABASE_URL: storage.databaseUrl,
      // Every bench client signs in as the one bench account; the per-user cap (default 32) is not what is measured.
      MAX_SOCKETS_PER_USER: '100000',
    }),
    [...startScriptFlags(root), ...(options.nodeFlags ?? []), ...(options.tandemRef ? [] : tandemFlags())],
    path.join(root, 'apps/server'),
  )
  const base = `http://127.0.0.1:${port}`
  let headers: Record<string, string>
  try {
    await waitForHttp(`${base}/api/health`, proc, 90_000, 200)
    headers = await signIn(base)
  } catch (err) {
    await proc.stop()
    if (!options.storage) await dropStorage(storage)
    throw err
  }
  return {
    kind,
    pid: proc.pid,
    port,
    wsBase: `ws://127.0.0.1:${port}/collab`,
    probeSocket: proc.probeSocket,
    storage,
    storedParam: { stored: '1' },
    headers,
    output: proc.output,
    onLine: proc.onLine,
    async createRoom(index) {
      const response = await fetch(`${base}/api/networks/asia/ideas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base, ...headers },
        body: JSON.stringify({ title: `Bench idea ${index}` }),
      })
      if (response.status !== 201) throw new Error(`creating an idea answered ${response.status}: ${await response.text()}`)
      return ((await response.json()) as { room: string }).room
    },
    async databasePids() {
      if (!storage.databaseName) return []
      const result = await adminQuery(
        process.env.DATABASE_URL!,
        `SELECT pid FROM pg_stat_activity WHERE datname = '${storage.databaseName}'`,
      )
      return result.rows.map((row: { pid: number }) => row.pid)
    },
    async stop(stopOptions = {}) {
      await proc.stop()
      if (stopOptions.drop) await dropStorage(storage)
    },
  }
}

import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROBE = fileURLToPath(new URL('../probe/loop-delay.ts', import.meta.url))
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

export { freePort } from '@tandem/server/test/child-server'

/** Node flags given in an environment variable, space-separated (BENCH_NODE_FLAGS, BENCH_TANDEM_FLAGS). */
export function envFlags(name: string): string[] {
  return process.env[name]?.split(' ').filter(Boolean) ?? []
}

/** The environment of a server process: ours without npm's and turbo's variables (Tandem watches for npm parents). */
export function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('npm_') || key.startsWith('TURBO_') || key === 'INIT_CWD' || key === 'DATABASE_URL') continue
    env[key] = value
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value
  return env
}

export interface ServerProcess {
  child: ChildProcess
  pid: number
  probeSocket: string
  exited: Promise<void>
  output(): string
  onLine(listener: (line: string) => void): () => void
  /** SIGTERM, then SIGKILL after the deadline; resolves once the process has exited. */
  stop(deadlineMs?: number): Promise<void>
}

/** Starts `node --expose-gc --import tsx --import <probe> <script>`: every server runs under the same probe. */
export function spawnServer(script: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = [], cwd?: string): ServerProcess {
  const probeSocket = path.join(os.tmpdir(), `tandem-bench-probe-${randomBytes(6).toString('hex')}.sock`)
  const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, '--import', 'tsx', '--import', PROBE, script], {
    env: { ...env, BENCH_PROBE_SOCKET: probeSocket },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (child.pid === undefined) throw new Error(`could not start ${script}`)
  let log = ''
  let partial = ''
  const listeners = new Set<(line: string) => void>()
  // BENCH_SERVER_OUTPUT=<folder>: every server's whole output is also written to <folder>/<pid>.log (for node flags
  // that trace, like --trace-deopt).
  const tee = process.env.BENCH_SERVER_OUTPUT ? path.join(process.env.BENCH_SERVER_OUTPUT, `${child.pid}.log`) : null
  const keep = (chunk: Buffer) => {
    const text = chunk.toString()
    if (tee) appendFileSync(tee, text)
    log = (log + text).slice(-16_000)
    partial += text
    let newline: number
    while ((newline = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, newline)
      partial = partial.slice(newline + 1)
      for (const listener of listeners) listener(line)
    }
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  let ended = false
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      ended = true
      rmSync(probeSocket, { force: true })
      resolve()
    })
  })
  return {
    child,
    pid: child.pid,
    probeSocket,
    exited,
    output: () => log,
    onLine(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async stop(deadlineMs = 15_000) {
      if (ended) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Resolves once the URL answers (any status, or only `status` when given). */
export async function waitForHttp(url: string, proc: ServerProcess, timeoutMs = 60_000, status?: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exited = false
  void proc.exited.then(() => (exited = true))
  for (;;) {
    if (exited) throw new Error(`server exited before it was ready:\n${proc.output()}`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      await response.arrayBuffer()
      if (status === undefined || response.status === status) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not answer ${url} within ${timeoutMs} ms:\n${proc.output()}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

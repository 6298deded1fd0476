import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url))

/** A port that was free a moment ago (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export interface ChildServer {
  child: ChildProcess
  port: number
  url: string
  wsUrl: string
  /** Resolves when the process has ended, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** The last few kilobytes the process wrote to stdout and stderr, for failure messages. */
  output(): string
  /** Sends the signal to the process group (the server and anything it started). No-op once it has ended. */
  signal(signal: NodeJS.Signals): void
  /** Resolves once GET /api/health answers 200 (PGlite's first open of a folder takes seconds). */
  ready(timeoutMs?: number): Promise<void>
}

/**
 * Runs the real server (`node --import tsx src/main.ts`) as a child process in its own process group, so a test can
 * SIGKILL it. `env` is the whole environment of the child. Returns at once: register the handle for cleanup, then
 * await `ready()`.
 */
export function spawnServer(env: NodeJS.ProcessEnv, port: number): ChildServer {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let log = ''
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  let ended = false
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      ended = true
      resolve({ code, signal })
    })
  })
  const server: ChildServer = {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    exited,
    output: () => log,
    signal(signal) {
      if (ended || child.pid === undefined) return
      try {
        process.kill(-child.pid, signal)
      } catch {
        // the group is gone already
      }
    },
    async ready(timeoutMs = 45_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        if (ended) throw new Error(`server exited before it was ready:\n${log}`)
        try {
          const response = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2_000) })
          if (response.status === 200) return
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`server did not answer /api/health with 200 within ${timeoutMs} ms:\n${log}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
  }
  return server
}

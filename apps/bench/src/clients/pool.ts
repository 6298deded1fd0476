import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { cpuSeconds, sumOver } from '../proc.ts'
import type { FromWorker, ToWorker, WorkerInit } from './messages.ts'

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))

/** One forked client process, seen from the bench. */
export class ClientProcess {
  readonly child: ChildProcess
  private readonly inbox: FromWorker[] = []
  private waiter: { type: string; resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null
  private failure: Error | null = null

  constructor(readonly init: WorkerInit) {
    this.child = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    this.child.on('message', (message: FromWorker) => {
      if (message.type === 'error') return this.fail(new Error(`client process failed: ${message.message}`))
      if (this.waiter && this.waiter.type === message.type) {
        const { resolve } = this.waiter
        this.waiter = null
        resolve(message)
      } else this.inbox.push(message)
    })
    this.child.on('exit', (code, signal) => {
      if (code !== 0) this.fail(new Error(`client process exited with ${code ?? signal}`))
    })
    this.send({ type: 'init', init })
  }

  get pid(): number {
    return this.child.pid!
  }

  private fail(error: Error): void {
    this.failure ??= error
    if (this.waiter) {
      const { reject } = this.waiter
      this.waiter = null
      reject(error)
    }
  }

  send(message: ToWorker): void {
    if (this.child.connected) this.child.send(message)
  }

  next<T extends FromWorker['type']>(type: T, timeoutMs = 300_000): Promise<Extract<FromWorker, { type: T }>> {
    const i = this.inbox.findIndex((m) => m.type === type)
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0] as Extract<FromWorker, { type: T }>)
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`client process: no "${type}" within ${timeoutMs} ms`)), timeoutMs)
      this.waiter = {
        type,
        resolve: (m) => {
          clearTimeout(timer)
          resolve(m as Extract<FromWorker, { type: T }>)
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        },
      }
    })
  }

  async exit(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    this.send({ type: 'exit' })
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
}

/** A set of client processes: start them, broadcast to them, their CPU time together. */
export class ClientPool {
  readonly processes: ClientProcess[]

  constructor(inits: WorkerInit[]) {
    this.processes = inits.map((init) => new ClientProcess(init))
  }

  broadcast(message: ToWorker): void {
    for (const p of this.processes) p.send(message)
  }

  all<T extends FromWorker['type']>(type: T, timeoutMs?: number): Promise<Extract<FromWorker, { type: T }>[]> {
    return Promise.all(this.processes.map((p) => p.next(type, timeoutMs)))
  }

  cpuSeconds(): number {
    return sumOver(this.processes.map((p) => p.pid), cpuSeconds)
  }

  async exit(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.exit()))
  }
}

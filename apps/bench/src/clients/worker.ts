/**
 * A client process. The bench forks several, so that client work never shares the server's event loop nor one
 * core: each gets its role in an init message, says ready, writes between start and end, and reports.
 */
import { runIdle } from './idle.ts'
import type { FromWorker, ToWorker } from './messages.ts'
import { runProviders } from './providers-role.ts'
import { runRawWriters } from './raw-writers.ts'

export type Send = (message: FromWorker) => void
export type Next = <T extends ToWorker['type']>(type: T) => Promise<Extract<ToWorker, { type: T }>>

const send: Send = (message) => process.send!(message)
const waiting = new Map<string, (message: ToWorker) => void>()
const early = new Map<string, ToWorker>()
const next: Next = (type) =>
  new Promise((resolve) => {
    const message = early.get(type)
    if (message) {
      early.delete(type)
      resolve(message as never)
    } else waiting.set(type, resolve as (message: ToWorker) => void)
  })

process.on('message', (message: ToWorker) => {
  if (message.type === 'exit') process.exit(0)
  const resolve = waiting.get(message.type)
  if (resolve) {
    waiting.delete(message.type)
    resolve(message)
  } else early.set(message.type, message)
})
process.on('disconnect', () => process.exit(0))
// Each WebsocketProvider listens for the process's exit: hundreds of them are expected here.
process.setMaxListeners(0)

const { init } = await next('init')
try {
  if (init.role === 'providers') await runProviders(init, send, next)
  else if (init.role === 'raw-writers') await runRawWriters(init, send, next)
  else await runIdle(init, send, next)
} catch (err) {
  send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) })
}

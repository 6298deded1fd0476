import { monoMs } from './clock.ts'

/**
 * Calls write() every `everyMs` from startAt + a random phase until endAt (both on monoMs's clock), correcting for
 * timer drift.
 */
export function writeAtRate(startAt: number, endAt: number, everyMs: number, write: () => void): void {
  let next = startAt + Math.random() * everyMs
  const tick = () => {
    const now = monoMs()
    if (now >= endAt) return
    if (now >= next) {
      write()
      next += everyMs
    }
    setTimeout(tick, Math.max(0, Math.min(next, endAt) - monoMs()))
  }
  setTimeout(tick, Math.max(0, next - monoMs()))
}

/** Runs the tasks with at most `limit` at once. */
export async function withConcurrency<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let index = 0
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (index < items.length) {
      const i = index++
      await task(items[i]!, i)
    }
  })
  await Promise.all(lanes)
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Hands each message that `wait` resolves with to `handle`, one after another, for as long as the process lives. */
export function onEach<T>(wait: () => Promise<T>, handle: (message: T) => void): void {
  void (async () => {
    for (;;) handle(await wait())
  })()
}

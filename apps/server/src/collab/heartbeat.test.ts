import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import { Connection } from './connection.ts'
import { Heartbeat } from './heartbeat.ts'

/** A connection whose socket counts pings and answers them (or not). */
function fakeConnection(pings: number[], answers = true) {
  const listeners: Record<string, () => void> = {}
  let terminated = false
  const socket = {
    readyState: 1,
    OPEN: 1,
    bufferedAmount: 0,
    send: () => {},
    on: (event: string, listener: () => void) => (listeners[event] = listener),
    ping: () => {
      pings.push(Date.now())
      if (answers) queueMicrotask(() => listeners.pong?.())
    },
    terminate: () => (terminated = true),
  }
  const connection = new Connection(socket as unknown as WebSocket, 'u', 'write', false, 1 << 20, {
    recheck: async () => 'write',
  })
  return { connection, terminated: () => terminated }
}

describe('Heartbeat', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('spreads the pings of sockets that connected together over the period', async () => {
    const heartbeat = new Heartbeat({ keepaliveAfterMs: 60_000, pingEveryMs: 1_600 })
    const pings: number[] = []
    for (let i = 0; i < 160; i++) heartbeat.add(fakeConnection(pings).connection)
    await vi.advanceTimersByTimeAsync(1_600)
    // Every socket pinged once in the period, at most two slots' worth (a tenth each) at a time, never all at once.
    expect(pings).toHaveLength(160)
    const perTick = new Map<number, number>()
    for (const at of pings) perTick.set(at, (perTick.get(at) ?? 0) + 1)
    expect(Math.max(...perTick.values())).toBeLessThanOrEqual(2 * (160 / 16))
    expect(perTick.size).toBeGreaterThanOrEqual(8)
    await vi.advanceTimersByTimeAsync(1_600)
    expect(pings).toHaveLength(320)
    heartbeat.stop()
  })

  it('terminates a socket that did not answer its ping by the next one, and keeps one that did', async () => {
    const heartbeat = new Heartbeat({ keepaliveAfterMs: 60_000, pingEveryMs: 1_600 })
    const pings: number[] = []
    const live = fakeConnection(pings)
    const dead = fakeConnection(pings, false)
    heartbeat.add(live.connection)
    heartbeat.add(dead.connection)
    await vi.advanceTimersByTimeAsync(1_600)
    expect(dead.terminated()).toBe(false)
    await vi.advanceTimersByTimeAsync(1_600)
    expect(dead.terminated()).toBe(true)
    expect(dead.connection.closed).toBe(true)
    expect(live.terminated()).toBe(false)
    heartbeat.stop()
  })
})

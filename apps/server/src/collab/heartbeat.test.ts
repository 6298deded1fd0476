import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import { Connection } from './connection.ts'
import { Heartbeat, HEARTBEAT_DEFAULTS } from './heartbeat.ts'

/** A connection whose socket counts pings and answers them while `answering` is set; its owner notes silences. */
function fakeConnection(pings: number[], answers = true) {
  const listeners: Record<string, () => void> = {}
  const state = { answering: answers, terminatedAt: 0, silentAt: [] as number[], backAt: [] as number[], lateAnswer: () => listeners.pong?.() }
  const socket = {
    readyState: 1,
    OPEN: 1,
    bufferedAmount: 0,
    send: () => {},
    on: (event: string, listener: () => void) => (listeners[event] = listener),
    ping: () => {
      pings.push(Date.now())
      if (state.answering) queueMicrotask(() => listeners.pong?.())
    },
    terminate: () => (state.terminatedAt ||= Date.now()),
  }
  const connection = new Connection(socket as unknown as WebSocket, 'u', 'write', false, 1 << 20, {
    recheck: async () => 'write',
    wentSilent: () => state.silentAt.push(Date.now()),
    answeredAgain: () => state.backAt.push(Date.now()),
  })
  return { connection, state }
}

describe('Heartbeat', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('spreads the pings of sockets that connected together over the period', async () => {
    const heartbeat = new Heartbeat({ keepaliveAfterMs: 60_000, pingEveryMs: 1_600, silentAfterMs: 800, deadAfterMs: 1_600 })
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

  it('terminates a socket that has not answered for deadAfterMs, and keeps one that did', async () => {
    const heartbeat = new Heartbeat({ keepaliveAfterMs: 60_000, pingEveryMs: 1_600, silentAfterMs: 800, deadAfterMs: 1_600 })
    const pings: number[] = []
    const live = fakeConnection(pings)
    const dead = fakeConnection(pings, false)
    heartbeat.add(live.connection)
    heartbeat.add(dead.connection)
    await vi.advanceTimersByTimeAsync(1_600)
    expect(dead.state.terminatedAt).toBe(0)
    await vi.advanceTimersByTimeAsync(1_600)
    expect(dead.state.terminatedAt).toBeGreaterThan(0)
    expect(dead.connection.closed).toBe(true)
    expect(live.state.terminatedAt).toBe(0)
    expect(live.state.silentAt).toEqual([])
    heartbeat.stop()
  })

  it('with its defaults, says a socket whose network died is silent within 16.25 s, well before the 30 s peers wait', async () => {
    const heartbeat = new Heartbeat(HEARTBEAT_DEFAULTS)
    const pings: number[] = []
    const { connection, state } = fakeConnection(pings)
    heartbeat.add(connection)
    // The worst moment for the network to die: just after the socket answered a ping.
    await vi.advanceTimersByTimeAsync(HEARTBEAT_DEFAULTS.pingEveryMs * 2)
    while (pings.length < 2) await vi.advanceTimersByTimeAsync(10)
    const diedAt = Date.now()
    state.answering = false
    await vi.advanceTimersByTimeAsync(30_000)
    expect(state.silentAt).toHaveLength(1)
    expect(state.silentAt[0]! - diedAt).toBeLessThanOrEqual(16_250)
    // Terminated later, when it has not answered for deadAfterMs (a slow phone's ping may wait behind a large sync).
    await vi.advanceTimersByTimeAsync(10_000)
    expect(state.terminatedAt - diedAt).toBeGreaterThanOrEqual(HEARTBEAT_DEFAULTS.deadAfterMs)
    expect(state.terminatedAt - diedAt).toBeLessThanOrEqual(HEARTBEAT_DEFAULTS.pingEveryMs + 1_250 + HEARTBEAT_DEFAULTS.deadAfterMs)
    heartbeat.stop()
  })

  it('hears a silent socket that answers again, by a pong or by any message, before it is terminated', async () => {
    const heartbeat = new Heartbeat({ keepaliveAfterMs: 60_000, pingEveryMs: 1_000, silentAfterMs: 500, deadAfterMs: 5_000 })
    const pings: number[] = []
    const { connection, state } = fakeConnection(pings, false)
    heartbeat.add(connection)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(state.silentAt).toHaveLength(1)
    // A message from the client (its ping queued behind a large sync) answers as a pong would.
    connection.heard = true
    await vi.advanceTimersByTimeAsync(200)
    expect(state.backAt).toHaveLength(1)
    // Silent again at its next unanswered ping, and back when that ping's pong arrives at last.
    await vi.advanceTimersByTimeAsync(2_000)
    expect(state.silentAt).toHaveLength(2)
    state.lateAnswer()
    await vi.advanceTimersByTimeAsync(200)
    expect(state.backAt).toHaveLength(2)
    expect(state.terminatedAt).toBe(0)
    heartbeat.stop()
  })
})

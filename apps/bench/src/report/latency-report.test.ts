import { describe, expect, it } from 'vitest'
import type { LatencyResult } from '../scenarios/latency.ts'
import { kindByName } from '../servers/kinds.ts'
import { latencyOutcome } from './latency-report.ts'

/** A server's result with the given pooled p99 and p99 per round; everything else plausible and equal. */
function result(server: string, p99: number, windowP99: number[]): LatencyResult {
  return {
    server,
    latency: { count: 1000, p50: 1, p99, max: p99 * 2, mean: 1.2 },
    windowP99,
    delivered: 1,
    deliveredCount: 1000,
    expectedCount: 1000,
    writes: 100,
    server_: {
      cpuSeconds: 3,
      dbCpuSeconds: null,
      rssPeak: 100e6,
      rssEnd: 100e6,
      loop: { p50: 0.5, p99: 1.5, max: 3, mean: 0.6, samples: 100 },
      windowSeconds: 30,
      probeLateMs: 0,
    },
    clientCpuCores: 0.3,
    machine: { othersCores: 0.05, stealCores: 0 },
    windowOthersCores: windowP99.map(() => 0.05),
    connectFailures: 0,
  }
}

const kinds = ['tandem', 'relay', 'y-websocket', 'hocuspocus'].map(kindByName)
/** Ten rounds at the same p99. */
const steady = (p99: number) => Array.from({ length: 10 }, () => p99)

/** The misses for a Tandem beside a relay steady at 3 ms (its × 1.3 is 3.9 ms) and the two peers given. */
function misses(tandem: LatencyResult, yWebsocket: LatencyResult, hocuspocus: LatencyResult): string[] {
  const results = new Map<string, LatencyResult | Error>([
    ['tandem', tandem],
    ['relay', result('relay', 3, steady(3))],
    ['y-websocket', yWebsocket],
    ['hocuspocus', hocuspocus],
  ])
  return latencyOutcome('3', 'twenty rooms', kinds, results, { relative: true, absolute: false }).misses
}

describe('the misses of scenarios 1 and 3', () => {
  it('say whether the rounds resolve a miss: above in 9 of 10 rounds is resolved, 6 of 10 is not', () => {
    const found = misses(
      result('Tandem', 5, [...steady(5).slice(0, 9), 2]),
      result('y-websocket', 4.5, steady(4)),
      result('hocuspocus', 4.8, [...steady(4).slice(0, 6), ...steady(6).slice(0, 4)]),
    )
    expect(found).toEqual([
      "Tandem (PGlite): p99 5.0 ms > 3.9 ms, 1.3× the floor's 3.0 ms; above it in 9 of 10 rounds, which the run resolves (sign test p = 0.011)",
      "Tandem (PGlite): p99 5.0 ms > y-websocket's (4.5 ms); above it in 9 of 10 rounds, which the run resolves (sign test p = 0.011)",
      "Tandem (PGlite): p99 5.0 ms > hocuspocus's (4.8 ms); above it in 6 of 10 rounds, which the run does not tell from noise (sign test p = 0.377)",
    ])
  })

  it('write two p99s that round alike with the decimals that tell them apart', () => {
    const found = misses(result('Tandem', 2.63, steady(2.7)), result('y-websocket', 2.58, steady(2.5)), result('hocuspocus', 2.7, steady(2.7)))
    expect(found).toEqual([
      "Tandem (PGlite): p99 2.63 ms > y-websocket's (2.58 ms); above it in 10 of 10 rounds, which the run resolves (sign test p < 0.001)",
    ])
  })

  it('are judged on the pooled p99 alone: a Tandem at or under every bound misses nothing, whatever its rounds', () => {
    expect(misses(result('Tandem', 3.9, steady(5)), result('y-websocket', 4, steady(4)), result('hocuspocus', 4, steady(4)))).toEqual([])
  })
})

describe('the rest of the machine', () => {
  const outcome = (tandemMachine: LatencyResult['machine']) => {
    const results = new Map<string, LatencyResult | Error>([
      ['tandem', { ...result('Tandem', 4, steady(4)), machine: tandemMachine }],
      ['relay', result('relay', 3, steady(3))],
    ])
    return latencyOutcome('3', 'twenty rooms', kinds, results, { relative: true, absolute: false })
  }

  it("is said for every server's windows, other processes' CPU and steal", () => {
    expect(outcome({ othersCores: 0.12, stealCores: 0.01 }).notes).toContain(
      "The rest of the machine during each server's windows (CPU of all other processes, the bench's own included / steal): Tandem (PGlite) 12 % / 1 %, relay (floor) 5 % / 0 %.",
    )
  })

  it('marks the windows where other work took a quarter of a core or more, and no others', () => {
    const marked = (machine: LatencyResult['machine']) => outcome(machine).notes.filter((note) => note.startsWith('⚠'))
    expect(marked({ othersCores: 0.2, stealCores: 0.1 })).toEqual([
      '⚠ Tandem (PGlite): other work took 30 % of a core during its windows: its figures carry that load too.',
    ])
    expect(marked({ othersCores: 0.2, stealCores: 0.04 })).toEqual([])
  })
})

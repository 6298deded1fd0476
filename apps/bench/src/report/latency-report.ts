import type { LatencyResult } from '../scenarios/latency.ts'
import type { ServerKind } from '../servers/types.ts'
import { pairedDifference, signTestP } from '../stats.ts'
import { mb, ms, msApart, num, pct, seconds, withRatio } from './format.ts'
import { isTandem, type Outcome } from './outcome.ts'

/** Clients at or above this share of one core were the bottleneck: the row does not measure the server. */
export const CLIENT_CPU_LIMIT = 0.9

/** Other processes (or the hypervisor's steal) at or above this share of one core weighed on a server's windows. */
export const OTHERS_CPU_LIMIT = 0.25

export interface LatencyTargets {
  /** Scenarios 1 and 3: p99 ≤ 1.3× the floor's and ≤ both peers'; delivered = 1. */
  relative: boolean
  /** Scenario 2: p99 < 100 ms, event-loop p99 < 50 ms, delivered = 1, server CPU below both peers'. */
  absolute: boolean
}

export function latencyOutcome(
  id: string,
  title: string,
  kinds: ServerKind[],
  results: Map<string, LatencyResult | Error>,
  targets: LatencyTargets,
): Outcome {
  const floor = results.get('relay')
  const f = floor instanceof Error ? undefined : floor
  const notes: string[] = []
  const misses: string[] = []
  const rows: string[][] = []
  for (const kind of kinds) {
    const r = results.get(kind.name)
    if (!r) continue
    if (r instanceof Error) {
      rows.push([kind.label, 'failed', '', '', '', '', '', '', '', ''])
      notes.push(`${kind.label} failed: ${r.message.split('\n')[0]}`)
      continue
    }
    const invalid = r.clientCpuCores >= CLIENT_CPU_LIMIT
    const isFloor = kind.name === 'relay'
    const cpu = r.server_.cpuSeconds
    rows.push([
      kind.label + (invalid ? ' ⚠' : ''),
      withRatio(ms(r.latency.p50), r.latency.p50, isFloor ? null : f?.latency.p50),
      withRatio(ms(r.latency.p99), r.latency.p99, isFloor ? null : f?.latency.p99),
      withRatio(ms(r.latency.max), r.latency.max, isFloor ? null : f?.latency.max),
      r.delivered === 1 ? '1' : num(r.delivered, 4),
      withRatio(seconds(cpu), cpu, isFloor ? null : f?.server_.cpuSeconds) +
        (r.server_.dbCpuSeconds != null ? ` + db ${seconds(r.server_.dbCpuSeconds)}` : ''),
      withRatio(mb(r.server_.rssPeak), r.server_.rssPeak, isFloor ? null : f?.server_.rssPeak),
      withRatio(ms(r.server_.loop.p99), r.server_.loop.p99, isFloor ? null : f?.server_.loop.p99),
      pct(r.clientCpuCores, 0),
      String(r.writes),
    ])
    if (invalid) notes.push(`⚠ ${kind.label}: the client processes used ${pct(r.clientCpuCores, 0)} of a core: they, not the server, may have been the bottleneck (row invalid).`)
    if (!(r.server_.probeLateMs < 1000)) {
      notes.push(
        Number.isFinite(r.server_.probeLateMs)
          ? `${kind.label}: the server answered the event-loop probe ${ms(r.server_.probeLateMs)} late (its loop was blocked); its event-loop figure covers less of the window.`
          : `${kind.label}: the server's event-loop probe never answered within the window (its loop was saturated).`,
      )
    }
    if (r.latency.p99 > 1000) notes.push(`${kind.label} collapsed (p99 over a second: a backlog, not latency); its CPU is what it managed to do, not what the load needed.`)
    if (r.connectFailures > 0) notes.push(`${kind.label}: ${r.connectFailures} clients could not connect.`)
  }
  notes.push(...machineNotes(kinds, results))
  if (f && (f.delivered < 1 || f.latency.p99 > 1000 || f.server_.cpuSeconds / f.server_.windowSeconds >= CLIENT_CPU_LIMIT)) {
    notes.push(
      `The relay (floor) collapsed here (delivered ${num(f.delivered, 4)}, ${pct(f.server_.cpuSeconds / f.server_.windowSeconds, 0)} of a core): its ratios are no yardstick; the targets are absolute.`,
    )
  }

  const peers = ['y-websocket', 'hocuspocus']
    .map((name) => results.get(name))
    .filter((r): r is LatencyResult => r !== undefined && !(r instanceof Error))
  for (const kind of kinds) {
    const r = results.get(kind.name)
    if (!isTandem(kind.name) || !r || r instanceof Error) continue
    const miss = (what: string) => misses.push(`${kind.label}: ${what}`)
    if (r.delivered < 1) miss(`delivered ${num(r.delivered, 4)} < 1`)
    if (targets.relative) {
      for (const p of peers) notes.push(roundByRound(kind.label, r, p))
      if (f && r.latency.p99 > 1.3 * f.latency.p99) {
        const bound = f.windowP99.map((p99) => 1.3 * p99)
        // The bound itself is printed: "4.2 ms > 1.3× the floor's (3.2 ms)" left the reader to work out 4.16.
        const [tandemP99, boundP99] = msApart(r.latency.p99, 1.3 * f.latency.p99)
        miss(`p99 ${tandemP99} > ${boundP99}, 1.3× the floor's ${ms(f.latency.p99)}${resolution(r.windowP99, bound)}`)
      }
      for (const p of peers) {
        if (!(r.latency.p99 > p.latency.p99)) continue
        const [tandemP99, peerP99] = msApart(r.latency.p99, p.latency.p99)
        miss(`p99 ${tandemP99} > ${p.server}'s (${peerP99})${resolution(r.windowP99, p.windowP99)}`)
      }
    }
    if (targets.absolute) {
      if (!(r.latency.p99 < 100)) miss(`p99 ${ms(r.latency.p99)} ≥ 100 ms`)
      if (!(r.server_.loop.p99 < 50)) miss(`event-loop p99 ${ms(r.server_.loop.p99)} ≥ 50 ms`)
      for (const p of peers) {
        if (!(r.server_.cpuSeconds < p.server_.cpuSeconds)) {
          miss(`server CPU ${seconds(r.server_.cpuSeconds)} ≥ ${p.server}'s (${seconds(p.server_.cpuSeconds)})`)
        }
      }
    }
  }
  return {
    id,
    title,
    table: {
      columns: ['server', 'p50', 'p99', 'max', 'delivered', 'server CPU', 'RSS peak', 'event loop p99', 'clients CPU', 'writes'],
      rows,
    },
    notes,
    misses,
    results: Object.fromEntries([...results].map(([k, v]) => [k, v instanceof Error ? { error: v.message } : v])),
  }
}

/**
 * What the rest of the machine did during each server's windows: whether a burst of other work (another session's
 * tests, say) or the hypervisor (steal) took cores from the server and its clients, rather than leaving it to be
 * guessed from the load average.
 */
function machineNotes(kinds: ServerKind[], results: Map<string, LatencyResult | Error>): string[] {
  const measured = kinds.flatMap((kind) => {
    const r = results.get(kind.name)
    return r && !(r instanceof Error) ? [{ kind, machine: r.machine }] : []
  })
  if (measured.length === 0) return []
  const share = (cores: number) => pct(cores, 0)
  const notes = [
    'The rest of the machine during each server\'s windows (CPU of all other processes, the bench\'s own included / steal): ' +
      measured.map(({ kind, machine }) => `${kind.label} ${share(machine.othersCores)} / ${share(machine.stealCores)}`).join(', ') +
      '.',
  ]
  for (const { kind, machine } of measured) {
    const taken = machine.othersCores + machine.stealCores
    if (taken >= OTHERS_CPU_LIMIT) notes.push(`⚠ ${kind.label}: other work took ${share(taken)} of a core during its windows: its figures carry that load too.`)
  }
  return notes
}

/**
 * How a Tandem's p99 stood against a peer's in each round: the turns of one round are minutes apart at most, so the
 * machine's other load weighs on both alike. Tells a difference the run resolves (above in every round) from one
 * within its noise (above in some rounds, below in others).
 */
function roundByRound(label: string, r: LatencyResult, peer: LatencyResult): string {
  const d = pairedDifference(r.windowP99, peer.windowP99)
  if (d.pairs === 0) return `${label} against ${peer.server}: no round measured both.`
  const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(1)}`
  return (
    `Round by round, ${label}'s p99 minus ${peer.server}'s: ${signed(d.min)} to ${signed(d.max)} ms (median ${signed(d.median)}); ` +
    `above it in ${d.above} of ${d.pairs} rounds.`
  )
}

/**
 * Whether the run resolves a miss of the pooled p99: in how many rounds the Tandem's p99 was above the bound's (a
 * peer's, or the floor's × 1.3, in the same round), and the sign test's p-value for that count. The miss stands
 * either way; a p-value of 0.05 or more says the rounds do not tell it from noise.
 */
function resolution(tandem: number[], bound: number[]): string {
  const d = pairedDifference(tandem, bound)
  if (d.pairs === 0) return ''
  const p = signTestP(d.above, d.pairs)
  const verdict = p < 0.05 ? 'which the run resolves' : 'which the run does not tell from noise'
  return `; above it in ${d.above} of ${d.pairs} rounds, ${verdict} (sign test p ${p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`})`
}

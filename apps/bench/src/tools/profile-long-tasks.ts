/**
 * The longest busy stretches of a V8 .cpuprofile (node --cpu-prof): runs of samples with no `(idle)` between them,
 * i.e. what held the event loop, each with its wall time, the largest gap between two of its samples (the sampler
 * ticks every ~1 ms of wall time while the thread runs: a gap of tens of ms is the thread descheduled or in a long
 * blocking call) and its heaviest frames.
 *   node --import tsx apps/bench/src/tools/profile-long-tasks.ts <file.cpuprofile> [min-ms] [rows] [from-s] [to-s]
 */
import { frameName, readProfile } from './cpuprofile.ts'

interface Stretch {
  startMs: number
  wallMs: number
  samples: number
  largestGapMs: number
  frames: Map<string, number>
}

const [file, minArg = '20', rowsArg = '15', fromArg, toArg] = process.argv.slice(2)
if (!file) throw new Error('usage: profile-long-tasks.ts <file.cpuprofile> [min-ms] [rows] [from-s] [to-s]')
const { profile, byId, parent } = readProfile(file)
const minMs = Number(minArg)
const fromMs = fromArg === undefined ? -Infinity : Number(fromArg) * 1000
const toMs = toArg === undefined ? Infinity : Number(toArg) * 1000

/** A sample's stack, innermost first, as the few frames that tell what it was doing. */
const stackOf = (id: number): string => {
  const names: string[] = []
  for (let at: number | undefined = id; at !== undefined && names.length < 4; at = parent.get(at)) {
    const n = byId.get(at)!
    if (n.callFrame.functionName === '(root)') break
    names.push(frameName(n))
  }
  return names.join(' < ')
}

const stretches: Stretch[] = []
let current: Stretch | null = null
let at = 0
profile.samples.forEach((id, i) => {
  const delta = (profile.timeDeltas[i] ?? 0) / 1000
  at += delta
  if (at < fromMs || at > toMs) return
  const idle = byId.get(id)!.callFrame.functionName === '(idle)'
  if (idle) {
    if (current && current.wallMs >= minMs) stretches.push(current)
    current = null
    return
  }
  if (!current) {
    current = { startMs: at - delta, wallMs: 0, samples: 0, largestGapMs: 0, frames: new Map() }
  }
  current.wallMs += delta
  current.samples++
  current.largestGapMs = Math.max(current.largestGapMs, delta)
  const key = stackOf(id)
  current.frames.set(key, (current.frames.get(key) ?? 0) + delta)
})

const last = current as Stretch | null
if (last && last.wallMs >= minMs) stretches.push(last)

const busyWall = stretches.reduce((sum, s) => sum + s.wallMs, 0)
console.log(`${file}: ${stretches.length} busy stretches ≥ ${minMs} ms, ${busyWall.toFixed(0)} ms of wall time in them`)
for (const s of [...stretches].sort((a, b) => b.wallMs - a.wallMs).slice(0, Number(rowsArg))) {
  console.log(
    `\nat ${(s.startMs / 1000).toFixed(3)} s: ${s.wallMs.toFixed(1)} ms wall, ${s.samples} samples, largest gap ${s.largestGapMs.toFixed(1)} ms`,
  )
  for (const [key, ms] of [...s.frames].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`)
  }
}

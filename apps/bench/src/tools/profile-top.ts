/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof): the functions with the most self time and, for frames of the given
 * path (default apps/server), the most inclusive time, each with file:line.
 *   node --import tsx apps/bench/src/tools/profile-top.ts <file.cpuprofile> [path-filter] [rows] [from-s] [to-s]
 * from-s and to-s keep only the samples in that span of the profile (seconds from its start), e.g. a scenario's
 * measured window without the server's start and the clients' connecting; the busy time of each second is printed
 * first to find it.
 */
import { frameName as where, readProfile, type ProfileNode as Node } from './cpuprofile.ts'

const [file, filter = 'apps/server', rowsArg = '25', fromArg, toArg] = process.argv.slice(2)
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [path-filter] [rows]')
const { profile, byId, parent } = readProfile(file)
const rows = Number(rowsArg)
const self = new Map<string, number>()
const inclusive = new Map<string, number>()
const fromMs = fromArg === undefined ? -Infinity : Number(fromArg) * 1000
const toMs = toArg === undefined ? Infinity : Number(toArg) * 1000
const busyPerSecond: number[] = []
let total = 0
let at = 0
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000
  at += ms
  const node = byId.get(id)!
  const second = Math.floor(at / 1000)
  if (node.callFrame.functionName !== '(idle)') busyPerSecond[second] = (busyPerSecond[second] ?? 0) + ms
  if (at < fromMs || at > toMs) return
  total += ms
  self.set(where(node), (self.get(where(node)) ?? 0) + ms)
  const seen = new Set<string>()
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = byId.get(at)!
    if (!n.callFrame.url.includes(filter)) continue
    const key = where(n)
    if (seen.has(key)) continue
    seen.add(key)
    inclusive.set(key, (inclusive.get(key) ?? 0) + ms)
  }
})
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`)
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${key}`)
  }
}
console.log(`busy ms per second: ${Array.from(busyPerSecond, (ms) => (ms ?? 0).toFixed(0)).join(' ')}`)
console.log(`${file}: ${(total / 1000).toFixed(1)} s sampled`)
print('self time', self)
print(`inclusive time, frames under ${filter}`, inclusive)

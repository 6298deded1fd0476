/**
 * What a piece of work costs when it comes back after a gap, against back to back: PGlite's five-row INSERT (the
 * shape of a group commit), and a walk over a JavaScript working set of a given size. Between two runs the thread
 * spins on the clock for the gap (it neither sleeps nor touches memory), so what grows with the gap is not a wake-up
 * but the caches the work finds cold: on a shared machine they are refilled by others within tens of milliseconds.
 * Wall time of each run, median over the rounds, interleaved.
 *   node --import tsx apps/bench/src/tools/cold-cost.ts [rounds]
 */
import { PGlite } from '@electric-sql/pglite'
import { median } from '../stats.ts'

const ROUNDS = Number(process.argv[2] ?? 5)
const GAPS_MS = [0, 2, 5, 10, 20, 50]
/** Runs timed per gap and round: enough to average a few, few enough that 50 ms gaps keep a round short. */
const RUNS = (gapMs: number) => (gapMs === 0 ? 200 : Math.max(15, Math.round(600 / gapMs)))

function spin(ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end);
}

const pglite = await PGlite.create('memory://')
await pglite.exec(`CREATE TABLE t (seq bigserial PRIMARY KEY, doc text NOT NULL, data bytea NOT NULL, at timestamptz NOT NULL DEFAULT now())`)
const insert = `INSERT INTO t (doc, data) VALUES ($1, $2), ($3, $4), ($5, $6), ($7, $8), ($9, $10) RETURNING seq`
const insertParams = () => Array.from({ length: 10 }, (_, i) => (i % 2 ? new Uint8Array(40) : `doc-${i}`))

/** Reads and writes 4,000 places spread over `megabytes` of memory, five times: a working set of that size. */
function walker(megabytes: number): () => void {
  const memory = new Int32Array((megabytes * 1024 * 1024) / 4)
  const places = Int32Array.from({ length: 4000 }, (_, i) => ((i * 2654435761) >>> 0) % memory.length)
  return () => {
    for (let pass = 0; pass < 5; pass++) for (const place of places) memory[place] = memory[place]! + 1
  }
}

const workloads: { label: string; run: () => unknown }[] = [
  { label: 'PGlite: 5-row INSERT', run: () => pglite.query(insert, insertParams()) },
  ...[0.25, 2, 8, 32].map((mb) => ({ label: `JS: walk spread over ${mb} MB`, run: walker(mb) })),
]

const samples = new Map<string, number[]>()
for (let round = 0; round < ROUNDS; round++) {
  for (const workload of workloads) {
    for (const gapMs of GAPS_MS) {
      let total = 0
      for (let i = 0; i < RUNS(gapMs); i++) {
        spin(gapMs)
        const start = performance.now()
        await workload.run()
        total += performance.now() - start
      }
      const key = `${workload.label}|${gapMs}`
      samples.set(key, [...(samples.get(key) ?? []), total / RUNS(gapMs)])
    }
  }
}
await pglite.close()

const format = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`)
console.log(`| work | ${GAPS_MS.map((gap) => `${gap} ms apart`).join(' | ')} |`)
console.log(`| --- | ${GAPS_MS.map(() => '---').join(' | ')} |`)
for (const workload of workloads) {
  const warm = median(samples.get(`${workload.label}|0`)!)
  const cells = GAPS_MS.map((gap) => {
    const cost = median(samples.get(`${workload.label}|${gap}`)!)
    return gap === 0 ? format(cost) : `${format(cost)} (${(cost / warm).toFixed(1)}×)`
  })
  console.log(`| ${workload.label} | ${cells.join(' | ')} |`)
}

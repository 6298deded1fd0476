/**
 * What the embedded database costs the server's main thread: the storage work of scenario 6 (group commits of 100
 * small rows, a compaction writing a 420 KB snapshot, a load reading it back) through Tandem's own DocStore, on
 *   - PGlite on the main thread with its own bytea codec (Tandem before PGlite moved to a worker),
 *   - PGlite on the main thread with a Buffer hex codec,
 *   - PGlite in its worker thread (createDb, as the server runs it now).
 * And scenario 1's pattern: many group commits of a few rows.
 * CPU time, not latency: it holds on a busy machine where timings do not. Every statement PGlite runs on the main
 * thread is time the rooms wait.
 *   node --import tsx apps/bench/src/tools/db-thread.ts [rounds]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect } from 'kysely'
import { DocStore } from '../../../server/src/collab/persistence/doc-store.ts'
import { createDb, migrateToLatest, type Database } from '../../../../packages/db/src/index.ts'

const ROUNDS = Number(process.argv[2] ?? 8)
const BYTEA = 17
type Variant = 'main thread, PGlite codec' | 'main thread, hex codec' | 'worker thread'
const VARIANTS: Variant[] = ['main thread, PGlite codec', 'main thread, hex codec', 'worker thread']

const hexCodec = {
  serializers: { [BYTEA]: (x: Uint8Array) => '\\x' + Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex') },
  parsers: {
    [BYTEA]: (text: string) => {
      const bytes = new Uint8Array((text.length - 2) >>> 1)
      Buffer.from(bytes.buffer).write(text.slice(2), 'hex')
      return bytes
    },
  },
}

async function open(variant: Variant, dataDir: string): Promise<{ db: Kysely<Database>; close(): Promise<void> }> {
  if (variant === 'worker thread') return createDb({ dataDir })
  const pglite = await PGlite.create(dataDir, variant === 'main thread, hex codec' ? hexCodec : {})
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return { db, close: () => db.destroy() }
}

/** CPU time of this process's main thread (ms, 10 ms resolution). */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'latin1')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-db-thread-'))
const snapshot = Uint8Array.from({ length: 420_000 }, (_, i) => (i * 31 + (i >> 7)) & 0xff)
const setups = await Promise.all(
  VARIANTS.map(async (variant, i) => {
    const { db, close } = await open(variant, path.join(root, String(i)))
    await migrateToLatest(db)
    const network = await db.selectFrom('networks').select('id').executeTakeFirstOrThrow()
    const idea = await db.insertInto('ideas').values({ network_id: network.id, title: 'db-thread' }).returning('id').executeTakeFirstOrThrow()
    return {
      variant,
      store: new DocStore(db),
      docId: idea.id,
      close,
      main: [] as number[],
      process: [] as number[],
      load: [] as number[],
      smallMain: [] as number[],
      smallProcess: [] as number[],
    }
  }),
)
// Interleaved rounds: whatever else the machine does falls on every variant alike.
for (let round = 0; round < ROUNDS; round++) {
  for (const s of setups) {
    const rows = Array.from({ length: 100 }, () => ({ docId: s.docId, data: new Uint8Array(35).fill(7), userId: null }))
    const main0 = mainThreadCpuMs()
    const cpu0 = process.cpuUsage()
    let lastSeq = '0'
    for (let i = 0; i < 16; i++) lastSeq = (await s.store.append(rows)).get(s.docId)!
    await s.store.compactTo(s.docId, snapshot, new Uint8Array(8), lastSeq)
    const loadStarted = performance.now()
    await s.store.load(s.docId)
    s.load.push(performance.now() - loadStarted)
    const cpu = process.cpuUsage(cpu0)
    s.main.push(mainThreadCpuMs() - main0)
    s.process.push((cpu.user + cpu.system) / 1000)
    // Scenario 1's pattern: many small group commits (5 rows each), no compaction.
    const few = rows.slice(0, 5)
    const smallMain0 = mainThreadCpuMs()
    const smallCpu0 = process.cpuUsage()
    for (let i = 0; i < 100; i++) await s.store.append(few)
    const smallCpu = process.cpuUsage(smallCpu0)
    s.smallMain.push(mainThreadCpuMs() - smallMain0)
    s.smallProcess.push((smallCpu.user + smallCpu.system) / 1000)
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
console.log(`${ROUNDS} rounds; medians per round`)
console.log('16 group commits of 100 rows, 1 compaction (420 KB snapshot), 1 load:')
for (const s of setups) {
  console.log(
    `  ${s.variant.padEnd(26)} main-thread CPU ${median(s.main).toFixed(0).padStart(4)} ms · process CPU ${median(s.process).toFixed(0).padStart(4)} ms · load ${median(s.load).toFixed(0).padStart(4)} ms`,
  )
}
console.log('100 group commits of 5 rows:')
for (const s of setups) {
  console.log(
    `  ${s.variant.padEnd(26)} main-thread CPU ${median(s.smallMain).toFixed(0).padStart(4)} ms · process CPU ${median(s.smallProcess).toFixed(0).padStart(4)} ms`,
  )
}
for (const s of setups) await s.close()
rmSync(root, { recursive: true, force: true })

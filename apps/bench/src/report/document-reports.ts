import type { ColdLoadResult } from '../scenarios/cold-load.ts'
import type { IdleResult } from '../scenarios/idle.ts'
import type { PersistenceResult } from '../scenarios/persistence.ts'
import type { ServerKind } from '../servers/types.ts'
import { kb, mb, ms, num, seconds, withRatio } from './format.ts'
import { eachResult, isTandem, plain, type Outcome } from './outcome.ts'


export function idleOutcome(title: string, kinds: ServerKind[], results: Map<string, IdleResult | Error>): Outcome {
  const f0 = results.get('relay')
  const floor = f0 instanceof Error ? undefined : f0
  const ref0 = results.get('y-websocket')
  const reference = ref0 instanceof Error ? undefined : ref0
  const rows: string[][] = []
  const notes: string[] = []
  const misses: string[] = []
  eachResult(kinds, results, { width: 8, rows, notes }, (kind, r) => {
    const isFloor = kind.name === 'relay'
    const growth = r.rssAfter - r.rssBefore
    rows.push([
      kind.label,
      `${r.connections}${r.failures ? ` (${r.failures} failed)` : ''}`,
      withRatio(seconds(r.connectSeconds), r.connectSeconds, isFloor ? null : floor?.connectSeconds),
      withRatio(ms(r.connect.p50), r.connect.p50, isFloor ? null : floor?.connect.p50),
      withRatio(ms(r.connect.p99), r.connect.p99, isFloor ? null : floor?.connect.p99),
      `${mb(r.rssBefore)} → ${mb(r.rssAfter)}`,
      withRatio(mb(growth), growth, isFloor ? null : floor ? floor.rssAfter - floor.rssBefore : null),
      kb(r.growthPerConnection),
    ])
    if (r.failures) notes.push(`${kind.label}: ${r.failures} connections failed (${r.firstError ?? ''}).`)
    if (isTandem(kind.name) && reference && growth > reference.rssAfter - reference.rssBefore) {
      misses.push(`${kind.label}: RSS growth ${mb(growth)} > the reference server's (${mb(reference.rssAfter - reference.rssBefore)})`)
    }
  })
  notes.push('RSS is read from /proc after a full garbage collection of every isolate, worker threads included (the same probe in every server), before and after the connections.')
  return {
    id: '4',
    title,
    table: { columns: ['server', 'connections', 'connect all', 'connect p50', 'connect p99', 'RSS before → after', 'RSS growth', 'per connection'], rows },
    notes,
    misses,
    results: plain(results),
  }
}

export function coldLoadOutcome(
  title: string,
  kinds: ServerKind[],
  results: Map<string, ColdLoadResult | Error>,
  floor: { cold: number; warm: number; stateBytes: number; ops: number },
): Outcome {
  const rows: string[][] = [
    ['Y.applyUpdate of the state alone (floor)', withRatio(ms(floor.warm), floor.warm, null) + ` (cold process: ${ms(floor.cold)})`, '', '', '', '', '', ''],
  ]
  const notes: string[] = []
  const misses: string[] = []
  eachResult(kinds, results, { width: 8, rows, notes }, (kind, r) => {
    rows.push([
      kind.label + (r.cold ? '' : ' (from memory)'),
      withRatio(ms(r.syncServerMs), r.syncServerMs, floor.warm),
      r.roomLoadedLogMs == null ? '–' : ms(r.roomLoadedLogMs),
      withRatio(ms(r.providerSyncMs), r.providerSyncMs, floor.warm),
      withRatio(ms(r.warmSyncServerMs), r.warmSyncServerMs, floor.warm),
      mb(r.rssBaseline),
      mb(r.rssLoaded),
      `${mb(r.rssAfter)} (${num(r.rssAfter / r.rssBaseline, 2)}×)${r.unloaded ? '' : ' never unloaded'}`,
    ])
    if (isTandem(kind.name)) {
      if (r.syncServerMs > 2 * floor.warm) misses.push(`${kind.label}: cold sync ${ms(r.syncServerMs)} > 2× Y.applyUpdate (${ms(2 * floor.warm)})`)
      if (r.rssAfter > 1.1 * r.rssBaseline) misses.push(`${kind.label}: RSS after unload ${mb(r.rssAfter)} > 1.1× the baseline (${mb(r.rssBaseline)})`)
    }
  })
  notes.push(
    `Document: ${floor.ops.toLocaleString('en')} single-character edits (synthetic trace, fixed seed), state ${kb(floor.stateBytes)}.`,
    'sync (server) = socket opened → the whole sync step 2 received by a raw client (median); provider synced = a WebsocketProvider/HocuspocusProvider until its synced event (it applies the document too).',
    'Tandem: the room is unloaded (its last client left) before each cold load, which reads the snapshot from the database. The reference server and Hocuspocus have no persistence: a client seeds the document and stays; the figures are a second client syncing from memory, not a cold load. @y/websocket-server without persistence never unloads a document.',
    'RSS: baseline and after are read after a full garbage collection of every isolate; "loaded" is the peak while the document was in memory.',
  )
  return {
    id: '5',
    title,
    table: {
      columns: ['server', 'sync (server)', 'room load (server log)', 'provider synced', 'warm sync (server)', 'RSS baseline', 'RSS loaded', 'RSS after unload'],
      rows,
    },
    notes,
    misses,
    results: { floor, servers: plain(results) },
  }
}

export function persistenceOutcome(title: string, kinds: ServerKind[], results: Map<string, PersistenceResult | Error>, windowMs: number): Outcome {
  const rows: string[][] = []
  const notes: string[] = []
  const misses: string[] = []
  const ackLimit = windowMs + 25
  eachResult(kinds, results, { width: 9, rows, notes }, (kind, r) => {
    rows.push([
      kind.label,
      `${kb(r.storedBytes)} / ${kb(r.compactBytes)} = ${num(r.storedBytes / r.compactBytes, 2)}×`,
      `${ms(r.coldSyncServerMs)} (load ${ms(r.coldRoomLoadedLogMs)})`,
      ms(r.coldProviderSyncMs),
      num(r.walBytes / r.bytesReceived, 1),
      num(r.diskBytes / r.bytesReceived, 1),
      withRatio(ms(r.ack.p50), r.ack.p50, ackLimit),
      withRatio(ms(r.ack.p99), r.ack.p99, ackLimit),
      seconds(r.server_.cpuSeconds) + (r.server_.dbCpuSeconds != null ? ` + db ${seconds(r.server_.dbCpuSeconds)}` : ''),
    ])
    if (r.storedBytes > 2 * r.compactBytes) misses.push(`${kind.label}: stored ${kb(r.storedBytes)} > 2× compact (${kb(r.compactBytes)})`)
    if (r.ack.p99 > ackLimit) misses.push(`${kind.label}: stored-ack p99 ${ms(r.ack.p99)} > flush window + 25 ms (${ackLimit} ms)`)
    if (r.ackedInserts < r.edits * 0.5) notes.push(`${kind.label}: only ${r.ackedInserts} insertions were acknowledged.`)
  })
  const any = [...results.values()].find((r): r is PersistenceResult => !(r instanceof Error))
  if (any) {
    notes.push(
      `${any.edits.toLocaleString('en')} single-character edits (~70 % insertions) from one client at ${any.editsPerSecond}/s, each its own update (${kb(any.bytesReceived)} received); then the server is stopped (SIGTERM) and started again on the same database.`,
      `Ratios of the ack latencies are to the target, flush window + 25 ms = ${ackLimit} ms. Acks are timed for insertions (a deletion moves no state vector).`,
      'WAL = pg_current_wal_lsn() before and after (PostgreSQL: the whole cluster, so concurrent use of that server inflates it); disk = write_bytes of /proc/<pid>/io of the database processes (PGlite: the server process; PostgreSQL: its backends, not the checkpointer).',
    )
  }
  return {
    id: '6',
    title,
    table: {
      columns: ['server', 'stored / compact', 'cold load (server)', 'cold load (provider)', 'WAL bytes per byte received', 'disk bytes per byte received', 'stored ack p50', 'stored ack p99', 'server CPU'],
      rows,
    },
    notes,
    misses,
    results: plain(results),
  }
}

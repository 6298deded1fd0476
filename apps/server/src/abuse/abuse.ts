/**
 * `npm run abuse -w @tandem/server -- <scenario…> [--postgres] [--option value…]`: what a hostile client did to the
 * server in issue 25 (points 3 and 4), at sizes a shared 2-core machine takes, against `npm start`'s process on a
 * fresh database. Prints one JSON object per scenario: RSS, /api/health latency (a stalled event loop or a saturated
 * database shows there first), how the sockets ended. Scenarios: observer-memory, stranger-lookups,
 * anonymous-updates, half-open, or all.
 */
import { parseArgs } from 'node:util'
import { observerMemory } from './observer-memory.ts'
import { anonymousUpdates, halfOpen, strangerLookups } from './strangers.ts'
import { startTarget } from './target.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    postgres: { type: 'boolean', default: false },
    sockets: { type: 'string' },
    users: { type: 'string', default: '1' },
    requests: { type: 'string', default: '10' },
    'doc-mib': { type: 'string', default: '1' },
    'hold-ms': { type: 'string' },
    upgrades: { type: 'string', default: '2000' },
    'update-kib': { type: 'string', default: '815' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '2000' },
    /** Extra environment for the server, `NAME=value`, repeatable (e.g. --env MAX_CONNECTIONS=1000). */
    env: { type: 'string', multiple: true, default: [] },
  },
})

const all = ['observer-memory', 'stranger-lookups', 'anonymous-updates', 'half-open']
const scenarios = positionals.length === 0 || positionals.includes('all') ? all : positionals
const unknown = scenarios.filter((name) => !all.includes(name))
if (unknown.length > 0) {
  process.stderr.write(`unknown scenario ${unknown.join(', ')}; one of ${all.join(', ')} or all\n`)
  process.exit(2)
}
const env = Object.fromEntries(values.env.map((entry) => entry.split('=', 2) as [string, string]))
const number = (name: string, fallback: string) => Number((values as Record<string, unknown>)[name] ?? fallback)

for (const scenario of scenarios) {
  // A fresh server for each: one scenario's leftovers (sockets closing, memory not yet returned) skew the next.
  const target = await startTarget({ postgres: values.postgres, env })
  try {
    const result =
      scenario === 'observer-memory'
        ? await observerMemory(target, {
            sockets: number('sockets', '50'),
            users: number('users', '1'),
            requests: number('requests', '10'),
            docMiB: number('doc-mib', '1'),
            holdMs: number('hold-ms', '8000'),
          })
        : scenario === 'stranger-lookups'
          ? await strangerLookups(target, { upgrades: number('upgrades', '2000') })
          : scenario === 'anonymous-updates'
            ? await anonymousUpdates(target, { sockets: number('sockets', '10'), updateKiB: number('update-kib', '815'), rounds: number('rounds', '3') })
            : await halfOpen(target, { connections: number('connections', '2000'), holdMs: number('hold-ms', '20000') })
    console.log(JSON.stringify({ database: values.postgres ? 'postgres' : 'pglite', env, ...result }))
  } finally {
    await target.close()
  }
}

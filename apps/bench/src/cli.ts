/**
 * npm run bench -- [options]: starts each server as its own process, drives it with client processes, prints one
 * table per scenario (each figure also as a ratio to the floor measured in the same run), writes the raw results as
 * JSON under bench/results/, and with --update-docs rewrites the tables in docs/PERFORMANCE.md.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs, USAGE } from './args.ts'
import { replaceBlocks } from './report/docs.ts'
import type { Outcome } from './report/outcome.ts'
import { renderTable } from './report/table.ts'
import { SCENARIOS, type Context } from './scenarios/index.ts'
import { envFlags, REPO_ROOT } from './servers/launch.ts'
import { kindByName, SERVER_KINDS } from './servers/kinds.ts'
import { tandemKind } from './servers/tandem.ts'
import type { ServerKind } from './servers/types.ts'

const argv = process.argv.slice(2)
const options = parseArgs(argv)
if (options.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}

const startedAt = new Date()
const started = performance.now()
const resultsDir = path.join(REPO_ROOT, 'bench/results')
const stamp = startedAt.toISOString().replace(/[:.]/g, '-')
mkdirSync(resultsDir, { recursive: true })
const log = (line: string) => process.stdout.write(`${line}\n`)

const requested = (options.servers ?? SERVER_KINDS.map((k) => k.name)).map(kindByName)
// --compare-ref: that commit's Tandem takes its turns right after the working tree's, on each database measured.
if (options.compareRef) {
  for (const [name, dialect] of [['tandem-pg', 'postgres'], ['tandem', 'pglite']] as const) {
    const at = requested.findIndex((k) => k.name === name)
    if (at >= 0) requested.splice(at + 1, 0, tandemKind(dialect, options.compareRef))
  }
}
const kinds: ServerKind[] = []
for (const kind of requested) {
  const why = kind.unavailable()
  if (why) log(`note: ${kind.label}: ${why}`)
  else kinds.push(kind)
}

const git = (...args: string[]) => {
  try {
    return execFileSync('git', ['-C', REPO_ROOT, ...args], { encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}
const tandemVersion = options.tandemRef
  ? `commit ${git('rev-parse', '--short=12', options.tandemRef)}`
  : `the working tree (HEAD ${git('rev-parse', '--short=12', 'HEAD')}${git('status', '--porcelain', '--', 'apps/server', 'packages') ? ' with uncommitted changes' : ''})`
const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`
const machine = {
  command,
  date: startedAt.toISOString(),
  node: process.version,
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  tandem: tandemVersion,
}
log(`${command}\n${machine.date} · Node ${machine.node} · ${machine.cores} cores (${machine.cpu}) · load average ${machine.loadAverageAtStart.join(' ')}`)
log(`Tandem: ${tandemVersion}`)
log(`servers: ${kinds.map((k) => k.label).join(', ')}`)

const ctx: Context = {
  kinds,
  quick: options.quick,
  durationSeconds: options.durationSeconds ?? (options.quick ? 5 : 30),
  rounds: options.rounds ?? (options.quick ? 1 : null),
  editRate: options.editRate ?? 2000,
  profileDir: options.cpuProf ? path.join(resultsDir, `profiles-${stamp}`) : null,
  log,
  start(kind, startOptions = {}) {
    const nodeFlags = [
      ...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.join(resultsDir, `profiles-${stamp}`)}`] : []),
      ...envFlags('BENCH_NODE_FLAGS'),
    ]
    return kind.start({ ...startOptions, nodeFlags, tandemRef: options.tandemRef })
  },
}

const outcomes: Outcome[] = []
for (const scenario of SCENARIOS.filter((s) => options.scenarios.includes(s.id))) {
  log(`\nscenario ${scenario.id} …`)
  for (const outcome of await scenario.run(ctx)) {
    outcomes.push(outcome)
    log(`\n${describe(outcome)}\n`)
  }
}

const totalSeconds = (performance.now() - started) / 1000
const misses = outcomes.flatMap((o) => o.misses.map((m) => `scenario ${o.id}: ${m}`))
log(`\nTargets Tandem misses: ${misses.length === 0 ? 'none' : `\n  ${misses.join('\n  ')}`}`)
log(`Total: ${(totalSeconds / 60).toFixed(1)} min · load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)

const file = path.join(resultsDir, `bench-${stamp}.json`)
writeFileSync(file, JSON.stringify({ machine, options, totalSeconds, misses, outcomes }, null, 2))
log(`Raw results: ${path.relative(process.cwd(), file)}`)

if (options.updateDocs) {
  const docsFile = path.join(REPO_ROOT, 'docs/PERFORMANCE.md')
  let current = ''
  try {
    current = readFileSync(docsFile, 'utf8')
  } catch {
    current = '# Performance\n'
  }
  const blocks: Record<string, string> = {
    run: [
      `Measured with \`${command}\` on ${machine.date.slice(0, 10)} (Tandem: ${tandemVersion}): Node ${machine.node}, ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB; load average at the start ${machine.loadAverageAtStart.join(' ')}, at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine is shared: other test runs may have been competing for the cores); the run took ${(totalSeconds / 60).toFixed(1)} min.`,
    ].join('\n'),
  }
  for (const outcome of outcomes) blocks[`scenario-${outcome.id}`] = describe(outcome, true)
  writeFileSync(docsFile, replaceBlocks(current, blocks))
  log(`Updated ${path.relative(process.cwd(), docsFile)}`)
}
process.exit(0)

function describe(outcome: Outcome, forDocs = false): string {
  const lines = [`${forDocs ? '**' : ''}Scenario ${outcome.id}: ${outcome.title}${forDocs ? '**' : ''}`, '', renderTable(outcome.table)]
  if (outcome.notes.length) lines.push('', ...outcome.notes.map((n) => `- ${n}`))
  lines.push('', outcome.misses.length ? `Tandem misses:\n${outcome.misses.map((m) => `- ${m}`).join('\n')}` : 'Tandem meets its targets here.')
  return lines.join('\n')
}

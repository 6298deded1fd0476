/** The bench's command line. Pure: parsed here, checked in cli.ts against the known servers and scenarios. */
export interface Options {
  scenarios: string[]
  servers: string[] | null
  durationSeconds: number | null
  rounds: number | null
  quick: boolean
  updateDocs: boolean
  cpuProf: boolean
  editRate: number | null
  tandemRef: string | null
  compareRef: string | null
  help: boolean
}

export const USAGE = `npm run bench -- [options]
  --quick               a 5-second smoke run of everything (smaller rooms, documents and edit counts)
  --scenarios 1,2,…     which scenarios (1–8; default all; 7 is the browser on Slow 3G, 8 typing in a 1 MB idea)
  --servers a,b,…       tandem, tandem-pg, relay, y-websocket, hocuspocus (default all; tandem-pg needs DATABASE_URL);
                        also y-websocket-leveldb (the reference server storing into LevelDB), only when named
  --duration S          seconds of writing in scenarios 1–3 (default 30, quick 5)
  --rounds N            scenarios 1–3 measure each server in N windows, taking turns (default 2 × servers, quick 1)
  --edit-rate N         edits per second in scenario 6 (default 2000)
  --update-docs         rewrite the tables in docs/PERFORMANCE.md
  --tandem-ref REF      measure that commit's Tandem server (git archive) instead of the working tree's
  --compare-ref REF     also measure that commit's Tandem beside each Tandem measured, taking turns in the same run (an A/B)
  --cpu-prof            run every server with node --cpu-prof (profiles under the results folder); scenario 8 also
                        profiles the browser typing into the 1 MB idea
`

export function parseArgs(argv: string[]): Options {
  const options: Options = {
    scenarios: ['1', '2', '3', '4', '5', '6', '7', '8'],
    servers: null,
    durationSeconds: null,
    rounds: null,
    quick: false,
    updateDocs: false,
    cpuProf: false,
    editRate: null,
    tandemRef: null,
    compareRef: null,
    help: false,
  }
  const list = (value: string | undefined, flag: string) => {
    if (!value) throw new Error(`${flag} needs a value`)
    return value.split(',').map((s) => s.trim()).filter(Boolean)
  }
  const number = (value: string | undefined, flag: string) => {
    const n = Number(value)
    if (!value || !Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number`)
    return n
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined]
    const value = () => inline ?? argv[++i]
    switch (flag) {
      case '--quick':
        options.quick = true
        break
      case '--update-docs':
        options.updateDocs = true
        break
      case '--cpu-prof':
        options.cpuProf = true
        break
      case '--scenarios':
        options.scenarios = list(value(), flag)
        break
      case '--servers':
        options.servers = list(value(), flag)
        break
      case '--duration':
        options.durationSeconds = number(value(), flag)
        break
      case '--rounds':
        options.rounds = number(value(), flag)
        if (!Number.isInteger(options.rounds)) throw new Error('--rounds needs a whole number')
        break
      case '--edit-rate':
        options.editRate = number(value(), flag)
        break
      case '--tandem-ref':
        options.tandemRef = value() ?? null
        if (!options.tandemRef) throw new Error('--tandem-ref needs a commit')
        break
      case '--compare-ref':
        options.compareRef = value() ?? null
        if (!options.compareRef) throw new Error('--compare-ref needs a commit')
        break
      case '--help':
      case '-h':
        options.help = true
        break
      default:
        throw new Error(`unknown option ${argv[i]}\n${USAGE}`)
    }
  }
  for (const s of options.scenarios) if (!/^[1-8]$/.test(s)) throw new Error(`unknown scenario "${s}" (1–8)`)
  return options
}

import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { cleanEnv, freePort, spawnServer, waitForHttp } from './launch.ts'
import { tandemKind } from './tandem.ts'
import type { Dialect, RunningServer, ServerKind, ServerKindName, StartOptions } from './types.ts'

const program = (file: string) => fileURLToPath(new URL(file, import.meta.url))

/**
 * A server that is one program of ours (relay, the reference server's launcher, Hocuspocus's): any room name.
 * `dataDirEnv`: the variable that names a folder for it to store documents in (a fresh one per start, removed after).
 */
function programKind(
  name: ServerKindName,
  label: string,
  file: string,
  dialect: Dialect,
  crdt: boolean,
  dataDirEnv?: string,
): ServerKind {
  const kind: ServerKind = {
    name,
    label,
    dialect,
    persistent: false,
    crdt,
    unavailable: () => null,
    async start(options: StartOptions): Promise<RunningServer> {
      const port = await freePort()
      const dataDir = dataDirEnv ? mkdtempSync(path.join(os.tmpdir(), `tandem-bench-${name}-`)) : undefined
      const env = cleanEnv({ PORT: String(port), HOST: '127.0.0.1', ...(dataDirEnv ? { [dataDirEnv]: dataDir } : {}) })
      const proc = spawnServer(program(file), env, options.nodeFlags)
      const stop = async () => {
        await proc.stop()
        if (dataDir) rmSync(dataDir, { recursive: true, force: true })
      }
      try {
        await waitForHttp(`http://127.0.0.1:${port}/`, proc, 30_000)
      } catch (err) {
        await stop()
        throw err
      }
      return {
        kind,
        pid: proc.pid,
        port,
        wsBase: `ws://127.0.0.1:${port}`,
        probeSocket: proc.probeSocket,
        storage: {},
        storedParam: {},
        headers: {},
        output: proc.output,
        onLine: proc.onLine,
        createRoom: async (index) => `bench-room-${index}`,
        databasePids: async () => [],
        stop,
      }
    },
  }
  return kind
}

export const SERVER_KINDS: ServerKind[] = [
  tandemKind('pglite'),
  tandemKind('postgres'),
  programKind('relay', 'relay (floor)', './relay.ts', 'y-websocket', false),
  programKind('y-websocket', '@y/websocket-server 0.1.1', './y-websocket-server.ts', 'y-websocket', true),
  programKind('hocuspocus', 'Hocuspocus 4.7.0', './hocuspocus-server.ts', 'hocuspocus', true),
]

/**
 * Servers measured only when named in --servers, for comparison beside the four: the reference server as its
 * users run it when they keep documents (its bin/server.js with YPERSISTENCE: every update put into LevelDB through
 * y-leveldb, the store @y/websocket-server ships for it). Not a peer the targets name: it stores what Tandem stores,
 * without Tandem's acknowledgements (LevelDB writes are not synced).
 */
export const EXTRA_KINDS: ServerKind[] = [
  programKind(
    'y-websocket-leveldb',
    '@y/websocket-server 0.1.1 + y-leveldb',
    './y-websocket-server.ts',
    'y-websocket',
    true,
    'YPERSISTENCE',
  ),
]

export const FLOOR: ServerKindName = 'relay'

/** Every server --servers may name: the default set, then the extras. */
const KNOWN_KINDS: ServerKind[] = [...SERVER_KINDS, ...EXTRA_KINDS]

export function kindByName(name: string): ServerKind {
  const kind = KNOWN_KINDS.find((k) => k.name === name)
  if (!kind) throw new Error(`unknown server "${name}"; known: ${KNOWN_KINDS.map((k) => k.name).join(', ')}`)
  return kind
}

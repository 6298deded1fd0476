import { fileURLToPath } from 'node:url'
import { cleanEnv, freePort, spawnServer, waitForHttp } from './launch.ts'
import { tandemKind } from './tandem.ts'
import type { Dialect, RunningServer, ServerKind, ServerKindName, StartOptions } from './types.ts'

const program = (file: string) => fileURLToPath(new URL(file, import.meta.url))

/** A server that is one program of ours (relay, the reference server's launcher, Hocuspocus's): any room name. */
function programKind(
  name: ServerKindName,
  label: string,
  file: string,
  dialect: Dialect,
  crdt: boolean,
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
      const proc = spawnServer(program(file), cleanEnv({ PORT: String(port), HOST: '127.0.0.1' }), options.nodeFlags)
      try {
        await waitForHttp(`http://127.0.0.1:${port}/`, proc, 30_000)
      } catch (err) {
        await proc.stop()
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
        stop: () => proc.stop(),
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

export const FLOOR: ServerKindName = 'relay'

export function kindByName(name: string): ServerKind {
  const kind = SERVER_KINDS.find((k) => k.name === name)
  if (!kind) throw new Error(`unknown server "${name}"; known: ${SERVER_KINDS.map((k) => k.name).join(', ')}`)
  return kind
}

import { readEnv } from './env.ts'
import { watchLauncher } from './launcher-watch.ts'
import { createLogger } from './logger.ts'
import { startServer } from './server.ts'

const env = readEnv()
const logger = createLogger(env.LOG_LEVEL)

const server = await startServer({ ...env, DATA_DIR: env.DATABASE_URL ? undefined : env.DATA_DIR }, logger).catch(
  (err: unknown) => {
    logger.fatal({ err }, 'could not start')
    process.exit(1)
  },
)
logger.info(
  { port: server.port, database: server.db.dialect, dataDir: server.db.dialect === 'pglite' ? env.DATA_DIR : undefined },
  `Tandem listening on http://localhost:${server.port}`,
)

let stopping = false
function shutdown(reason: string): void {
  if (stopping) return
  stopping = true
  logger.info({ reason }, 'shutting down')
  server
    .close()
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      logger.error({ err }, 'shutdown failed')
      process.exit(1)
    })
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutdown(signal))
if (env.launchedByNpm) watchLauncher(() => shutdown('the npm process that started the server is gone'))

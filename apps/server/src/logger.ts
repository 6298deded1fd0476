import { pino, type Logger } from 'pino'

export type { Logger }

/** Structured JSON logs, one line per event. Never log document content, tokens, passwords or emails. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'tandem' }, timestamp: pino.stdTimeFunctions.isoTime })
}

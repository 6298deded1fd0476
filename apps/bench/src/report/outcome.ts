import type { ServerKind } from '../servers/types.ts'
import type { Table } from './table.ts'

/** One table of one scenario (a scenario with variants, like 200 and 400 writers, has one per variant). */
export interface Outcome {
  id: string
  title: string
  table: Table
  /** Lines printed under the table: notes on the method, invalid rows, and every target Tandem misses. */
  notes: string[]
  misses: string[]
  results: unknown
}

export const TANDEM = ['tandem', 'tandem-pg']
export const isTandem = (name: string) => TANDEM.includes(name)

/** A table row for a server whose run failed: its name, "failed", and empty cells. */
export const failedRow = (kind: ServerKind, width: number) => [kind.label, 'failed', ...Array<string>(width - 2).fill('')]
export const firstLine = (e: Error) => e.message.split('\n')[0]
/** Results as JSON: an error becomes `{ error: message }`. */
export const plain = <T>(results: Map<string, T | Error>) =>
  Object.fromEntries([...results].map(([k, v]) => [k, v instanceof Error ? { error: v.message } : v]))

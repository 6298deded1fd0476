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
const failedRow = (kind: ServerKind, width: number) => [kind.label, 'failed', ...Array<string>(width - 2).fill('')]
const firstLine = (e: Error) => e.message.split('\n')[0]
/** Results as JSON: an error becomes `{ error: message }`. */
export const plain = <T>(results: Map<string, T | Error>) =>
  Object.fromEntries([...results].map(([k, v]) => [k, v instanceof Error ? { error: v.message } : v]))

/**
 * Calls `row` for each server that ran and succeeded, in the table's order; a server whose run failed gets its
 * "failed" row (`width` cells) and a note in its place. Returns the servers that failed.
 */
export function eachResult<T>(
  kinds: ServerKind[],
  results: Map<string, T | Error>,
  table: { width: number; rows: string[][]; notes: string[] },
  row: (kind: ServerKind, result: T) => void,
): ServerKind[] {
  const failed: ServerKind[] = []
  for (const kind of kinds) {
    const r = results.get(kind.name)
    if (r === undefined) continue
    if (r instanceof Error) {
      table.rows.push(failedRow(kind, table.width))
      table.notes.push(`${kind.label} failed: ${firstLine(r)}`)
      failed.push(kind)
      continue
    }
    row(kind, r)
  }
  return failed
}

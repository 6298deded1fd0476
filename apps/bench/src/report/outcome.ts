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

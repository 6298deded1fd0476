import { z } from 'zod'

/**
 * A string field stored or looked up as text: refuses U+0000 with a 400 naming the field, before any query
 * (PostgreSQL's text cannot hold it, so it used to reach the database as an error, a 500). Chain the field's own
 * rules after it: `text().trim().min(1, …)`.
 */
export function text() {
  return z.string().refine((value) => !value.includes('\u0000'), 'it contains a NUL character (U+0000)')
}
